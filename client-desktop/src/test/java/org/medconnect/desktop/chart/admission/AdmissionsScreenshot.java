package org.medconnect.desktop.chart.admission;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmissionStatus;
import org.medconnect.proto.chart.v1.ListAdmissionsResponse;

/**
 * The chart's Admissions page at 1366x768 with three stays, rendered by JavaFX's software
 * pipeline into docs/screenshots/chart-plans-admissions.png (first argument: the folder).
 */
public final class AdmissionsScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").resolve("chart-plans-admissions.png");
        Files.createDirectories(out.getParent());
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                var calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
                var model = new AdmissionsViewModel("p-1", r -> ListAdmissionsResponse.newBuilder()
                        .addAdmissions(stay(AdmissionStatus.ADMISSION_STATUS_ADMITTED, "Cardiology Ward", "12", 1_796_630_400L,
                                "Chest pain under observation", "", 0))
                        .addAdmissions(stay(AdmissionStatus.ADMISSION_STATUS_DISCHARGED, "Ward 3", "", 1_779_984_000L,
                                "Community-acquired pneumonia", "IV antibiotics 3 days, switched to oral. Home with GP review in 1 week.",
                                1_780_405_200L))
                        .addAdmissions(stay(AdmissionStatus.ADMISSION_STATUS_ENTERED_IN_ERROR, "", "", 1_769_990_400L,
                                "Observation", "", 0).toBuilder().setErrorReason("Wrong patient selected").build())
                        .build(), calls, ZoneId.of("Europe/Berlin"));
                model.reload();
                Scene scene = new Scene(new AdmissionsView(model), 1366, 768);
                Theme.apply(scene);
                WritableImage image = scene.snapshot(null);
                write(image, out);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                done.countDown();
            }
        });
        done.await(30, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }

    static Admission stay(AdmissionStatus status, String ward, String bed, long admitted, String reason, String summary, long discharged) {
        var b = Admission.newBuilder().setId("a-" + admitted).setPatientName("Zoë Ångström-Dvořák").setWard(ward).setBed(bed)
                .setAdmittingDoctorName("Dr Amara Okafor").setStatus(status).setReason(reason).setDischargeSummary(summary)
                .setAdmittedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(admitted));
        if (discharged > 0) {
            b.setDischargedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(discharged)).setDischargedByName("Dr Priya Sharma");
        }
        return b.build();
    }

    private static void write(WritableImage image, Path out) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.toFile());
    }
}
