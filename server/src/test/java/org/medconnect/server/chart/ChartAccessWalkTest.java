package org.medconnect.server.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * Walks every RPC of every chart service (medconnect.chart.v1) as a receptionist, an admin, a
 * nurse and a doctor with no relation to the patient, with requests that name a patient and
 * entries whose clinical text is known. None of them may get that text back on any call or
 * stream, and none may get INTERNAL; the nurse may see allergies, never notes. The patient's
 * own doctor, walked last, does get the text: the check can fail.
 */
class ChartAccessWalkTest {

    private static final String NOTE = "MARKER-NOTE crushing chest pain";
    private static final String ALLERGY = "MARKER-ALLERGY anaphylaxis";
    private static final String PROBLEM = "MARKER-PROBLEM";
    private static final String MEDICATION = "MARKER-MED";
    private static final String ADMISSION = "MARKER-ADMIT observation";
    private static final String PLAN = "MARKER-PLAN";
    private static final List<String> CLINICAL = List.of(NOTE, ALLERGY, PROBLEM, MEDICATION, ADMISSION, PLAN);
    /** What a refused caller may be told; never OK with content, never INTERNAL. */
    private static final Set<Status.Code> REFUSALS = EnumSet.of(Status.Code.PERMISSION_DENIED, Status.Code.NOT_FOUND,
            Status.Code.INVALID_ARGUMENT, Status.Code.FAILED_PRECONDITION, Status.Code.ABORTED, Status.Code.ALREADY_EXISTS);

    private Database db;
    private MedConnectServer server;
    private ManagedChannel channel;
    private final Map<String, String> ids = new java.util.HashMap<>();

