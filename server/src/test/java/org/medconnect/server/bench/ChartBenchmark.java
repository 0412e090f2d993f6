package org.medconnect.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.ChartServiceGrpc;
import org.medconnect.proto.chart.v1.EncounterServiceGrpc;
import org.medconnect.proto.chart.v1.GetChartSummaryRequest;
import org.medconnect.proto.chart.v1.ListEncountersRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.server.testing.Calls;

/**
 * The chart benchmark (issue 12; not a test, see docs/performance.md): a clinic of 100,000
 * patients and 1,000,000 signed encounters with SOAP notes of realistic length, and one
 * patient with 1,000 encounters, 3,000 vital-sign sets, 200 documents and 40 problems. Times
 * the chart summary and the first page of the timeline for that heavy patient and for
 * ordinary ones, server-side (ServerTimings) and as the client sees them, and prints a table.
 * {@code ./mvnw -B -Pbench-chart -pl server -am verify -DskipTests [-Dbench.encounters=100000 -Dbench.patients=10000]}
 */
public final class ChartBenchmark {

    private static final double TARGET_P99_MS = 50;

    private ChartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.getInteger("bench.patients", 100_000);
        int encounters = Integer.getInteger("bench.encounters", 1_000_000);
        int samples = Integer.getInteger("bench.samples", 1_000);
        int warmup = Integer.getInteger("bench.warmup", 200);
        boolean durable = !"off".equals(System.getProperty("bench.durable", "on"));
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Path base = Path.of("target").toAbsolutePath();
        try (BenchClinic clinic = BenchClinic.start(base.resolve("bench-chart-pgdata"), durable, zone)) {
            System.out.printf(Locale.ROOT, "MedConnect chart benchmark: %,d patients, %,d encounters; loading...%n", patients, encounters);
            // A few appointments only: the scheduling tables are not what is measured here.
            var data = new ClinicLoader(clinic.database().dataSource(), clinic.services().staff(), zone, Math.max(1_000, patients / 10),
                    patients).load();
            List<UUID> doctorIds = data.doctors().stream().map(ClinicLoader.Doctor::id).toList();
            UUID heavyPatient = data.patientIds().getFirst();
            UUID heavyDoctor = doctorIds.getFirst();
            var loaded = new ChartLoader(clinic.database().dataSource()).load(data.patientIds(), doctorIds, encounters, heavyPatient, heavyDoctor);
            System.out.printf(Locale.ROOT, "Loaded %,d encounters (%.0f MB of notes) in %.1f s (+ scheduling %.1f s)%n",
                    loaded.encounters(), loaded.noteBytes() / 1e6, loaded.seconds(), data.loadSeconds());
            String username = clinic.database().dsl().resultQuery("select username from staff_user where id = ?::uuid", heavyDoctor)
                    .fetchSingle(0, String.class);
            // Ordinary patients of the same doctor: those the doctor has encounters with.
            List<UUID> ordinary = clinic.database().dsl().resultQuery("""
                    select patient_id from encounter where doctor_id = ?::uuid and patient_id <> ?::uuid
                     group by patient_id limit 200""", heavyDoctor, heavyPatient).fetch(0, UUID.class);

            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", clinic.port()).usePlaintext().build();
            try {
                String token = AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username)
                        .setPassword(ClinicLoader.PASSWORD).setWorkstation("BENCH-CHART").build()).getSessionToken();
                var chart = ChartServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
                var encountersApi = EncounterServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
                Consumer<UUID> summary = p -> chart.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getChartSummary(GetChartSummaryRequest.newBuilder().setPatientId(p.toString()).build());
                Consumer<UUID> timeline = p -> encountersApi.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .listEncounters(ListEncountersRequest.newBuilder().setPatientId(p.toString())
                                .setPage(PageRequest.newBuilder().setPageSize(20)).build());

                List<String[]> rows = new ArrayList<>();
                rows.add(measure(clinic, "GetChartSummary", "heavy patient", summary, List.of(heavyPatient), warmup, samples));
                rows.add(measure(clinic, "ListEncounters", "heavy patient, first page", timeline, List.of(heavyPatient), warmup, samples));
                rows.add(measure(clinic, "GetChartSummary", "200 ordinary patients", summary, ordinary, warmup, samples));
                rows.add(measure(clinic, "ListEncounters", "200 ordinary patients", timeline, ordinary, warmup, samples));
                System.out.println();
                System.out.printf(Locale.ROOT, "%-16s | %-26s | %6s | %10s | %10s | %10s | %10s | %s%n", "call", "patient", "n",
                        "server p50", "server p99", "client p50", "client p99", "target server p99 < 50 ms");
                System.out.println("-".repeat(128));
                for (String[] r : rows) {
                    System.out.printf(Locale.ROOT, "%-16s | %-26s | %6s | %10s | %10s | %10s | %10s | %s%n", (Object[]) r);
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static String[] measure(BenchClinic clinic, String method, String label, Consumer<UUID> call, List<UUID> patients,
                                    int warmup, int samples) {
        for (int i = 0; i < warmup; i++) {
            call.accept(patients.get(i % patients.size()));
        }
        clinic.timings().reset();
        Samples client = new Samples();
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            call.accept(patients.get(i % patients.size()));
            client.add(System.nanoTime() - t0);
        }
        Samples server = clinic.timings().of(method);
        double p99 = server.percentileMillis(99);
        return new String[] {method, label, Integer.toString(server.count()), ms(server.percentileMillis(50)), ms(p99),
            ms(client.percentileMillis(50)), ms(client.percentileMillis(99)), p99 < TARGET_P99_MS ? "met" : "MISSED"};
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }
}
