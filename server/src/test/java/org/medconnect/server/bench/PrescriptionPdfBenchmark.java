package org.medconnect.server.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * One prescription PDF issued server-side: read, rendered (fonts subset and embedded, QR drawn),
 * signed (Ed25519) and archived, the first print of a fresh 4-line prescription each time
 * (PrescriptionPaperService.pdf, no gRPC). Prints median and p99. Target: p99 under 100 ms.
 * Run by {@code -Pbench-rx}; arguments: iterations (default 200), warm-up (default 30).
 */
public final class PrescriptionPdfBenchmark {

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("rx.pdf.iterations", 200);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("rx.pdf.warmup", 30);
        Path home = Files.createTempDirectory("rx-pdf-bench");
        var db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults().withHome(home), db, Clock.systemUTC());
        DSLContext dsl = db.dsl();
        var fixture = new SchedulingFixture(dsl, services);
        Principal doctor = fixture.doctor("bench", "Dr Bench Okafor", "Family Medicine", "General Medicine");
        UUID patient = fixture.patient("Zoë", "Ångström-Müller");
        dsl.query("insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at) "
                + "values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())", patient, doctor.userId(), doctor.userId()).execute();

        List<UUID> prescriptions = new ArrayList<>();
        for (int i = 0; i < warmup + iterations; i++) {
            prescriptions.add(signed(dsl, doctor.userId(), patient));
        }
        Samples samples = new Samples();
        long bytes = 0;
        for (int i = 0; i < prescriptions.size(); i++) {
            long t0 = System.nanoTime();
            var pdf = services.prescriptionPapers().pdf(doctor, prescriptions.get(i));
            long took = System.nanoTime() - t0;
            if (i >= warmup) {
                samples.add(took);
                bytes += pdf.pdf().length;
            }
        }
        System.out.println();
        System.out.println("Prescription PDF, first print (read + render + sign + archive), " + iterations + " runs after " + warmup + " warm-up");
        System.out.println("| measure | median ms | p99 ms | mean PDF KB |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| 4-line prescription | %.1f | %.1f | %.0f |%n", samples.percentileMillis(50), samples.percentileMillis(99),
                bytes / 1024.0 / Math.max(1, iterations));
        System.exit(0);
    }

    private static UUID signed(DSLContext dsl, UUID doctor, UUID patient) {
        UUID id = dsl.resultQuery("insert into prescription (patient_id, prescriber_id, created_at, updated_by, updated_at) "
                + "values (?::uuid, ?::uuid, now(), ?::uuid, now()) returning id", patient, doctor, doctor).fetchSingle(0, UUID.class);
        String[][] lines = {
                {"amoxicillin", "500 mg", "capsule", "THREE_TIMES_DAILY", "Take with water; finish the course."},
                {"metformin", "500 mg", "tablet", "TWICE_DAILY", "Take with meals."},
                {"atorvastatin", "20 mg", "tablet", "AT_NIGHT", ""},
                {"omeprazole", "20 mg", "capsule", "IN_THE_MORNING", "Before breakfast."}};
        for (int i = 0; i < lines.length; i++) {
            dsl.query("insert into prescription_line (prescription_id, position, drug_key, drug_name, ingredient_keys, strength, form, route, "
                    + "dose_amount, dose_unit, frequency, duration_days, quantity, quantity_unit, instructions) "
                    + "values (?::uuid, ?, ?, ?, array[?], ?, ?, 'ORAL', ?, ?, ?, 14, 28, ?, ?)", id, i + 1, lines[i][0], lines[i][0],
                    lines[i][0], lines[i][1], lines[i][2], BigDecimal.ONE, lines[i][2], lines[i][3], lines[i][2], lines[i][4]).execute();
        }
        dsl.query("update prescription set status = 'SIGNED', signed_at = now(), valid_until = ? where id = ?::uuid",
                LocalDate.now().plusDays(30), id).execute();
        return id;
    }
}
