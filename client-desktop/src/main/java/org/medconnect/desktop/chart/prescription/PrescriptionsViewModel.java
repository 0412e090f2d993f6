package org.medconnect.desktop.chart.prescription;

import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.chart.v1.EncounterSummary;
import org.medconnect.proto.chart.v1.ListEncountersRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.proto.prescription.v1.EmailPrescriptionResponse;
import org.medconnect.proto.prescription.v1.GetAdherenceRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAdherence;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionHistoryEntry;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;

/**
 * The chart's Prescriptions page: the patient's prescriptions newest first ("In play" or "All"),
 * the selected one in full (lines, the alerts it was signed with and who overrode them, its
 * history, the PDF's SHA-256), and what a doctor does with one: start a new one (in the open
 * encounter when there is one), open a draft in the editor, renew, cancel with a reason, print,
 * email, record a dispensing. Below the list, how well each dispensed drug covers the last
 * {@value #ADHERENCE_DAYS} days. Every call runs through {@link ServerCalls}; retries reuse their request id.
 */
public final class PrescriptionsViewModel {

    static final int ADHERENCE_DAYS = 180;
    static final int REASON_MAX = 500;

    /** One prescription in the list. */
    public record Row(PrescriptionSummary summary, ZoneId zone) {
        public String id() { return summary.getPrescriptionId(); }
        public PrescriptionStatus status() { return summary.getStatus(); }
        public String statusText() { return PrescriptionText.status(summary.getStatus()); }
        public String drugs() { return summary.getDrugs().isBlank() ? "(no drugs yet)" : summary.getDrugs(); }
        public String prescriber() { return summary.getPrescriberName(); }
        /** The day it was signed, or written for a draft. */
        public String date() {
            return PrescriptionText.isSet(summary.getSignedAt()) ? PrescriptionText.date(summary.getSignedAt(), zone)
                    : PrescriptionText.date(summary.getCreatedAt(), zone);
        }
        public String validUntil() { return PrescriptionText.isoDate(summary.getValidUntil()); }
        /** "Dr Amara Okafor · valid until 05/01/2027": the line under the drugs. */
        public String byLine() {
            return validUntil().isEmpty() ? prescriber() : prescriber() + " \u00b7 valid until " + validUntil();
        }
        /** "2", "1 overridden", "3 (1 overridden)", "" when none: the list's alerts column. */
        public String alertsShort() {
            int n = summary.getAlertCount();
            if (n == 0) {
                return "";
            }
            int overridden = summary.getOverriddenCount();
            return overridden == 0 ? Integer.toString(n) : overridden == n ? n + " overridden" : n + " (" + overridden + " overridden)";
        }
        /** "2 alerts, 1 overridden", "" when none. */
        public String alerts() {
            int n = summary.getAlertCount();
            if (n == 0) {
                return "";
            }
            String text = n + (n == 1 ? " alert" : " alerts");
            return summary.getOverriddenCount() > 0 ? text + ", " + summary.getOverriddenCount() + " overridden" : text;
        }
    }

