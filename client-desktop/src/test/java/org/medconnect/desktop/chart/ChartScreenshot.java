package org.medconnect.desktop.chart;

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
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of the chart shell with a full summary, the break-the-glass step and the admins'
 * review, 1366 x 768 under Xvfb: {@code xvfb-run -a -s "-screen 0 1366x768x24" java
 * -Dprism.order=sw -cp … org.medconnect.desktop.chart.ChartScreenshot docs/screenshots}.
 */
public final class ChartScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        ChartScreenshot tour = new ChartScreenshot();
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE))) {
            UUID ana = seed(clinic);
            Platform.startup(() -> { });
            tour.run(clinic, ana, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    static UUID seed(TestClinic clinic) {
        var f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        f.doctor("i.novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        f.staff("clinic.admin", "Clinic Admin", Role.ADMIN);
        Principal nurse = f.staff("g.lee", "Grace Lee", Role.NURSE);
        UUID ana = f.patient("Ana", "Souza");
        UUID location = f.location("Riverside Clinic");
        UUID type = f.type("Consultation", 20, 0, false, false);
        DSLContext dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID d = okafor.userId();
        dsl.query("update patient set blood_group = 'O+', preferred_language = 'Portuguese' where id = ?", ana).execute();
        dsl.query("""
                insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at, blocks_until, status)
                values ('SHOT-1', ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, 'CONFIRMED')
                """, ana, d, location, type, now.plusDays(14).withHour(9).withMinute(30), now.plusDays(14).withHour(9).withMinute(50),
                now.plusDays(14).withHour(9).withMinute(50)).execute();
        dsl.query("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                """, ana, d, now.minusDays(60), now.minusDays(60), d, d, now.minusDays(60)).execute();
        String[][] allergies = {{"Penicillin", "SEVERE", "Anaphylaxis"}, {"Ibuprofen", "MODERATE", "Hives"}};
        for (String[] a : allergies) {
            dsl.query("""
                    insert into allergy (patient_id, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                    values (?, ?, 'DRUG', ?, ?, ?, ?::timestamptz, ?, ?::timestamptz)
                    """, ana, a[0], a[2], a[1], d, now, d, now).execute();
        }
        String[][] problems = {{"I10", "Essential (primary) hypertension"}, {"E11.9", "Type 2 diabetes mellitus without complications"},
                {"J45.909", "Asthma, uncomplicated"}};
        for (String[] p : problems) {
            dsl.query("""
                    insert into problem (patient_id, icd10_code, title, onset_date, created_by, created_at, updated_by, updated_at)
                    values (?, ?, ?, ?::date, ?, ?::timestamptz, ?, ?::timestamptz)
                    """, ana, p[0], p[1], now.minusYears(3).toLocalDate(), d, now, d, now).execute();
        }
        String[][] meds = {{"Amlodipine", "5 mg"}, {"Metformin", "500 mg"}, {"Salbutamol inhaler", "100 mcg"}};
        for (String[] m : meds) {
            dsl.query("""
                    insert into medication (patient_id, name, strength, dosage, created_by, created_at, updated_by, updated_at)
                    values (?, ?, ?, 'as directed', ?, ?::timestamptz, ?, ?::timestamptz)
                    """, ana, m[0], m[1], d, now, d, now).execute();
        }
        int[][] vitals = {{148, 92, 84}, {145, 90, 80}, {142, 88, 78}, {140, 88, 76}, {138, 86, 77}, {136, 85, 74}, {134, 84, 72}, {131, 82, 70}};
        for (int i = 0; i < vitals.length; i++) {
            OffsetDateTime at = now.minusDays(7L * (vitals.length - i));
            dsl.query("""
                    insert into vital_signs (patient_id, measured_at, systolic_mmhg, diastolic_mmhg, pulse_per_min, temperature_c,
                                             weight_kg, height_cm, recorded_by, recorded_at, updated_by, updated_at)
                    values (?, ?::timestamptz, ?, ?, ?, 36.8, ?, 164, ?, ?::timestamptz, ?, ?::timestamptz)
                    """, ana, at, vitals[i][0], vitals[i][1], vitals[i][2], 78.0 - i * 0.5, nurse.userId(), at, nurse.userId(), at)
                    .execute();
        }
        return ana;
    }

    private void run(TestClinic clinic, UUID ana, Path out) throws Exception {
        Clock clock = Clock.system(ZONE);
        stage = fx(() -> new Stage());
        var doctor = ChartTestWindow.signIn(clinic.address(), "a.okafor", "doctor-pass-2026", clock);
        fx(() -> doctor.showChart(stage, ana.toString(), "Ana Souza"));
        waitUntil(() -> text("#chart-allergy-banner").contains("Penicillin") && find("#chart-pages") != null);
        // The summary over the Vitals page: the trend a doctor brings up first.
        fx(() -> {
            @SuppressWarnings("unchecked")
            var pages = (javafx.scene.control.ListView<ChartPage>) stage.getScene().lookup("#chart-pages");
            pages.getItems().stream().filter(p -> p.title().equals("Vitals")).findFirst().ifPresent(p -> pages.getSelectionModel().select(p));
            return null;
        });
        Thread.sleep(2500);
        shot(out.resolve("chart-core-shell.png"));

        var stranger = ChartTestWindow.signIn(clinic.address(), "i.novak", "doctor-pass-2026", clock);
        fx(() -> stranger.showChart(stage, ana.toString(), "Ana Souza"));
        waitUntil(() -> find("#break-glass-reason") != null);
        fx(() -> {
            ((TextInputControl) stage.getScene().lookup("#break-glass-reason")).setText("On call tonight for Dr Okafor; patient brought in with chest pain");
            return null;
        });
        Thread.sleep(500);
        shot(out.resolve("chart-core-break-glass.png"));
        fx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#break-glass-confirm")).fire();
            return null;
        });
        waitUntil(() -> text("#chart-allergy-banner").contains("Penicillin"));

        var admin = ChartTestWindow.signIn(clinic.address(), "clinic.admin", "staff-pass-2026", clock);
        fx(() -> {
            admin.showReview(stage);
            return null;
        });
        waitUntil(() -> find("#break-glass-table") instanceof javafx.scene.control.TableView<?> t && !t.getItems().isEmpty());
        Thread.sleep(500);
        shot(out.resolve("chart-core-admin-review.png"));
        doctor.close();
        stranger.close();
        admin.close();
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
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
        return task.get(30, TimeUnit.SECONDS);
    }
}
