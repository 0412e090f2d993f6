package org.medconnect.desktop.chart.plan;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.chart.v1.CarePlan;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.Referral;
import org.medconnect.proto.chart.v1.ReferralStatus;
import org.medconnect.proto.chart.v1.ReferralUrgency;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * The chart's Plans & referrals page at 1366x768 with plans and referrals, rendered by JavaFX's
 * software pipeline into docs/screenshots/chart-plans-referrals.png (first argument: the folder).
 */
public final class PlansScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").resolve("chart-plans-referrals.png");
        Files.createDirectories(out.getParent());
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                var calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
                var model = new PlansViewModel("p-1", "d-1", null, calls, ZoneOffset.UTC);
                model.plans().setAll(List.of(
                        plan("Blood pressure control", "Home readings twice daily; target below 135/85. Review in 4 weeks.",
                                CarePlanStatus.CARE_PLAN_STATUS_ACTIVE, 2, 1_796_630_400L),
                        plan("Weight management", "Dietitian referral, 30 minutes walking a day.", CarePlanStatus.CARE_PLAN_STATUS_ACTIVE, 1,
                                1_795_420_800L),
                        plan("Post-operative wound care", "Dressing change every second day.", CarePlanStatus.CARE_PLAN_STATUS_COMPLETED, 3,
                                1_780_000_000L)));
                model.referrals().setAll(List.of(
                        Referral.newBuilder().setId("r1").setToDoctorName("Dr Priya Sharma").setReason("Mole on the left shoulder, changed shape")
                                .setStatus(ReferralStatus.REFERRAL_STATUS_ACCEPTED).setUrgency(ReferralUrgency.REFERRAL_URGENCY_ROUTINE)
                                .setCreatedAt(ts(1_796_630_400L)).build(),
                        Referral.newBuilder().setId("r2").setToExternal("Dr Jana Novák, St Anne's Cardiology\nPekařská 53, Brno")
                                .setReason("Echocardiography").setStatus(ReferralStatus.REFERRAL_STATUS_SENT).setHasLetter(true)
                                .setUrgency(ReferralUrgency.REFERRAL_URGENCY_URGENT).setCreatedAt(ts(1_796_716_800L)).build()));
                model.colleagues().setAll(Doctor.newBuilder().setDoctorId("d-2").setDisplayName("Dr Priya Sharma").build());
                model.followUpNoteProperty().set("30 minutes, with the home blood pressure log");
                OverlayHost overlays = new OverlayHost();
                overlays.setContent(new PlansView(model, new Dialogs(overlays)));
                Scene scene = new Scene(overlays.node(), 1366, 768);
                Theme.apply(scene);
                ((javafx.scene.control.TableView<?>) scene.lookup("#care-plans-table")).getSelectionModel().select(0);
                ((javafx.scene.control.TableView<?>) scene.lookup("#referrals-table")).getSelectionModel().select(1);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                write(scene.snapshot(null), out);
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

    static com.google.protobuf.Timestamp ts(long s) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(s).build();
    }

    static CarePlan plan(String title, String details, CarePlanStatus status, int version, long at) {
        return CarePlan.newBuilder().setId(title).setTitle(title).setDetails(details).setStatus(status).setVersion(version)
                .setUpdatedByName("Dr Amara Okafor").setUpdatedAt(ts(at)).setCreatedAt(ts(at)).build();
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
