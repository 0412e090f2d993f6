package org.medconnect.desktop.chart.problem;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.AddMedicationRequest;
import org.medconnect.proto.chart.v1.AddMedicationResponse;
import org.medconnect.proto.chart.v1.AddProblemRequest;
import org.medconnect.proto.chart.v1.AddProblemResponse;
import org.medconnect.proto.chart.v1.CodingDiagnosis;
import org.medconnect.proto.chart.v1.CodingServiceGrpc;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.ListMedicationsRequest;
import org.medconnect.proto.chart.v1.ListMedicationsResponse;
import org.medconnect.proto.chart.v1.ListProblemsRequest;
import org.medconnect.proto.chart.v1.ListProblemsResponse;
import org.medconnect.proto.chart.v1.Medication;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc;
import org.medconnect.proto.chart.v1.MedicationStatus;
import org.medconnect.proto.chart.v1.Problem;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc;
import org.medconnect.proto.chart.v1.ProblemStatus;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesRequest;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesResponse;
import org.medconnect.proto.chart.v1.SearchSubstancesRequest;
import org.medconnect.proto.chart.v1.SearchSubstancesResponse;
import org.medconnect.proto.chart.v1.StopMedicationRequest;
import org.medconnect.proto.chart.v1.StopMedicationResponse;

/**
 * The problem, medication and code-search RPCs the two chart pages use, held in memory, over
 * real Netty so the view models run their real stubs and error translation. Stopping answers
 * ABORTED "Changed by" when the version sent is not the current one, like the real server.
 */
public final class FakeChartListsServer implements AutoCloseable {

    public static final List<CodingDiagnosis> CODES = List.of(
            code("J45.20", "Mild intermittent asthma, uncomplicated"),
            code("J45.909", "Unspecified asthma, uncomplicated"),
            code("I10", "Essential (primary) hypertension"));