    /** One line of the selected prescription. */
    public record LineRow(PrescriptionLine line) {
        public String id() { return line.getLineId(); }
        /** "Amoxicillin 500 mg capsule", with "(not checked)" for free text the checks could not read. */
        public String drug() {
            var in = line.getInput();
            String what = String.join(" ", java.util.stream.Stream.of(in.getDrugName(), in.getStrength(), in.getForm())
                    .filter(s -> !s.isBlank()).toList());
            return line.getNotChecked() ? what + " (not checked)" : what;
        }
        public String sig() { return line.getSig(); }
        /** "21 capsule", with "(set by hand)" when the doctor overrode the computed quantity. */
        public String quantity() {
            String unit = line.getInput().getQuantityUnit().isBlank() ? line.getInput().getDoseUnit() : line.getInput().getQuantityUnit();
            String q = (line.getQuantity() + " " + unit).strip();
            return line.getQuantityOverridden() ? q + " (set by hand)" : q;
        }
        public String refills() { return Integer.toString(line.getInput().getRefills()); }
        public String instructions() { return line.getInput().getInstructions(); }
        public String warnings() { return line.getInput().getWarnings(); }
        public String dispensed() {
            String d = line.getDispensedQuantity();
            return d.isBlank() || new BigDecimal(d).signum() == 0 ? "" : d;
        }
        /** What may still be dispensed on this line: quantity x (1 + refills) minus what was. */
        public BigDecimal remaining() {
            BigDecimal total = decimal(line.getQuantity()).multiply(BigDecimal.valueOf(1L + line.getInput().getRefills()));
            BigDecimal left = total.subtract(decimal(line.getDispensedQuantity()));
            return left.signum() < 0 ? BigDecimal.ZERO : left;
        }
        /** For the dispensing form's line choice: "1. Amoxicillin 500 mg capsule". */
        public String choice() { return line.getPosition() + ". " + drug(); }
    }

    /** One alert the prescription carries (as signed, or current for a draft). */
    public record AlertRow(PrescriptionAlert alert) {
        public String severity() { return PrescriptionText.severity(alert.getSeverity()); }
        public String severityStyle() { return PrescriptionText.severityStyle(alert.getSeverity()); }
        public String kind() { return PrescriptionText.kind(alert.getKind()); }
        public String title() { return alert.getTitle(); }
        /** "Interaction: Simvastatin + clarithromycin", or the title alone when it already says what kind it is. */
        public String heading() {
            String kind = kind();
            return kind.isEmpty() || alert.getTitle().toLowerCase(java.util.Locale.ROOT).contains(kind.toLowerCase(java.util.Locale.ROOT))
                    ? alert.getTitle() : kind + ": " + alert.getTitle();
        }
        /** What may happen, then what to do. */
        public String detail() {
            return String.join(" ", java.util.stream.Stream.of(alert.getConsequence(), alert.getAction())
                    .filter(s -> !s.isBlank()).toList());
        }
        public String source() { return alert.getSource(); }
        public boolean overridden() { return !alert.getOverrideReason().isBlank(); }
        /** "Overridden by Dr Amara Okafor: benefit outweighs risk, INR monitored", "" when not. */
        public String override() {
            return overridden() ? "Overridden by " + alert.getOverriddenByName() + ": " + alert.getOverrideReason() : "";
        }
    }

    /** One step of the selected prescription's history. */
    public record HistoryRow(String when, String by, String what) {}

    /** One dispensed drug's coverage over the period. */
    public record AdherenceRow(PrescriptionAdherence adherence) {
        public String drug() { return adherence.getDrugName(); }
        /** 0..1, for the bar. */
        public double proportion() { return Math.max(0, Math.min(1, adherence.getProportionCovered())); }
        public String percent() { return Math.round(proportion() * 100) + "%"; }
        /** "150 of 180 days". */
        public String days() { return adherence.getDaysCovered() + " of " + adherence.getDaysInPeriod() + " days"; }
        public String lastDispensed() { return PrescriptionText.isoDate(adherence.getLastDispensedOn()); }
        public String supplyUntil() { return PrescriptionText.isoDate(adherence.getSupplyUntil()); }
        public int dispenseCount() { return adherence.getDispenseCount(); }
    }

    /** Where a dispensing was reported from. */
    public enum Source {
        PHARMACY("Pharmacy", DispenseSource.DISPENSE_SOURCE_PHARMACY),
        PATIENT("Patient", DispenseSource.DISPENSE_SOURCE_PATIENT);

        private final String label;
        private final DispenseSource proto;

        Source(String label, DispenseSource proto) {
            this.label = label;
            this.proto = proto;
        }

