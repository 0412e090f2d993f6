package org.medconnect.desktop.chart.prescription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
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
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jooq.DSLContext;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The chart's Prescriptions page at 1366 x 768 under Xvfb, against a real server: a patient with a
 * draft, a signed prescription carrying an overridden interaction alert (selected), one partly
 * dispensed, one dispensed, one expired and one cancelled ("All"), and the adherence bars.
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp … org.medconnect.desktop.chart.prescription.PrescriptionsScreenshot docs/screenshots}.
 */
public final class PrescriptionsScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE))) {
            var f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
            Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
            UUID ana = f.patient("Ana", "Souza");
            DSLContext dsl = clinic.database().dsl();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            dsl.query("""
                    insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                    values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                    """, ana, okafor.userId(), now.minusDays(120), now.minusDays(120), okafor.userId(), okafor.userId(), now.minusDays(120))
                    .execute();
            dsl.query("""
                    insert into allergy (patient_id, substance, substance_code, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                    values (?, 'Penicillin', 'class:penicillins', 'DRUG_CLASS', 'Anaphylaxis', 'SEVERE', ?, ?::timestamptz, ?, ?::timestamptz)
                    """, ana, okafor.userId(), now, okafor.userId(), now).execute();
            Platform.startup(() -> { });
            new PrescriptionsScreenshot().run(clinic, ana, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void run(TestClinic clinic, UUID ana, Path out) throws Exception {
        Clock clock = Clock.system(ZONE);
        RxChartWindow doctor = RxChartWindow.signIn(clinic.address(), "a.okafor", "doctor-pass-2026", clock);
        seed(clinic.database().dsl(), doctor, ana);
        Prescription selected = doctor.signed(ana, "Simvastatin paused for the 7 days of clarithromycin; patient told",
                RxChartWindow.line("simvastatin", "40 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, 30, 1,
                        "Do not take while on clarithromycin; restart the day after the last dose", ""),
                RxChartWindow.line("clarithromycin", "500 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY, 7, 0,
                        "Take with food", "Stop and call the clinic if you notice muscle pain or dark urine"));
        doctor.draft(ana, RxChartWindow.line("amoxicillin", "500 mg", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY,
                7, 0, "Finish the course", ""));

        stage = fx(Stage::new);
        fx(() -> doctor.showChart(stage, ana.toString(), "Ana Souza", clock));
        waitUntil(() -> find("#chart-pages") != null && find("#chart-allergy-banner") != null);
        fx(() -> {
            doctor.choosePage("Prescriptions");
            return null;
        });
        waitUntil(() -> find("#rx-show-all") != null);
        fx(() -> {
            ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#rx-show-all")).setSelected(true);
            return null;
        });
        waitUntil(() -> find("#rx-list") instanceof TableView<?> t && t.getItems().size() == 6);
        fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<PrescriptionsViewModel.Row> table = (TableView<PrescriptionsViewModel.Row>) stage.getScene().lookup("#rx-list");
            table.getItems().stream().filter(r -> r.id().equals(selected.getPrescriptionId())).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
            table.requestFocus();
            return null;
        });
        waitUntil(() -> find("#rx-detail") != null && find("#rx-detail").isVisible());
        Thread.sleep(2500);
        fx(() -> {
            doctor.snapshot(out.resolve("chart-prescriptions.png")); // Scene.snapshot runs on the FX thread
            return null;
        });
        System.out.println("Saved " + out.resolve("chart-prescriptions.png"));
        doctor.close();
    }

    /** Older prescriptions: written through the real RPCs, then moved back in time with SQL so the list shows months of care. */
    private static void seed(DSLContext dsl, RxChartWindow doctor, UUID ana) {
        Prescription metformin = doctor.signed(ana, "",
                RxChartWindow.line("metformin", "500 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY, 30, 2,
                        "Take with breakfast and dinner", ""));
        backdate(dsl, metformin, 80, 120);
        dispense(doctor, metformin, 80, "60");
        dispense(doctor, metformin, 44, "60");

        Prescription lisinopril = doctor.signed(ana, "",
                RxChartWindow.line("lisinopril", "10 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_IN_THE_MORNING, 30, 0, "", ""));
        backdate(dsl, lisinopril, 55, 30);
        dispense(doctor, lisinopril, 55, "30");

        Prescription amlodipine = doctor.signed(ana, "",
                RxChartWindow.line("amlodipine", "5 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY, 30, 0, "", ""));
        backdate(dsl, amlodipine, 100, 30);

        Prescription cetirizine = doctor.draft(ana,
                RxChartWindow.line("cetirizine", "10 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY, 14, 0, "", ""));
        doctor.connection.prescriptions().cancelPrescription(CancelPrescriptionRequest.newBuilder()
                .setPrescriptionId(cetirizine.getPrescriptionId()).setExpectedVersion(cetirizine.getVersion())
                .setReason("Patient prefers her own loratadine").build());
        dsl.query("update prescription set created_at = created_at - interval '20 days' where id = ?::uuid",
                cetirizine.getPrescriptionId()).execute();
    }

    private static void backdate(DSLContext dsl, Prescription p, int days, int validDays) {
        dsl.query("""
                update prescription set created_at = created_at - make_interval(days => ?), signed_at = signed_at - make_interval(days => ?),
                       valid_days = ?, valid_until = valid_until - ? - valid_days + ? where id = ?::uuid
                """, days, days, validDays, days, validDays, p.getPrescriptionId()).execute();
    }

    private static void dispense(RxChartWindow doctor, Prescription p, int daysAgo, String quantity) {
        doctor.connection.prescriptions().recordDispense(RecordDispenseRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPrescriptionId(p.getPrescriptionId()).setLineId(p.getLines(0).getLineId())
                .setDispensedOn(LocalDate.now(ZONE).minusDays(daysAgo).toString()).setQuantity(quantity)
                .setSource(DispenseSource.DISPENSE_SOURCE_PHARMACY).build());
    }

    private Node find(String query) {
        try {
            return fx(() -> stage.getScene() == null ? null : stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Timed out waiting for the screen");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
