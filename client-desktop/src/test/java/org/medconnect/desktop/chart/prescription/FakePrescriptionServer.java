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
import java.util.ArrayList;
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
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionResponse;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionResponse;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc;
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
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.proto.prescription.v1.SearchDrugsResponse;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionResponse;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftResponse;

/**
 * The prescription, drug-search, paper and encounter-list RPCs the Prescriptions page and the
 * prescription editor use, in memory over real Netty so the view models run their real stubs and
 * error translation; one fixture for both screens' view-model tests. Newest first, "in play" means
 * draft, signed or partly dispensed. The patient is allergic to penicillins: amoxicillin raises a
 * HIGH allergy alert on check and save. A stale expected_version is ABORTED "Changed by"; signing
 * past a HIGH alert without a reason is FAILED_PRECONDITION, like the real server.
 */
public final class FakePrescriptionServer implements AutoCloseable {

    public static final String OKAFOR = "11111111-1111-1111-1111-111111111111";
    public static final String NOVAK = "22222222-2222-2222-2222-222222222222";
    /** The empty draft {@link #withEmptyDraft()} holds. */
    public static final String ID = "rx-1";
    public static final String ALLERGY_KEY = "allergy:amoxicillin";

    public final Map<String, Prescription> prescriptions = new ConcurrentHashMap<>();
    public final Map<String, List<PrescriptionHistoryEntry>> histories = new ConcurrentHashMap<>();
    public final List<EncounterSummary> encounters = new CopyOnWriteArrayList<>();
    public final List<PrescriptionAdherence> adherence = new CopyOnWriteArrayList<>();
    public final List<ListPrescriptionsRequest> lists = new CopyOnWriteArrayList<>();
    public final List<CreatePrescriptionRequest> creates = new CopyOnWriteArrayList<>();
    public final List<CancelPrescriptionRequest> cancels = new CopyOnWriteArrayList<>();
    public final List<RecordDispenseRequest> dispenses = new CopyOnWriteArrayList<>();
    public final List<RenewPrescriptionRequest> renewals = new CopyOnWriteArrayList<>();
    public final List<EmailPrescriptionRequest> emails = new CopyOnWriteArrayList<>();
    public final List<CheckPrescriptionRequest> checks = new CopyOnWriteArrayList<>();
    public final List<UpdatePrescriptionDraftRequest> updates = new CopyOnWriteArrayList<>();
    public final List<SignPrescriptionRequest> signs = new CopyOnWriteArrayList<>();
    public final List<SearchDrugsRequest> searches = new CopyOnWriteArrayList<>();
    public final AtomicInteger pdfCalls = new AtomicInteger();
    public final byte[] pdf = onePagePdf();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    public FakePrescriptionServer() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Prescriptions())
                    .addService(new Papers())
                    .addService(new Drugs())
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

    /** The editor's fixture: one empty draft, {@link #ID}, for patient-1, valid 30 days, at version 1. */
    public static FakePrescriptionServer withEmptyDraft() {
        FakePrescriptionServer server = new FakePrescriptionServer();
        server.put(ID, PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, OKAFOR, "Dr Amara Okafor", "2026-11-24T09:00:00Z");
        return server;
    }

    // ---- seeding ----

    public static Timestamp at(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }

    public static PrescriptionLine line(String id, int position, String drug, String strength, String form, String quantity, int refills) {
        return PrescriptionLine.newBuilder().setLineId(id).setPosition(position)
                .setInput(PrescriptionLineInput.newBuilder().setDrugKey(drug.toLowerCase()).setDrugName(drug).setStrength(strength)
                        .setForm(form).setDoseAmount("1").setDoseUnit(form).setQuantityUnit(form).setRefills(refills)
                        .setInstructions("Take with food").setWarnings(""))
                .addIngredientKeys(drug.toLowerCase()).setQuantity(quantity).setSig("1 " + form + " twice daily for 7 days")
                .setDispensedQuantity("0").build();
    }

    /** Another workstation saves draft {@link #ID}: the version moves on and the note changes. */
    public void changedElsewhere() {
        prescriptions.computeIfPresent(ID, (k, p) -> p.toBuilder().setVersion(p.getVersion() + 1).setNote("their note").build());
    }

    /** A prescription as the server would hold it; its history gets "Created" (and "Signed" when signed). */
    public Prescription put(String id, PrescriptionStatus status, String prescriberId, String prescriberName, String createdAt,
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

    public void alert(String id, PrescriptionAlert alert) {
        prescriptions.computeIfPresent(id, (k, p) -> p.toBuilder().addAlerts(alert).build());
    }

    public static PrescriptionAlert interaction(String title, String overrideReason, String by) {
        return PrescriptionAlert.newBuilder().setAlertKey("k-" + title.hashCode()).setKind(PrescriptionAlertKind.PRESCRIPTION_ALERT_KIND_INTERACTION)
                .setSeverity(PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH).setTitle(title)
                .setConsequence("Raises the risk of bleeding.").setAction("Avoid the combination or monitor INR closely.")
                .setSource("Phansalkar et al., JAMIA 2012;19:735-743, Table 2").addLinePositions(1)
                .setOverrideReason(overrideReason).setOverriddenByName(by).build();
    }

    public void encounter(String id, EncounterStatus status, String doctorId) {
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

    /** What the checks find: amoxicillin against the recorded penicillin allergy, once per line that names it. */
    public static List<PrescriptionAlert> alerts(List<PrescriptionLineInput> lines) {
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

    /** The server's reading of the lines: a free-text drug is "not checked", a blank quantity is computed. */
    public static List<PrescriptionLine> resolve(List<PrescriptionLineInput> lines) {
        List<PrescriptionLine> resolved = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PrescriptionLineInput in = lines.get(i);
            resolved.add(PrescriptionLine.newBuilder().setLineId("line-" + (i + 1)).setPosition(i + 1).setInput(in)
                    .setNotChecked(in.getDrugKey().isBlank()).setQuantity(in.getQuantity().isBlank() ? "server-computed" : in.getQuantity())
                    .setQuantityOverridden(!in.getQuantity().isBlank()).build());
        }
        return resolved;
    }

    private static io.grpc.StatusRuntimeException changedBy() {
        return Status.ABORTED.withDescription("Changed by Dr Lena Lindqvist at 10:42; reload to see it.").asRuntimeException();
    }

    private final class Prescriptions extends PrescriptionServiceGrpc.PrescriptionServiceImplBase {
        @Override
        public void checkPrescription(CheckPrescriptionRequest r, StreamObserver<CheckPrescriptionResponse> o) {
            checks.add(r);
            o.onNext(CheckPrescriptionResponse.newBuilder().addAllAlerts(alerts(r.getLinesList())).addAllLines(resolve(r.getLinesList())).build());
            o.onCompleted();
        }

        @Override
        public void updatePrescriptionDraft(UpdatePrescriptionDraftRequest r, StreamObserver<UpdatePrescriptionDraftResponse> o) {
            updates.add(r);
            Prescription p = prescriptions.get(r.getPrescriptionId());
            if (p == null) {
                o.onError(Status.NOT_FOUND.withDescription("No such prescription.").asRuntimeException());
                return;
            }
            if (p.getVersion() != r.getExpectedVersion()) {
                o.onError(changedBy());
                return;
            }
            Prescription saved = p.toBuilder().clearLines().addAllLines(resolve(r.getLinesList())).clearAlerts()
                    .addAllAlerts(alerts(r.getLinesList())).setValidDays(r.getValidDays()).setNote(r.getNote())
                    .setVersion(p.getVersion() + 1).build();
            prescriptions.put(p.getPrescriptionId(), saved);
            o.onNext(UpdatePrescriptionDraftResponse.newBuilder().setPrescription(saved).build());
            o.onCompleted();
        }

        @Override
        public void signPrescription(SignPrescriptionRequest r, StreamObserver<SignPrescriptionResponse> o) {
            signs.add(r);
            Prescription p = prescriptions.get(r.getPrescriptionId());
            if (p == null) {
                o.onError(Status.NOT_FOUND.withDescription("No such prescription.").asRuntimeException());
                return;
            }
            if (p.getVersion() != r.getExpectedVersion()) {
                o.onError(changedBy());
                return;
            }
            for (PrescriptionAlert a : p.getAlertsList()) {
                if (a.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH
                        && r.getOverridesList().stream().noneMatch(ov -> ov.getAlertKey().equals(a.getAlertKey()) && !ov.getReason().isBlank())) {
                    o.onError(Status.FAILED_PRECONDITION.withDescription("\"" + a.getTitle()
                            + "\" is a high alert: give a reason to sign past it.").asRuntimeException());
                    return;
                }
            }
            Prescription signed = p.toBuilder().setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED)
                    .setValidUntil("2026-12-24").setVersion(p.getVersion() + 1).build();
            prescriptions.put(p.getPrescriptionId(), signed);
            history(p.getPrescriptionId(), "Signed");
            o.onNext(SignPrescriptionResponse.newBuilder().setPrescription(signed).build());
            o.onCompleted();
        }

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
                o.onError(changedBy());
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

    /** The drug catalogue, two ingredients long: amoxicillin (a penicillin) and amlodipine. */
    private final class Drugs extends DrugServiceGrpc.DrugServiceImplBase {
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
    }

    public static String sha256(byte[] bytes) {
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