        public String label() { return label; }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final ZoneId zone;
    private final String patientId;
    private final String callerId;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty showAll = new SimpleBooleanProperty(false);
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Prescription> detail = new SimpleObjectProperty<>();
    private final ObservableList<LineRow> lines = FXCollections.observableArrayList();
    private final ObservableList<AlertRow> alerts = FXCollections.observableArrayList();
    private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
    private final ObservableList<AdherenceRow> adherence = FXCollections.observableArrayList();
    private final StringProperty editing = new SimpleStringProperty("");
    private final ObjectProperty<PrescriptionPaper> paper = new SimpleObjectProperty<>();

    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty detailLoading = new SimpleBooleanProperty();
    private final BooleanProperty adherenceLoading = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty adherenceMessage = new SimpleStringProperty("");

    // Cancel, email and dispensing forms (sheets over the page).
    private final StringProperty cancelReason = new SimpleStringProperty("");
    private final StringProperty cancelError = new SimpleStringProperty("");
    private final StringProperty emailRecipient = new SimpleStringProperty("");
    private final StringProperty emailError = new SimpleStringProperty("");
    private final ObjectProperty<LineRow> dispenseLine = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> dispensedOn = new SimpleObjectProperty<>();
    private final StringProperty dispenseQuantity = new SimpleStringProperty("");
    private final ObjectProperty<Source> dispenseSource = new SimpleObjectProperty<>(Source.PHARMACY);
    private final StringProperty dispenseError = new SimpleStringProperty("");

    private final BooleanBinding canEdit;
    private final BooleanBinding canRenew;
    private final BooleanBinding canCancel;
    private final BooleanBinding canPrint;
    private final BooleanBinding canDispense;

    private Optional<String> pendingCreate = Optional.empty();
    private Optional<String> pendingRenew = Optional.empty();
    private Optional<String> pendingDispense = Optional.empty();
    private Optional<String> pendingEmail = Optional.empty();
    private long listSeq;
    private long detailSeq;

    public PrescriptionsViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String patientId, String callerId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.zone = clock.getZone();
        this.patientId = patientId;
        this.callerId = callerId;
        showAll.addListener((obs, was, now) -> load());
        selected.addListener((obs, was, now) -> {
            if (now == null) {
                showDetail(null, List.of());
            } else if (was == null || !was.id().equals(now.id())) {
                loadDetail(now.id());
            }
        });
        cancelReason.addListener((obs, was, now) -> cancelError.set(""));
        dispenseQuantity.addListener((obs, was, now) -> dispenseError.set(""));
        dispenseLine.addListener((obs, was, now) -> {
            dispenseError.set("");
            dispenseQuantity.set(now == null ? "" : now.remaining().stripTrailingZeros().toPlainString());
        });
        canEdit = Bindings.createBooleanBinding(() -> is(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT) && mine() && !busy.get(),
                detail, busy);
        canRenew = Bindings.createBooleanBinding(() -> !busy.get() && (is(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED)
                || is(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED) || is(PrescriptionStatus.PRESCRIPTION_STATUS_DISPENSED)
                || is(PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED)), detail, busy);
        // A signed one can be cancelled only while nothing was dispensed on it; only by its prescriber.
        canCancel = Bindings.createBooleanBinding(() -> !busy.get() && mine()
                && (is(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT) || is(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED)), detail, busy);
        canPrint = Bindings.createBooleanBinding(() -> !busy.get() && detail.get() != null
                && !is(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT) && !is(PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED), detail, busy);
        canDispense = Bindings.createBooleanBinding(() -> !busy.get() && (is(PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED)
                || is(PrescriptionStatus.PRESCRIPTION_STATUS_PARTLY_DISPENSED)), detail, busy);
    }

    // ---- reading ----

    /** Reads the list, the selected prescription and the adherence again (open, F5, the toggle, a live change). */
    public void load() {
        long seq = ++listSeq;
        boolean includeClosed = showAll.get();
        calls.call(loading, () -> connection.prescriptions().listPrescriptions(ListPrescriptionsRequest.newBuilder()
                .setPatientId(patientId).setIncludeClosed(includeClosed).build()).getPrescriptionsList(), found -> {
            if (seq == listSeq) {
                showList(found);
            }
        }, failure -> message.set(failure.message()));
        loadAdherence();
    }

