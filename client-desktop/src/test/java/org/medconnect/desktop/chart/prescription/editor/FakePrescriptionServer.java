package org.medconnect.desktop.chart.prescription.editor;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionResponse;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.proto.prescription.v1.EmailPrescriptionResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionResponse;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertKind;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.proto.prescription.v1.SearchDrugsResponse;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionResponse;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftResponse;

/**
 * The prescription RPCs the editor uses, in memory, over real Netty so the view model runs its
 * real stubs and error translation. The patient is allergic to penicillins: amoxicillin raises a
 * HIGH allergy alert. A stale expected_version is ABORTED "Changed by"; signing past a HIGH alert
 * without a reason is FAILED_PRECONDITION, like the real server.
 */
final class FakePrescriptionServer implements AutoCloseable {

    static final String ID = "rx-1";
    static final String ALLERGY_KEY = "allergy:amoxicillin";

    final AtomicReference<Prescription> current = new AtomicReference<>(Prescription.newBuilder().setPrescriptionId(ID)
            .setPatientId("patient-1").setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT).setValidDays(30).setVersion(1).build());
    final List<CheckPrescriptionRequest> checks = new CopyOnWriteArrayList<>();
    final List<UpdatePrescriptionDraftRequest> updates = new CopyOnWriteArrayList<>();
    final List<SignPrescriptionRequest> signs = new CopyOnWriteArrayList<>();
    final List<SearchDrugsRequest> searches = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    FakePrescriptionServer() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new PrescriptionServiceGrpc.PrescriptionServiceImplBase() {
                        @Override
                        public void getPrescription(GetPrescriptionRequest r, StreamObserver<GetPrescriptionResponse> o) {
                            o.onNext(GetPrescriptionResponse.newBuilder().setPrescription(current.get()).build());
                            o.onCompleted();
                        }

                        @Override
                        public void checkPrescription(CheckPrescriptionRequest r, StreamObserver<CheckPrescriptionResponse> o) {
                            checks.add(r);
                            o.onNext(CheckPrescriptionResponse.newBuilder().addAllAlerts(alerts(r.getLinesList()))
                                    .addAllLines(resolve(r.getLinesList())).build());
                            o.onCompleted();
                        }

                        @Override
                        public void updatePrescriptionDraft(UpdatePrescriptionDraftRequest r, StreamObserver<UpdatePrescriptionDraftResponse> o) {
                            updates.add(r);
                            Prescription p = current.get();
                            if (p.getVersion() != r.getExpectedVersion()) {
                                o.onError(Status.ABORTED.withDescription("Changed by Dr Lena Lindqvist at 10:42; reload to see it.")
                                        .asRuntimeException());
                                return;
                            }
                            Prescription saved = p.toBuilder().clearLines().addAllLines(resolve(r.getLinesList())).clearAlerts()
                                    .addAllAlerts(alerts(r.getLinesList())).setValidDays(r.getValidDays()).setNote(r.getNote())
                                    .setVersion(p.getVersion() + 1).build();
                            current.set(saved);
                            o.onNext(UpdatePrescriptionDraftResponse.newBuilder().setPrescription(saved).build());
                            o.onCompleted();
                        }

                        @Override
                        public void signPrescription(SignPrescriptionRequest r, StreamObserver<SignPrescriptionResponse> o) {
                            signs.add(r);
                            Prescription p = current.get();
                            if (p.getVersion() != r.getExpectedVersion()) {
                                o.onError(Status.ABORTED.withDescription("Changed by Dr Lena Lindqvist at 10:42; reload to see it.")
                                        .asRuntimeException());
                                return;
                            }
                            for (PrescriptionAlert a : p.getAlertsList()) {
                                if (a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH
                                        && r.getOverridesList().stream().noneMatch(ov -> ov.getAlertKey().equals(a.getAlertKey())
                                                && !ov.getReason().isBlank())) {
                                    o.onError(Status.FAILED_PRECONDITION.withDescription("\"" + a.getTitle()
                                            + "\" is a high alert: give a reason to sign past it.").asRuntimeException());
                                    return;
                                }
                            }
                            Prescription signed = p.toBuilder().setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED)
                                    .setValidUntil("2026-12-24").setVersion(p.getVersion() + 1).build();
                            current.set(signed);
                            o.onNext(SignPrescriptionResponse.newBuilder().setPrescription(signed).build());
                            o.onCompleted();
                        }
                    })
                    .addService(new DrugServiceGrpc.DrugServiceImplBase() {
                        @Override
                        public void searchDrugs(SearchDrugsRequest r, StreamObserver<SearchDrugsResponse> o) {
                            searches.add(r);
                            o.onNext(SearchDrugsResponse.newBuilder().addAllDrugs(List.of(
                                    DrugChoice.newBuilder().setDrugKey("amoxicillin").setName("amoxicillin")
                                            .setKind(DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT).addDetails("penicillins")
                                            .addCommonForms("250 MG Oral Capsule").addCommonForms("500 MG Oral Capsule").build(),
                                    DrugChoice.newBuilder().setDrugKey("amlodipine").setName("amlodipine")
                                            .setKind(DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT).addCommonForms("5 MG Oral Tablet").build())
                                    .stream().filter(d -> d.getName().startsWith(r.getQuery().toLowerCase())).toList()).build());
                            o.onCompleted();
                        }
                    })
                    .addService(new PrescriptionPaperServiceGrpc.PrescriptionPaperServiceImplBase() {
                        @Override
                        public void emailPrescription(EmailPrescriptionRequest r, StreamObserver<EmailPrescriptionResponse> o) {
                            o.onNext(EmailPrescriptionResponse.newBuilder().setRecipient(r.getRecipient().isBlank() ? "ana@example.org"
                                    : r.getRecipient()).setOutcome("queued in the outbox").build());
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

    static List<PrescriptionAlert> alerts(List<PrescriptionLineInput> lines) {
        List<PrescriptionAlert> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).getDrugKey().equals("amoxicillin")) {
                found.add(PrescriptionAlert.newBuilder().setAlertKey(ALLERGY_KEY).setKind(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_ALLERGY)
                        .setSeverity(PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH)
                        .setTitle("Amoxicillin: allergy to penicillins").setConsequence("Anaphylaxis is possible.")
                        .setAction("Choose a drug of another class.").setSource("Recorded allergy").addLinePositions(i + 1).build());
            }
        }
        return found;
    }

    static List<PrescriptionLine> resolve(List<PrescriptionLineInput> lines) {
        List<PrescriptionLine> resolved = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PrescriptionLineInput in = lines.get(i);
            resolved.add(PrescriptionLine.newBuilder().setLineId("line-" + (i + 1)).setPosition(i + 1).setInput(in)
                    .setNotChecked(in.getDrugKey().isBlank()).setQuantity(in.getQuantity().isBlank() ? "server-computed" : in.getQuantity())
                    .setQuantityOverridden(!in.getQuantity().isBlank()).build());
        }
        return resolved;
    }

    /** Another workstation saves the draft: the version moves on. */
    void changedElsewhere() {
        Prescription p = current.get();
        current.set(p.toBuilder().setVersion(p.getVersion() + 1).setNote("their note").build());
    }

    ServerConnection connection() {
        return connection;
    }

    ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        server.shutdownNow();
    }
}
