package org.medconnect.desktop.chart.prescription;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.EncounterServiceGrpc;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.chart.v1.EncounterSummary;
import org.medconnect.proto.chart.v1.ListEncountersRequest;
import org.medconnect.proto.chart.v1.ListEncountersResponse;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CancelPrescriptionResponse;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionResponse;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.proto.prescription.v1.EmailPrescriptionResponse;
import org.medconnect.proto.prescription.v1.GetAdherenceRequest;
import org.medconnect.proto.prescription.v1.GetAdherenceResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.ListPrescriptionsResponse;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAdherence;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertKind;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionHistoryEntry;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.proto.prescription.v1.RecordDispenseResponse;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionResponse;

/**
 * The prescription, paper and encounter-list RPCs the Prescriptions page uses, in memory over real
 * Netty so the view model runs its real stubs and error translation. Newest first, "in play" means
 * draft, signed or partly dispensed; a stale cancel is ABORTED "Changed by", like the real server.
 */
public final class FakePrescriptionServer implements AutoCloseable {

    static final String OKAFOR = "11111111-1111-1111-1111-111111111111";
    static final String NOVAK = "22222222-2222-2222-2222-222222222222";

    final Map<String, Prescription> prescriptions = new ConcurrentHashMap<>();
    final Map<String, List<PrescriptionHistoryEntry>> histories = new ConcurrentHashMap<>();
    final List<EncounterSummary> encounters = new CopyOnWriteArrayList<>();
    final List<PrescriptionAdherence> adherence = new CopyOnWriteArrayList<>();
    final List<ListPrescriptionsRequest> lists = new CopyOnWriteArrayList<>();
    final List<CreatePrescriptionRequest> creates = new CopyOnWriteArrayList<>();
    final List<CancelPrescriptionRequest> cancels = new CopyOnWriteArrayList<>();
    final List<RecordDispenseRequest> dispenses = new CopyOnWriteArrayList<>();
    final List<RenewPrescriptionRequest> renewals = new CopyOnWriteArrayList<>();
    final List<EmailPrescriptionRequest> emails = new CopyOnWriteArrayList<>();
    final AtomicInteger pdfCalls = new AtomicInteger();
    final byte[] pdf = onePagePdf();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    public FakePrescriptionServer() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Prescriptions())
                    .addService(new Papers())
                    .addService(new EncounterServiceGrpc.EncounterServiceImplBase() {
                        @Override
                        public void listEncounters(ListEncountersRequest r, StreamObserver<ListEncountersResponse> o) {
                            o.onNext(ListEncountersResponse.newBuilder().addAllEncounters(encounters).build());
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

    // ---- seeding ----

    static Timestamp at(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }

    static PrescriptionLine line(String id, int position, String drug, String strength, String form, String quantity, int refills) {
        return PrescriptionLine.newBuilder().setLineId(id).setPosition(position)
                .setInput(PrescriptionLineInput.newBuilder().setDrugKey(drug.toLowerCase()).setDrugName(drug).setStrength(strength)
                        .setForm(form).setDoseAmount("1").setDoseUnit(form).setQuantityUnit(form).setRefills(refills)
                        .setInstructions("Take with food").setWarnings(""))
                .addIngredientKeys(drug.toLowerCase()).setQuantity(quantity).setSig("1 " + form + " twice daily for 7 days")
                .setDispensedQuantity("0").build();
    }

    /** A prescription as the server would hold it; its history gets "Created" (and "Signed" when signed). */
    Prescription put(String id, PrescriptionStatus status, String prescriberId, String prescriberName, String createdAt,
                     PrescriptionLine... lines) {
        Prescription.Builder p = Prescription.newBuilder().setPrescriptionId(id).setPatientId("patient-1").setPrescriberId(prescriberId)
                .setPrescriberName(prescriberName).setStatus(status).setValidDays(30).setCreatedAt(at(createdAt)).setVersion(1)
                .addAllLines(List.of(lines));
        List<PrescriptionHistoryEntry> h = new CopyOnWriteArrayList<>();
        h.add(PrescriptionHistoryEntry.newBuilder().setAt(at(createdAt)).setByName(prescriberName).setWhat("Created").build());
        if (status != PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT) {
            p.setSignedAt(at(createdAt)).setValidUntil(Instant.parse(createdAt).atZone(ZoneOffset.UTC).toLocalDate().plusDays(30).toString());
            h.add(PrescriptionHistoryEntry.newBuilder().setAt(at(createdAt)).setByName(prescriberName).setWhat("Signed").build());
        }
        prescriptions.put(id, p.build());
        histories.put(id, h);
        return p.build();
    }

    void alert(String id, PrescriptionAlert alert) {
        prescriptions.computeIfPresent(id, (k, p) -> p.toBuilder().addAlerts(alert).build());
    }

    static PrescriptionAlert interaction(String title, String overrideReason, String by) {
        return PrescriptionAlert.newBuilder().setAlertKey("k-" + title.hashCode()).setKind(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_INTERACTION)
                .setSeverity(PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH).setTitle(title)
                .setConsequence("Raises the risk of bleeding.").setAction("Avoid the combination or monitor INR closely.")
                .setSource("Phansalkar et al., JAMIA 2012;19:735-743, Table 2").addLinePositions(1)
                .setOverrideReason(overrideReason).setOverriddenByName(by).build();
    }

    void encounter(String id, EncounterStatus status, String doctorId) {
        encounters.add(EncounterSummary.newBuilder().setId(id).setPatientId("patient-1").setStatus(status).setDoctorId(doctorId).build());
    }

    private static boolean inPlay(PrescriptionStatus s) {
        return s == PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT || s == PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED
                || s == PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED;
    }

    private static PrescriptionSummary summary(Prescription p) {
        return PrescriptionSummary.newBuilder().setPrescriptionId(p.getPrescriptionId()).setStatus(p.getStatus())
                .setPrescriberName(p.getPrescriberName()).setCreatedAt(p.getCreatedAt()).setSignedAt(p.getSignedAt())
                .setValidUntil(p.getValidUntil())
                .setDrugs(String.join("; ", p.getLinesList().stream().map(l -> l.getInput().getDrugName() + " " + l.getInput().getStrength()).toList()))
                .setAlertCount(p.getAlertsCount())
                .setOverriddenCount((int) p.getAlertsList().stream().filter(a -> !a.getOverrideReason().isEmpty()).count()).build();
    }

    private void history(String id, String what) {
        histories.get(id).add(PrescriptionHistoryEntry.newBuilder().setAt(at("2026-11-24T09:00:00Z")).setByName("Dr Amara Okafor")
                .setWhat(what).build());
    }

    private final class Prescriptions extends PrescriptionServiceGrpc.PrescriptionServiceImplBase {
        @Override
        public void listPrescriptions(ListPrescriptionsRequest r, StreamObserver<ListPrescriptionsResponse> o) {
            lists.add(r);
            o.onNext(ListPrescriptionsResponse.newBuilder().addAllPrescriptions(prescriptions.values().stream()
                    .filter(p -> r.getIncludeClosed() || inPlay(p.getStatus()))
                    .sorted((a, b) -> Long.compare(b.getCreatedAt().getSeconds(), a.getCreatedAt().getSeconds()))
                    .map(FakePrescriptionServer::summary).toList()).build());
            o.onCompleted();
        }

        @Override
        public void getPrescription(GetPrescriptionRequest r, StreamObserver<GetPrescriptionResponse> o) {
            Prescription p = prescriptions.get(r.getPrescriptionId());
            if (p == null) {
                o.onError(Status.NOT_FOUND.withDescription("No such prescription.").asRuntimeException());
                return;
            }
            o.onNext(GetPrescriptionResponse.newBuilder().setPrescription(p).addAllHistory(histories.get(p.getPrescriptionId())).build());
            o.onCompleted();
        }

        @Override
        public void createPrescription(CreatePrescriptionRequest r, StreamObserver<CreatePrescriptionResponse> o) {
            creates.add(r);
            Prescription p = put("rx-" + ids.incrementAndGet(), PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, OKAFOR, "Dr Amara Okafor",
                    "2026-11-24T09:00:00Z");
            p = p.toBuilder().setEncounterId(r.getEncounterId()).build();
            prescriptions.put(p.getPrescriptionId(), p);
            o.onNext(CreatePrescriptionResponse.newBuilder().setPrescription(p).build());
            o.onCompleted();
        }

        @Override
        public void cancelPrescription(CancelPrescriptionRequest r, StreamObserver<CancelPrescriptionResponse> o) {
            cancels.add(r);
            Prescription p = prescriptions.get(r.getPrescriptionId());
            if (p.getVersion() != r.getExpectedVersion()) {
                o.onError(Status.ABORTED.withDescription("Changed by Dr Lena Lindqvist at 10:42; reload to see it.").asRuntimeException());
                return;
            }
            Prescription cancelled = p.toBuilder().setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED)
                    .setCancelReason(r.getReason()).setVersion(p.getVersion() + 1).build();
            prescriptions.put(p.getPrescriptionId(), cancelled);
            history(p.getPrescriptionId(), "Cancelled: " + r.getReason());
            o.onNext(CancelPrescriptionResponse.newBuilder().setPrescription(cancelled).build());
            o.onCompleted();
        }

        @Override
        public void renewPrescription(RenewPrescriptionRequest r, StreamObserver<RenewPrescriptionResponse> o) {
            renewals.add(r);
            Prescription original = prescriptions.get(r.getPrescriptionId());
            Prescription p = put("rx-" + ids.incrementAndGet(), PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, OKAFOR, "Dr Amara Okafor",
                    "2026-11-24T09:00:00Z", original.getLinesList().toArray(PrescriptionLine[]::new));
            p = p.toBuilder().setRenewalOf(original.getPrescriptionId()).setEncounterId(r.getEncounterId()).build();
            prescriptions.put(p.getPrescriptionId(), p);
            o.onNext(RenewPrescriptionResponse.newBuilder().setPrescription(p).build());
            o.onCompleted();
        }

        @Override
        public void recordDispense(RecordDispenseRequest r, StreamObserver<RecordDispenseResponse> o) {
            dispenses.add(r);
            Prescription p = prescriptions.get(r.getPrescriptionId());
            Prescription.Builder b = p.toBuilder().clearLines();
            for (PrescriptionLine l : p.getLinesList()) {
                b.addLines(l.getLineId().equals(r.getLineId()) ? l.toBuilder().setDispensedQuantity(
                        new BigDecimal(l.getDispensedQuantity()).add(new BigDecimal(r.getQuantity())).toPlainString()).build() : l);
            }
            b.setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED).setVersion(p.getVersion() + 1);
            prescriptions.put(p.getPrescriptionId(), b.build());
            history(p.getPrescriptionId(), "Dispensed " + r.getQuantity());
            o.onNext(RecordDispenseResponse.newBuilder().setPrescription(b.build()).build());
            o.onCompleted();
        }

        @Override
        public void getAdherence(GetAdherenceRequest r, StreamObserver<GetAdherenceResponse> o) {
            o.onNext(GetAdherenceResponse.newBuilder().addAllDrugs(adherence).build());
            o.onCompleted();
        }
    }

    private final class Papers extends PrescriptionPaperServiceGrpc.PrescriptionPaperServiceImplBase {
        @Override
        public void getPrescriptionPdf(GetPrescriptionPdfRequest r, StreamObserver<GetPrescriptionPdfResponse> o) {
            pdfCalls.incrementAndGet();
            String sha = sha256(pdf);
            prescriptions.computeIfPresent(r.getPrescriptionId(), (k, p) -> p.toBuilder().setPdfSha256(sha).build());
            history(r.getPrescriptionId(), "Printed");
            o.onNext(GetPrescriptionPdfResponse.newBuilder().setPdf(ByteString.copyFrom(pdf)).setSha256(sha)
                    .setFileName("prescription-" + r.getPrescriptionId() + ".pdf").build());
            o.onCompleted();
        }

        @Override
        public void emailPrescription(EmailPrescriptionRequest r, StreamObserver<EmailPrescriptionResponse> o) {
            emails.add(r);
            o.onNext(EmailPrescriptionResponse.newBuilder().setRecipient(r.getRecipient().isEmpty() ? "ana.souza@example.org" : r.getRecipient())
                    .setOutcome("queued in the outbox").build());
            o.onCompleted();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] onePagePdf() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(60, 760);
                text.showText("Prescription: Amoxicillin 500 mg capsule");
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