    private void showList(List<PrescriptionSummary> found) {
        String keep = selected.get() == null ? "" : selected.get().id();
        rows.setAll(found.stream().map(s -> new Row(s, zone)).toList());
        Row again = rows.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null);
        selected.set(again);
        if (again != null) {
            loadDetail(again.id()); // the same prescription, perhaps changed: read it again
        }
    }

    private void loadDetail(String id) {
        long seq = ++detailSeq;
        calls.call(detailLoading, () -> connection.prescriptions().getPrescription(GetPrescriptionRequest.newBuilder()
                .setPrescriptionId(id).build()), answer -> {
            if (seq == detailSeq) {
                showDetail(answer.getPrescription(), answer.getHistoryList());
            }
        }, failure -> {
            if (seq == detailSeq) {
                message.set(failure.message());
            }
        });
    }

    private void showDetail(Prescription p, List<PrescriptionHistoryEntry> steps) {
        detail.set(p);
        if (p == null) {
            lines.clear();
            alerts.clear();
            history.clear();
            return;
        }
        lines.setAll(p.getLinesList().stream().map(LineRow::new).toList());
        // High first, then moderate, then low; the server's order within a severity.
        alerts.setAll(p.getAlertsList().stream().map(AlertRow::new)
                .sorted(java.util.Comparator.comparingInt(a -> rank(a.alert().getSeverity()))).toList());
        history.setAll(steps.stream().map(h -> new HistoryRow(PrescriptionText.dateTime(h.getAt(), zone), h.getByName(), h.getWhat()))
                .toList());
    }

    private void loadAdherence() {
        calls.call(adherenceLoading, () -> connection.prescriptions().getAdherence(GetAdherenceRequest.newBuilder()
                .setPatientId(patientId).setDays(ADHERENCE_DAYS).build()).getDrugsList(), found -> {
            adherenceMessage.set("");
            adherence.setAll(found.stream().map(AdherenceRow::new).toList());
        }, failure -> adherenceMessage.set(failure.message()));
    }

    // ---- new, edit, renew ----

    /** New prescription: a draft in the caller's open encounter for this patient when there is one, then the editor. */
    public void newPrescription() {
        if (busy.get()) {
            return;
        }
        calls.call(busy, this::openEncounterOfCaller, encounter -> create(encounter.orElse("")), failure -> create(""));
    }

    /** Prescribe from the encounter page: a draft for that encounter, then the editor. */
    public void prescribeFor(String encounterId) {
        create(encounterId == null ? "" : encounterId);
    }

    private void create(String encounterId) {
        clearMessages();
        String requestId = pendingCreate.orElseGet(() -> UUID.randomUUID().toString());
        pendingCreate = Optional.of(requestId);
        CreatePrescriptionRequest request = CreatePrescriptionRequest.newBuilder().setRequestId(requestId).setPatientId(patientId)
                .setEncounterId(encounterId).build();
        calls.call(busy, () -> connection.prescriptions().createPrescription(request).getPrescription(), created -> {
            pendingCreate = Optional.empty();
            edit(created.getPrescriptionId());
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingCreate = Optional.empty();
            }
            message.set(failure.message());
        });
    }

    /** Opens the selected draft in the editor. */
    public void editSelected() {
        if (canEdit.get()) {
            edit(detail.get().getPrescriptionId());
        }
    }

    private void edit(String prescriptionId) {
        clearMessages();
        editing.set(prescriptionId);
    }

    /** The editor closed (signed, or left): back to the list, showing the prescription that was edited. */
    public void editorClosed() {
        String edited = editing.get();
        editing.set("");
        if (!edited.isEmpty()) {
            selectAfterLoad(edited);
        }
        load();
    }

    private void selectAfterLoad(String id) {
        // Select a placeholder row with the id so showList keeps it selected once the list is in.
        selected.set(new Row(PrescriptionSummary.newBuilder().setPrescriptionId(id).build(), zone));
    }

    /** Renews the selected prescription: a linked draft with its lines (checked again), opened in the editor. */
    public void renew() {
        if (!canRenew.get()) {
            return;
        }
        String originalId = detail.get().getPrescriptionId();
        calls.call(busy, this::openEncounterOfCaller, encounter -> renew(originalId, encounter.orElse("")), failure -> renew(originalId, ""));
    }

    private void renew(String originalId, String encounterId) {
        clearMessages();
        String requestId = pendingRenew.orElseGet(() -> UUID.randomUUID().toString());
        pendingRenew = Optional.of(requestId);
        RenewPrescriptionRequest request = RenewPrescriptionRequest.newBuilder().setRequestId(requestId).setPrescriptionId(originalId)
                .setEncounterId(encounterId).build();
        calls.call(busy, () -> connection.prescriptions().renewPrescription(request).getPrescription(), renewal -> {
            pendingRenew = Optional.empty();
            edit(renewal.getPrescriptionId());
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingRenew = Optional.empty();
            }
            message.set(failure.message());
        });
    }

    /** The newest open encounter of this patient that the caller is seeing, if any. */
    private Optional<String> openEncounterOfCaller() {
        List<EncounterSummary> recent = connection.encounters().listEncounters(ListEncountersRequest.newBuilder().setPatientId(patientId)
                .setPage(PageRequest.newBuilder().setPageSize(20)).build()).getEncountersList();
        return recent.stream().filter(e -> e.getStatus() == EncounterStatus.ENCOUNTER_STATUS_OPEN && e.getDoctorId().equals(callerId))
                .map(EncounterSummary::getId).findFirst();
    }

    // ---- cancel ----

    /** Prepares the cancel form for the selected prescription. */
    public void startCancel() {
        cancelReason.set("");
        cancelError.set("");
    }

    /** Cancels the selected prescription with the typed reason; {@code done} closes the form. */
    public void cancel(Runnable done) {
        if (!canCancel.get()) {
            return;
        }
        String reason = cancelReason.get() == null ? "" : cancelReason.get().strip();
        if (reason.isEmpty()) {
            cancelError.set("Say why it is cancelled.");
            return;
        }
        if (reason.length() > REASON_MAX) {
            cancelError.set("Keep the reason under " + REASON_MAX + " characters.");
            return;
        }
        Prescription p = detail.get();
        CancelPrescriptionRequest request = CancelPrescriptionRequest.newBuilder().setPrescriptionId(p.getPrescriptionId())
                .setExpectedVersion(p.getVersion()).setReason(reason).build();
        clearMessages();
        calls.call(busy, () -> connection.prescriptions().cancelPrescription(request).getPrescription(), cancelled -> {
            notice.set("Cancelled.");
            done.run();
            if (!showAll.get()) {
                selected.set(null); // it leaves the "in play" list
            }
            load();
        }, failure -> {
            cancelError.set(failure.fieldErrors().getOrDefault("reason", failure.message()));
            if (failure.code() == io.grpc.Status.Code.ABORTED) {
                load();
            }
        });
    }

    // ---- print and email ----

    /** Fetches the archived PDF (issued on first print) and renders its pages; the view opens the viewer. */
    public void print() {
        if (!canPrint.get()) {
            return;
        }
        String id = detail.get().getPrescriptionId();
        clearMessages();
        calls.call(busy, () -> {
            GetPrescriptionPdfResponse pdf = connection.prescriptionPapers().getPrescriptionPdf(GetPrescriptionPdfRequest.newBuilder()
                    .setPrescriptionId(id).build());
            String name = pdf.getFileName().isBlank() ? "prescription.pdf" : pdf.getFileName();
            return PrescriptionPaper.render(name, pdf.getSha256(), pdf.getPdf().toByteArray());
        }, rendered -> {
            paper.set(rendered);
            loadDetail(id); // the SHA-256 and "Printed" in the history
        }, failure -> message.set(failure.message()));
    }

    /** Closes the viewer. */
    public void closePaper() {
        paper.set(null);
    }

    /** Writes the shown PDF's bytes, exactly as archived, to {@code file}. */
    public void savePaper(Path file) {
        PrescriptionPaper shown = paper.get();
        if (shown == null) {
            return;
        }
        calls.call(busy, () -> {
            try {
                Files.write(file, shown.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }, saved -> notice.set("Saved a copy as " + saved.getFileName() + "."),
                failure -> message.set("Could not save the copy there. Choose another folder."));
    }

    public void startEmail() {
        emailRecipient.set("");
        emailError.set("");
    }

    /** Emails the archived PDF to the patient's address, or the one typed; {@code done} closes the form. */
    public void email(Runnable done) {
        if (!canPrint.get()) {
            return;
        }
        String recipient = emailRecipient.get() == null ? "" : emailRecipient.get().strip();
        if (!recipient.isEmpty() && (recipient.length() > 254 || !recipient.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            emailError.set("Write an email address like name@example.org, or leave it empty for the patient's own.");
            return;
        }
        String requestId = pendingEmail.orElseGet(() -> UUID.randomUUID().toString());
        pendingEmail = Optional.of(requestId);
        String id = detail.get().getPrescriptionId();
        EmailPrescriptionRequest request = EmailPrescriptionRequest.newBuilder().setRequestId(requestId).setPrescriptionId(id)
                .setRecipient(recipient).build();
        clearMessages();
        calls.call(busy, () -> connection.prescriptionPapers().emailPrescription(request), (EmailPrescriptionResponse sent) -> {
            pendingEmail = Optional.empty();
            notice.set("Emailed to " + sent.getRecipient() + (sent.getOutcome().isBlank() ? "." : " (" + sent.getOutcome() + ")."));
            done.run();
            loadDetail(id);
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingEmail = Optional.empty();
            }
            emailError.set(failure.fieldErrors().getOrDefault("recipient", failure.message()));
        });
    }

    // ---- dispensing ----

    /** Prepares the dispensing form: the first line with something left to dispense, today, all that is left, pharmacy. */
    public void startDispense() {
        dispenseError.set("");
        dispensedOn.set(LocalDate.now(clock));
        dispenseSource.set(Source.PHARMACY);
        LineRow first = lines.stream().filter(l -> l.remaining().signum() > 0).findFirst().orElse(lines.isEmpty() ? null : lines.getFirst());
        dispenseLine.set(null);
        dispenseLine.set(first);
    }

    /** Records the dispensing in the form; {@code done} closes the form. */
    public void recordDispense(Runnable done) {
        if (!canDispense.get()) {
            return;
        }
        LineRow line = dispenseLine.get();
        if (line == null) {
            dispenseError.set("Choose the line that was dispensed.");
            return;
        }
        LocalDate on = dispensedOn.get();
        if (on == null) {
            dispenseError.set("Choose the day it was dispensed.");
            return;
        }
        if (on.isAfter(LocalDate.now(clock))) {
            dispenseError.set("The day cannot be in the future.");
            return;
        }
        Prescription p = detail.get();
        if (PrescriptionText.isSet(p.getSignedAt())
                && on.isBefore(java.time.Instant.ofEpochSecond(p.getSignedAt().getSeconds()).atZone(zone).toLocalDate())) {
            dispenseError.set("The day cannot be before the prescription was signed.");
            return;
        }
        BigDecimal quantity;
        try {
            quantity = new BigDecimal(dispenseQuantity.get().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            dispenseError.set("Write the quantity as a number, e.g. 21 or 2.5.");
            return;
        }
        if (quantity.signum() <= 0) {
            dispenseError.set("The quantity must be more than 0.");
            return;
        }
        if (quantity.compareTo(line.remaining()) > 0) {
            dispenseError.set("At most " + line.remaining().stripTrailingZeros().toPlainString()
                    + " may still be dispensed on this line (quantity \u00d7 (1 + refills)).");
            return;
        }
        String requestId = pendingDispense.orElseGet(() -> UUID.randomUUID().toString());
        pendingDispense = Optional.of(requestId);
        RecordDispenseRequest request = RecordDispenseRequest.newBuilder().setRequestId(requestId).setPrescriptionId(p.getPrescriptionId())
                .setLineId(line.id()).setDispensedOn(on.toString()).setQuantity(quantity.stripTrailingZeros().toPlainString())
                .setSource(dispenseSource.get().proto).build();
        clearMessages();
        calls.call(busy, () -> connection.prescriptions().recordDispense(request).getPrescription(), updated -> {
            pendingDispense = Optional.empty();
            notice.set("Dispensing recorded: " + request.getQuantity() + " of " + line.drug() + ".");
            done.run();
            load();
        }, failure -> {
            if (failure.definiteRefusal()) {
                pendingDispense = Optional.empty();
            }
            dispenseError.set(failure.fieldErrors().isEmpty() ? failure.message() : String.join(" ", failure.fieldErrors().values()));
        });
    }

    // ---- helpers ----

    private boolean is(PrescriptionStatus status) {
        return detail.get() != null && detail.get().getStatus() == status;
    }

    private boolean mine() {
        return detail.get() != null && detail.get().getPrescriberId().equals(callerId);
    }

    private void clearMessages() {
        message.set("");
        notice.set("");
    }

    private static int rank(PrescriptionAlertSeverity s) {
        return switch (s) {
            case PRESCRIPTION_ALERT_SEVERITY_HIGH -> 0;
            case PRESCRIPTION_ALERT_SEVERITY_MODERATE -> 1;
            case PRESCRIPTION_ALERT_SEVERITY_LOW -> 2;
            default -> 3;
        };
    }

    static BigDecimal decimal(String text) {
        try {
            return text == null || text.isBlank() ? BigDecimal.ZERO : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    // ---- properties ----

    public ObservableList<Row> rows() { return rows; }
    public BooleanProperty showAllProperty() { return showAll; }
    public ObjectProperty<Row> selectedProperty() { return selected; }
    public ObjectProperty<Prescription> detailProperty() { return detail; }
    public ObservableList<LineRow> lines() { return lines; }
    public ObservableList<AlertRow> alerts() { return alerts; }
    public ObservableList<HistoryRow> history() { return history; }
    public ObservableList<AdherenceRow> adherence() { return adherence; }
    public StringProperty editingProperty() { return editing; }
    public ObjectProperty<PrescriptionPaper> paperProperty() { return paper; }
    public BooleanProperty loadingProperty() { return loading; }
    public BooleanProperty detailLoadingProperty() { return detailLoading; }
    public BooleanProperty adherenceLoadingProperty() { return adherenceLoading; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty adherenceMessageProperty() { return adherenceMessage; }
    public StringProperty cancelReasonProperty() { return cancelReason; }
    public StringProperty cancelErrorProperty() { return cancelError; }
    public StringProperty emailRecipientProperty() { return emailRecipient; }
    public StringProperty emailErrorProperty() { return emailError; }
    public ObjectProperty<LineRow> dispenseLineProperty() { return dispenseLine; }
    public ObjectProperty<LocalDate> dispensedOnProperty() { return dispensedOn; }
    public StringProperty dispenseQuantityProperty() { return dispenseQuantity; }
    public ObjectProperty<Source> dispenseSourceProperty() { return dispenseSource; }
    public StringProperty dispenseErrorProperty() { return dispenseError; }
    public BooleanBinding canEditProperty() { return canEdit; }
    public BooleanBinding canRenewProperty() { return canRenew; }
    public BooleanBinding canCancelProperty() { return canCancel; }
    public BooleanBinding canPrintProperty() { return canPrint; }
    public BooleanBinding canDispenseProperty() { return canDispense; }
    public ZoneId zone() { return zone; }
}