    final Map<String, Problem> problems = new ConcurrentHashMap<>();
    final Map<String, Medication> medications = new ConcurrentHashMap<>();
    final List<AddProblemRequest> addedProblems = new CopyOnWriteArrayList<>();
    final List<StopMedicationRequest> stops = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    public FakeChartListsServer() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new CodingServiceGrpc.CodingServiceImplBase() {
                        @Override
                        public void searchDiagnosisCodes(SearchDiagnosisCodesRequest r, StreamObserver<SearchDiagnosisCodesResponse> o) {
                            String q = r.getQuery().toLowerCase();
                            o.onNext(SearchDiagnosisCodesResponse.newBuilder().addAllCodes(CODES.stream()
                                    .filter(c -> c.getCode().toLowerCase().startsWith(q) || c.getTitle().toLowerCase().contains(q)).toList()).build());
                            o.onCompleted();
                        }

                        @Override
                        public void searchSubstances(SearchSubstancesRequest r, StreamObserver<SearchSubstancesResponse> o) {
                            o.onNext(SearchSubstancesResponse.newBuilder().addAllSubstances(List.of("amoxicillin", "amlodipine").stream()
                                    .filter(n -> n.startsWith(r.getQuery().toLowerCase()))
                                    .map(n -> CodingSubstance.newBuilder().setKey(n).setName(n).build()).toList()).build());
                            o.onCompleted();
                        }
                    })
                    .addService(new ProblemServiceGrpc.ProblemServiceImplBase() {
                        @Override
                        public void addProblem(AddProblemRequest r, StreamObserver<AddProblemResponse> o) {
                            addedProblems.add(r);
                            String title = r.getTitle().isBlank() ? CODES.stream().filter(c -> c.getCode().equals(r.getIcd10Code()))
                                    .findFirst().orElseThrow().getTitle() : r.getTitle();
                            Problem p = Problem.newBuilder().setId(r.getRequestId()).setPatientId(r.getPatientId())
                                    .setIcd10Code(r.getIcd10Code()).setTitle(title).setStatus(ProblemStatus.PROBLEM_STATUS_ACTIVE)
                                    .setOnsetDate(r.getOnsetDate()).setVersion(1).setCreatedByName("Dr Amara Okafor").build();
                            problems.put(p.getId(), p);
                            o.onNext(AddProblemResponse.newBuilder().setProblem(p).build());
                            o.onCompleted();
                        }

                        @Override
                        public void listProblems(ListProblemsRequest r, StreamObserver<ListProblemsResponse> o) {
                            o.onNext(ListProblemsResponse.newBuilder().addAllProblems(problems.values()).build());
                            o.onCompleted();
                        }
                    })
                    .addService(new MedicationServiceGrpc.MedicationServiceImplBase() {
                        @Override
                        public void addMedication(AddMedicationRequest r, StreamObserver<AddMedicationResponse> o) {
                            Medication m = Medication.newBuilder().setId(r.getRequestId()).setPatientId(r.getPatientId())
                                    .setDrugKey(r.getDrugKey()).setName(r.getDrugKey().isEmpty() ? r.getName() : r.getDrugKey())
                                    .setNotChecked(r.getDrugKey().isEmpty()).setStrength(r.getStrength()).setDosage(r.getDosage())
                                    .setStatus(MedicationStatus.MEDICATION_STATUS_ACTIVE).setStartedOn(r.getStartedOn())
                                    .setStartedByName("Dr Amara Okafor").setStartReason(r.getReason()).setVersion(1).build();
                            medications.put(m.getId(), m);
                            o.onNext(AddMedicationResponse.newBuilder().setMedication(m).build());
                            o.onCompleted();
                        }

                        @Override
                        public void stopMedication(StopMedicationRequest r, StreamObserver<StopMedicationResponse> o) {
                            stops.add(r);
                            Medication m = medications.get(r.getMedicationId());
                            if (m.getVersion() != r.getExpectedVersion()) {
                                o.onError(Status.ABORTED.withDescription("Changed by Dr Lena Lindqvist at 10:42; reload to see it. Your text is kept.")
                                        .asRuntimeException());
                                return;
                            }
                            Medication stopped = m.toBuilder().setStatus(MedicationStatus.MEDICATION_STATUS_STOPPED)
                                    .setStoppedOn(r.getStoppedOn()).setStopReason(r.getReason()).setStoppedByName("Dr Amara Okafor")
                                    .setVersion(m.getVersion() + 1).build();
                            medications.put(m.getId(), stopped);
                            o.onNext(StopMedicationResponse.newBuilder().setMedication(stopped).build());
                            o.onCompleted();
                        }

                        @Override
                        public void listMedications(ListMedicationsRequest r, StreamObserver<ListMedicationsResponse> o) {
                            o.onNext(ListMedicationsResponse.newBuilder().addAllMedications(medications.values()).build());
                            o.onCompleted();
                        }
                    })
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String address = "127.0.0.1:" + server.getPort();
        connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
        connection.connectTo(address);
        calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> address, ZoneOffset.UTC), new SessionState());
    }

    static CodingDiagnosis code(String code, String title) {
        return CodingDiagnosis.newBuilder().setCode(code).setTitle(title).build();
    }

    /** A current medication already on the list. */
    public Medication current(String id, String name, int version) {
        Medication m = Medication.newBuilder().setId(id).setName(name).setDrugKey(name).setStatus(MedicationStatus.MEDICATION_STATUS_ACTIVE)
                .setStartedOn("2026-11-01").setStartedByName("Dr Amara Okafor").setStartReason("Otitis media").setVersion(version).build();
        medications.put(id, m);
        return m;
    }

    public Map<String, Medication> medications() {
        return medications;
    }

    public List<StopMedicationRequest> stops() {
        return stops;
    }

    public ServerConnection connection() {
        return connection;
    }

    public ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        server.shutdownNow();
    }
}