    @BeforeEach
    void clinicWithOneFullChart() throws Exception {
        db = TestDatabase.fresh();
        String name = "chart-walk-" + UUID.randomUUID();
        var services = new ClinicServices(TestConfig.defaults(), db, java.time.Clock.systemUTC());
        server = new MedConnectServer(InProcessServerBuilder.forName(name), services).start();
        channel = InProcessChannelBuilder.forName(name).build();
        var scheduling = new SchedulingFixture(db.dsl(), services);
        var facts = new ChartFixture(db.dsl(), scheduling);
        var doctor = scheduling.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        scheduling.doctor("novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        scheduling.staff("nurse.lee", "Grace Lee", Role.NURSE);
        scheduling.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        scheduling.staff("grace", "Grace Admin", Role.ADMIN);
        UUID patient = scheduling.patient("Ana", "Souza");
        Instant now = Instant.now();
        UUID by = doctor.userId();
        // Checked in today, so the nurse's triage rights apply to this patient.
        UUID appointment = facts.appointment(patient, by, now.minus(Duration.ofMinutes(5)), "CHECKED_IN");
        UUID encounter = facts.encounter(patient, by, now.minus(Duration.ofDays(3)), "SIGNED");
        db.dsl().query("insert into encounter_note (encounter_id, patient_id, subjective, updated_by, updated_at) values (?, ?, ?, ?, now())",
                encounter, patient, NOTE, by).execute();
        UUID allergy = db.dsl().resultQuery("""
                insert into allergy (patient_id, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                values (?, 'Penicillins', 'DRUG_CLASS', ?, 'SEVERE', ?, now(), ?, now()) returning id""", patient, ALLERGY, by, by)
                .fetchSingle(0, UUID.class);
        UUID problem = facts.problem(patient, null, PROBLEM, "ACTIVE", by, now);
        UUID medication = facts.medication(patient, MEDICATION, "ACTIVE", by, now);
        UUID vitals = facts.vitals(patient, now.minus(Duration.ofHours(1)), 128, 82, 72, 70.0, by);
        UUID admission = db.dsl().resultQuery("""
                insert into admission (patient_id, admitting_doctor_id, ward, bed, reason, admitted_at, created_by, created_at, updated_by, updated_at)
                values (?, ?, 'Ward 3', '4', ?, now(), ?, now(), ?, now()) returning id""", patient, by, ADMISSION, by, by).fetchSingle(0, UUID.class);
        UUID plan = db.dsl().resultQuery("""
                insert into care_plan (patient_id, title, details, created_by, created_at, updated_by, updated_at)
                values (?, 'Blood pressure', ?, ?, now(), ?, now()) returning id""", patient, PLAN, by, by).fetchSingle(0, UUID.class);
        ids.put("patient_id", patient.toString());
        ids.put("appointment_id", appointment.toString());
        ids.put("encounter_id", encounter.toString());
        ids.put("allergy_id", allergy.toString());
        ids.put("problem_id", problem.toString());
        ids.put("medication_id", medication.toString());
        ids.put("vitals_id", vitals.toString());
        ids.put("admission_id", admission.toString());
        ids.put("care_plan_id", plan.toString());
        ids.put("entry_id", encounter.toString());
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void noRoleWithoutBusinessInTheChartGetsItsClinicalTextOnAnyCallOrStream() {
        List<MethodDescriptor<?, ?>> methods = chartMethods();
        assertThat(methods).hasSizeGreaterThan(40);

        for (String user : List.of("maria", "grace", "novak")) {
            String seen = walk(user, methods, CLINICAL);
            assertThat(seen).as(user + " saw clinical text").isEmpty();
        }
        // The nurse triages: the summary (allergies, active problems, current medicines) yes; notes, plans,
        // the admission's reason never, and the problem and medication lists only as the summary shows them.
        String nurseSaw = walk("nurse.lee", methods, List.of(NOTE, PROBLEM, MEDICATION, PLAN, ADMISSION));
        assertThat(nurseSaw.lines().filter(l -> !(l.startsWith("OpenChart: ") || l.startsWith("GetChartSummary: "))
                || l.contains(NOTE) || l.contains(PLAN) || l.contains(ADMISSION)).toList()).as("the nurse saw").isEmpty();
        assertThat(nurseSaw).as("the nurse's summary").contains("GetChartSummary: " + PROBLEM);
    }

    @Test
    void thePatientsOwnDoctorDoesGetTheTextSoTheWalkCanFail() {
        List<String> seen = new ArrayList<>();
        for (MethodDescriptor<?, ?> m : chartMethods()) {
            call(token("okafor"), m).ifPresent(text -> CLINICAL.stream().filter(text::contains).forEach(seen::add));
        }
        assertThat(seen).contains(NOTE, ALLERGY, PROBLEM, MEDICATION, ADMISSION, PLAN);
    }

    /** Calls every method as {@code user}; returns what it saw of {@code forbidden}, naming the method. */
    private String walk(String user, List<MethodDescriptor<?, ?>> methods, List<String> forbidden) {
        String token = token(user);
        StringBuilder seen = new StringBuilder();
        for (MethodDescriptor<?, ?> m : methods) {
            call(token, m).ifPresent(text -> forbidden.stream().filter(text::contains)
                    .forEach(f -> seen.append(m.getBareMethodName()).append(": ").append(f).append('\n')));
        }
        return seen.toString();
    }

    /** The response text of one call (every message of a stream), or empty when refused; fails on INTERNAL. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private java.util.Optional<String> call(String token, MethodDescriptor<?, ?> method) {
        Message request = request(method);
        CallOptions options = CallOptions.DEFAULT.withCallCredentials(Calls.bearer(token)).withDeadlineAfter(5, TimeUnit.SECONDS);
        MethodDescriptor<Message, Message> m = (MethodDescriptor<Message, Message>) (MethodDescriptor) method;
        try {
            return java.util.Optional.of(switch (m.getType()) {
                case UNARY -> ClientCalls.blockingUnaryCall(channel, m, options, request).toString();
                case SERVER_STREAMING -> {
                    StringBuilder text = new StringBuilder();
                    var it = ClientCalls.blockingServerStreamingCall(channel, m, options.withDeadlineAfter(1, TimeUnit.SECONDS), request);
                    try {
                        while (it.hasNext()) {
                            text.append(it.next());
                        }
                    } catch (StatusRuntimeException e) {
                        // A stream that was let in and then timed out still showed what it carried.
                        if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                            throw e;
                        }
                        text.append("(stream open)");
                    }
                    yield text.toString();
                }
                case CLIENT_STREAMING, BIDI_STREAMING -> {
                    CompletableFuture<Message> done = new CompletableFuture<>();
                    StreamObserver<Message> out = ClientCalls.asyncClientStreamingCall(channel.newCall(m, options), new StreamObserver<>() {
                        @Override
                        public void onNext(Message value) {
                            done.complete(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }
                    });
                    out.onNext(request);
                    out.onCompleted();
                    try {
                        Message answer = done.get(10, TimeUnit.SECONDS);
                        yield String.valueOf(answer);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw (RuntimeException) e.getCause();
                    }
                }
                default -> throw new IllegalStateException(m.getType().toString());
            });
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).as(method.getBareMethodName() + ": " + e.getStatus().getDescription()).isIn(REFUSALS);
            return java.util.Optional.empty();
        } catch (Exception e) {
            throw new AssertionError(method.getBareMethodName(), e);
        }
    }

    /** The method's request with every id field naming the seeded chart's entries (other ids random) and a fresh request id. */
    private Message request(MethodDescriptor<?, ?> method) {
        Message prototype = ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype() instanceof Message p
                ? p : null;
        Message.Builder b = prototype.toBuilder();
        for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
            if (f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated() && f.getName().endsWith("_id")) {
                b.setField(f, ids.getOrDefault(f.getName(), UUID.randomUUID().toString()));
            }
        }
        return b.build();
    }

    private List<MethodDescriptor<?, ?>> chartMethods() {
        return server.services().grpcServices().stream()
                .map(s -> s.bindService())
                .filter(d -> d.getServiceDescriptor().getName().startsWith("medconnect.chart.v1."))
                .filter(d -> !d.getServiceDescriptor().getName().endsWith(".CodingService"))
                .flatMap(d -> d.getMethods().stream())
                .<MethodDescriptor<?, ?>>map(md -> md.getMethodDescriptor())
                .toList();
    }

    private String token(String user) {
        String password = user.equals("okafor") || user.equals("novak") ? "doctor-pass-2026" : "staff-pass-2026";
        return AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(user).setPassword(password).build())
                .getSessionToken();
    }
}
