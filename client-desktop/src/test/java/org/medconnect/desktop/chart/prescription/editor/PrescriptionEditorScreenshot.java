package org.medconnect.desktop.chart.prescription.editor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jooq.DSLContext;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The prescription editor with a draft of three lines, a HIGH allergy alert and a line being
 * written, 1366 x 768 under Xvfb against a real server: {@code xvfb-run -a -s "-screen 0 1366x768x24"
 * java -Dprism.order=sw -cp … org.medconnect.desktop.chart.prescription.editor.PrescriptionEditorScreenshot docs/screenshots}.
 */
public final class PrescriptionEditorScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE))) {
            UUID ana = seed(clinic);
            Platform.startup(() -> { });
            new PrescriptionEditorScreenshot().run(clinic, ana, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    static UUID seed(TestClinic clinic) {
        var f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        UUID ana = f.patient("Ana", "Souza");
        DSLContext dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID d = okafor.userId();
        dsl.query("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                """, ana, d, now.minusDays(60), now.minusDays(60), d, d, now.minusDays(60)).execute();
        dsl.query("""
                insert into allergy (patient_id, substance, substance_code, category, reaction, severity, recorded_by, recorded_at,
                                     updated_by, updated_at)
                values (?, 'Penicillins', 'class:penicillins', 'DRUG_CLASS', 'Anaphylaxis', 'SEVERE', ?, ?::timestamptz, ?, ?::timestamptz)
                """, ana, d, now, d, now).execute();
        dsl.query("""
                insert into medication (patient_id, drug_code, name, strength, dosage, created_by, created_at, updated_by, updated_at)
                values (?, 'lisinopril', 'lisinopril', '10 mg', '1 tablet once daily', ?, ?::timestamptz, ?, ?::timestamptz)
                """, ana, d, now, d, now).execute();
        return ana;
    }

    static PrescriptionLineInput line(String key, String name, String strength, String form, String unit, PrescriptionFrequency f,
            int days, boolean asNeeded, String instructions) {
        return PrescriptionLineInput.newBuilder().setDrugKey(key).setDrugName(name).setStrength(strength).setForm(form)
                .setRoute(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL).setDoseAmount("1").setDoseUnit(unit).setFrequency(f)
                .setDurationDays(days).setAsNeeded(asNeeded).setInstructions(instructions).build();
    }

    private void run(TestClinic clinic, UUID ana, Path out) throws Exception {
        Clock clock = Clock.system(ZONE);
        stage = fx(() -> new Stage());
        EditorTestWindow doctor = EditorTestWindow.signIn(clinic.address(), "a.okafor", "doctor-pass-2026", clock);
        String id = doctor.draft(ana.toString(),
                line("amoxicillin", "amoxicillin", "500 mg", "capsule", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY,
                        7, false, "Take with food; finish the course"),
                line("ibuprofen", "ibuprofen", "400 mg", "tablet", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_8_HOURS,
                        5, true, "For pain; take after meals"),
                line("", "Honey and lemon syrup", "", "", "mL", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, 5, false, ""));
        var chart = doctor.chart(ana.toString(), "Ana Souza");
        fx(() -> {
            doctor.showEditor(stage, chart, id, () -> { });
            return null;
        });
        waitUntil(() -> text("#rx-status").startsWith("Draft") && alertCount() > 0);
        // A fourth line being written: the checks read it as the doctor types.
        fx(() -> {
            ((TextInputControl) stage.getScene().lookup("#rx-drug")).setText("naproxen");
            ((TextInputControl) stage.getScene().lookup("#rx-dose-unit")).setText("tablet");
            return null;
        });
        Thread.sleep(2500);
        shot(out.resolve("prescription-editor.png"));
        doctor.close();
    }

    private int alertCount() {
        try {
            return fx(() -> stage.getScene() == null ? 0 : stage.getScene().getRoot().lookupAll("#rx-alerts .rx-alert-card").size());
        } catch (Exception e) {
            return 0;
        }
    }

    private String text(String query) {
        Node n = find(query);
        return n instanceof Labeled l && l.getText() != null ? l.getText() : "";
    }

    private Node find(String query) {
        try {
            return fx(() -> stage.getScene() == null ? null : stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Timed out waiting for the screen");
            }
            Thread.sleep(100);
        }
    }

    private void shot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
