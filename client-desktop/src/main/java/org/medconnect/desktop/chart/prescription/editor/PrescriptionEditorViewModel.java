package org.medconnect.desktop.chart.prescription.editor;

import org.medconnect.desktop.chart.prescription.paper.PrescriptionPaper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionResponse;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.EmailPrescriptionRequest;
import org.medconnect.proto.prescription.v1.EmailPrescriptionResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionPdfResponse;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionAlert;
import org.medconnect.proto.prescription.v1.PrescriptionAlertSeverity;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.proto.prescription.v1.PrescriptionLine;
import org.medconnect.proto.prescription.v1.PrescriptionLineInput;
import org.medconnect.proto.prescription.v1.PrescriptionOverride;
import org.medconnect.proto.prescription.v1.PrescriptionRoute;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;

/**
 * The editor of one prescription draft. The doctor writes lines in a form (a drug found in the
 * catalogue as they type, or free text shown "not checked"); every change is checked on the server
 * about {@link #CHECK_PAUSE} after the last keystroke, the line being written included, and the
 * alerts are listed with the lines they name; the lines are saved {@link #SAVE_PAUSE} after the last
 * change. A save refused as stale keeps the doctor's lines and offers to put them back on top of the
 * newer version. Signing past a HIGH alert needs a reason for each; once signed the editor prints
 * (the archived PDF, rendered) and emails it.
 */
public final class PrescriptionEditorViewModel {

    static final Duration CHECK_PAUSE = Duration.ofMillis(400);
    static final Duration SAVE_PAUSE = Duration.ofMillis(1200);
    static final int MAX_LINES = 50;
    static final int MATCHES = 12;

    /** One line of the prescription as the table lists it. */
    public record LineRow(int position, PrescriptionLineInput input, Optional<PrescriptionLine> resolved,
            Optional<PrescriptionAlertSeverity> worstAlert) {

        /** "Amoxicillin 500 mg capsule", "(not checked)" added for a drug the checks cannot read. */
        public String drug() {
            String what = joined(input.getDrugName(), input.getStrength(), input.getForm());
            return notChecked() ? what + " (not checked)" : what;
        }

        public boolean notChecked() {
            return resolved.map(PrescriptionLine::getNotChecked).orElse(input.getDrugKey().isBlank());
        }

        /** "1 capsule three times daily for 7 days", the server's wording once it has read the line. */
        public String sig() {
            String server = resolved.map(PrescriptionLine::getSig).orElse("");
            return server.isBlank() ? localSig(input) : server;
        }

        /** "21 capsule", "30 tablet (set by hand)". */
        public String quantity() {
            String unit = input.getQuantityUnit().isBlank() ? input.getDoseUnit() : input.getQuantityUnit();
            String amount = resolved.map(PrescriptionLine::getQuantity).filter(q -> !q.isBlank())
                    .or(() -> input.getQuantity().isBlank()
                            ? Dosing.quantity(input.getDoseAmount(), input.getFrequency(), Integer.toString(input.getDurationDays())).map(Dosing::text)
                            : Optional.of(input.getQuantity()))
                    .orElse("");
            String shown = joined(amount, unit);
            return input.getQuantity().isBlank() ? shown : shown + " (set by hand)";
        }

        public String refills() {
            return input.getRefills() == 0 ? "none" : Integer.toString(input.getRefills());
        }

        /** The CSS class of the row's highest alert ("rx-line-high"), empty when none names it. */
        public String alertStyle() {
            return worstAlert.map(PrescriptionEditorViewModel::severityStyle).map(s -> s.replace("rx-alert-", "rx-line-")).orElse("");
        }
    }

    /** One alert as the panel shows it. */
    public record AlertRow(PrescriptionAlert alert, String lines) {
        public String severity() {
            return severityLabel(alert.getSeverity());
        }

        public String style() {
            return severityStyle(alert.getSeverity());
        }

        public boolean high() {
            return alert.getSeverity() == PrescriptionAlertSeverity.PRESCRIPTION_ALERT_SEVERITY_HIGH;
        }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final Delay delay;
    private final String patientId;
    private final String prescriptionId;

    private final ObjectProperty<Prescription> prescription = new SimpleObjectProperty<>();
    private final ObservableList<LineRow> lines = FXCollections.observableArrayList();
    private final ObservableList<AlertRow> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertRow> highAlerts = FXCollections.observableArrayList();
    private final Map<String, StringProperty> overrideReasons = new LinkedHashMap<>();
    private final StringProperty validDays = new SimpleStringProperty("30");
    private final StringProperty note = new SimpleStringProperty("");

    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty saving = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final BooleanProperty signing = new SimpleBooleanProperty();
    private final BooleanProperty printing = new SimpleBooleanProperty();
    private final BooleanProperty emailing = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final BooleanProperty draft = new SimpleBooleanProperty();
    private final BooleanProperty signed = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty saveState = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty staleMessage = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty checkState = new SimpleStringProperty("");
    private final StringProperty signError = new SimpleStringProperty("");
    private final StringProperty emailRecipient = new SimpleStringProperty("");
    private final StringProperty emailOutcome = new SimpleStringProperty("");
    private final ObjectProperty<PrescriptionPaper> pdf = new SimpleObjectProperty<>();
    private final BooleanProperty pendingLineAlerted = new SimpleBooleanProperty();

    // ---- the line form ----
    private final IntegerProperty editing = new SimpleIntegerProperty(-1);
    private final StringProperty drugQuery = new SimpleStringProperty("");
    private final ObservableList<DrugChoice> matches = FXCollections.observableArrayList();
    private final ObjectProperty<DrugChoice> chosenDrug = new SimpleObjectProperty<>();
    private final ObservableList<String> commonForms = FXCollections.observableArrayList();
    private final StringProperty strength = new SimpleStringProperty("");
    private final StringProperty form = new SimpleStringProperty("");
    private final ObjectProperty<PrescriptionRoute> route = new SimpleObjectProperty<>(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL);
    private final StringProperty doseAmount = new SimpleStringProperty("1");
    private final StringProperty doseUnit = new SimpleStringProperty("");
    private final ObjectProperty<PrescriptionFrequency> frequency = new SimpleObjectProperty<>(
            PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY);
    private final BooleanProperty asNeeded = new SimpleBooleanProperty();
    private final StringProperty durationDays = new SimpleStringProperty("7");
    private final StringProperty quantity = new SimpleStringProperty("");
    private final BooleanProperty quantityOverridden = new SimpleBooleanProperty();
    private final StringProperty computedQuantity = new SimpleStringProperty("");
    private final StringProperty refills = new SimpleStringProperty("0");
    private final StringProperty instructions = new SimpleStringProperty("");
    private final StringProperty warnings = new SimpleStringProperty("");
    private final StringProperty drugHint = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");

    private final BooleanBinding canSign;
    private final BooleanBinding overridesComplete;
    private final BooleanBinding editable;

    private int version;
    private long searchSeq;
    private long alertSeq;
    private boolean applying;
    private boolean followingComputed;
    private boolean saveAgain;
    private Optional<Delay.Pending> pendingCheck = Optional.empty();
    private Optional<Delay.Pending> pendingSave = Optional.empty();
    private Optional<String> emailRequestId = Optional.empty();
    private List<PrescriptionLineInput> keptLines = List.of();

    public PrescriptionEditorViewModel(ServerConnection connection, ServerCalls calls, Clock clock, Delay delay, String patientId,
            String prescriptionId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.delay = delay;
        this.patientId = patientId;
        this.prescriptionId = prescriptionId;

        editable = Bindings.createBooleanBinding(() -> draft.get() && !stale.get() && !signing.get(), draft, stale, signing);
        overridesComplete = Bindings.createBooleanBinding(this::everyHighAlertHasAReason, highAlerts);
        canSign = Bindings.createBooleanBinding(() -> editable.get() && !lines.isEmpty() && !dirty.get() && !saving.get()
                && drugQuery.get().isBlank() && editing.get() < 0, editable, lines, dirty, saving, drugQuery, editing);

        drugQuery.addListener((obs, old, now) -> onQuery(now));
        chosenDrug.addListener((obs, old, now) -> {
            commonForms.setAll(now == null ? List.of() : now.getCommonFormsList());
            updateHint();
        });
        for (Observable field : List.of(doseAmount, frequency, durationDays)) {
            field.addListener(o -> followComputed());
        }
        quantity.addListener((obs, old, now) -> {
            if (!followingComputed) {
                quantityOverridden.set(!now.strip().isEmpty() && !now.strip().equals(computedQuantity.get()));
            }
        });
        for (Observable field : List.of(drugQuery, strength, form, route, doseAmount, doseUnit, frequency, asNeeded, durationDays,
                quantity, refills, instructions, warnings)) {
            field.addListener(o -> {
                formError.set("");
                scheduleCheck();
            });
        }
        for (Observable field : List.of(validDays, note)) {
            field.addListener(o -> changed(false));
        }
        followComputed();
    }

    // ---- loading ----

    /** Reads the prescription (on open, and to leave a stale state). */
    public void load() {
        calls.call(loading, () -> connection.prescriptions().getPrescription(GetPrescriptionRequest.newBuilder()
                .setPrescriptionId(prescriptionId).build()).getPrescription(), this::show, failure -> message.set(failure.message()));
    }

    private void show(Prescription loaded) {
        applying = true;
        try {
            prescription.set(loaded);
            version = loaded.getVersion();
            validDays.set(Integer.toString(loaded.getValidDays() == 0 ? 30 : loaded.getValidDays()));
            note.set(loaded.getNote());
            List<LineRow> rows = new ArrayList<>();
            for (PrescriptionLine line : loaded.getLinesList()) {
                rows.add(new LineRow(rows.size() + 1, line.getInput(), Optional.of(line), Optional.empty()));
            }
            lines.setAll(rows);
            dirty.set(false);
            stale.set(false);
            staleMessage.set("");
            showStatus(loaded);
            showAlerts(loaded.getAlertsList(), loaded.getLinesList());
        } finally {
            applying = false;
        }
        message.set("");
    }

    private void showStatus(Prescription p) {
        draft.set(p.getStatus() == PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT);
        signed.set(p.getStatus() != PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT
                && p.getStatus() != PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED
                && p.getStatus() != PrescriptionStatus.PRESCRIPTION_STATUS_UNSPECIFIED);
        status.set(statusText(p));
    }

    private static String statusText(Prescription p) {
        String validUntil = date(p.getValidUntil());
        return switch (p.getStatus()) {
            case PRESCRIPTION_STATUS_DRAFT -> "Draft";
            case PRESCRIPTION_STATUS_SIGNED -> "Signed" + (validUntil.isEmpty() ? "" : ", valid until " + validUntil);
            case PRESCRIPTION_STATUS_PARTLY_DISPENSED -> "Partly dispensed" + (validUntil.isEmpty() ? "" : ", valid until " + validUntil);
            case PRESCRIPTION_STATUS_DISPENSED -> "Dispensed";
            case PRESCRIPTION_STATUS_EXPIRED -> "Expired on " + validUntil;
            case PRESCRIPTION_STATUS_CANCELLED -> "Cancelled" + (p.getCancelReason().isBlank() ? "" : ": " + p.getCancelReason());
            default -> "";
        };
    }

    /** An ISO date in the clinic's format; empty when there is none. */
    static String date(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return ClinicDates.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    // ---- the drug search ----

    private void onQuery(String typed) {
        if (applying) {
            return;
        }
        if (chosenDrug.get() != null && !typed.equals(chosenDrug.get().getName())) {
            chosenDrug.set(null);
        }
        updateHint();
        long seq = ++searchSeq;
        String query = typed.strip();
        if (query.isEmpty() || chosenDrug.get() != null) {
            matches.clear();
            return;
        }
        String sent = query.length() > 100 ? query.substring(0, 100) : query;
        calls.call(searching, () -> searchDrugs(sent), found -> {
                    if (seq == searchSeq) {
                        matches.setAll(found);
                    }
                }, failure -> {
                    if (seq == searchSeq) {
                        matches.clear();
                    }
                });
    }

    /** DrugService.SearchDrugs: catalogue ingredients with their common forms, and the clinic's local brands. */
    private List<DrugChoice> searchDrugs(String query) {
        return connection.drugs().searchDrugs(SearchDrugsRequest.newBuilder().setQuery(query).setLimit(MATCHES).build()).getDrugsList();
    }

    private void updateHint() {
        DrugChoice drug = chosenDrug.get();
        if (drug != null) {
            drugHint.set(drug.getDetailsCount() == 0 ? "From the catalogue: checked."
                    : "Checked as " + String.join(", ", drug.getDetailsList()) + ".");
        } else if (!drugQuery.get().isBlank()) {
            drugHint.set("Not from the list: written as free text and marked \"not checked\".");
        } else {
            drugHint.set("");
        }
    }

    /** Picks a drug from the matches: its name goes in the field and its common forms are offered. */
    public void choose(DrugChoice drug) {
        if (drug == null) {
            return;
        }
        chosenDrug.set(drug);
        drugQuery.set(drug.getName());
        matches.clear();
        if (drug.getCommonFormsCount() == 1) {
            useCommonForm(drug.getCommonForms(0));
        }
    }

    /** Fills strength, form and route from one of the drug's common forms ("500 MG Oral Capsule"). */
    public void useCommonForm(String commonForm) {
        if (commonForm == null || commonForm.isBlank()) {
            return;
        }
        Dosing.FormParts parts = Dosing.split(commonForm);
        strength.set(parts.strength());
        form.set(parts.form());
        parts.route().ifPresent(route::set);
        if (doseUnit.get().isBlank() && !parts.form().isBlank()) {
            doseUnit.set(unitFor(parts.form()));
        }
    }

    /** "tablet" for "film coated tablet", "capsule" for "delayed release capsule"; the last word otherwise. */
    private static String unitFor(String form) {
        String[] words = form.strip().split("\\s+");
        String last = words[words.length - 1];
        return switch (last) {
            case "solution", "suspension", "syrup", "elixir" -> "mL";
            case "inhaler", "aerosol" -> "puff";
            case "cream", "ointment", "gel" -> "application";
            default -> last;
        };
    }

    // ---- quantity: computed live, overridable ----

    private void followComputed() {
        String computed = Dosing.quantity(doseAmount.get(), frequency.get(), durationDays.get()).map(Dosing::text).orElse("");
        computedQuantity.set(computed);
        if (!quantityOverridden.get()) {
            followingComputed = true;
            try {
                quantity.set(computed);
            } finally {
                followingComputed = false;
            }
        }
    }

    /** Drops a typed quantity: the line goes back to dose x frequency x days. */
    public void useComputedQuantity() {
        quantityOverridden.set(false);
        followComputed();
    }

    // ---- lines ----

    /** Adds the line in the form, or saves the line being edited; the form empties for the next one. */
    public void saveLine() {
        if (!editable.get()) {
            return;
        }
        Optional<PrescriptionLineInput> input = lineFromForm();
        if (input.isEmpty()) {
            return;
        }
        int index = editing.get();
        if (index < 0 && lines.size() >= MAX_LINES) {
            formError.set("A prescription holds at most " + MAX_LINES + " lines.");
            return;
        }
        List<PrescriptionLineInput> inputs = new ArrayList<>(inputs());
        if (index >= 0 && index < inputs.size()) {
            inputs.set(index, input.get());
        } else {
            inputs.add(input.get());
        }
        setLines(inputs);
        clearForm();
        changed(true);
    }

    /** Puts a line back in the form to change it. */
    public void edit(LineRow row) {
        if (!editable.get() || row == null) {
            return;
        }
        PrescriptionLineInput in = row.input();
        applying = true;
        try {
            chosenDrug.set(in.getDrugKey().isBlank() ? null
                    : DrugChoice.newBuilder().setDrugKey(in.getDrugKey()).setName(in.getDrugName()).build());
            drugQuery.set(in.getDrugName());
            matches.clear();
        } finally {
            applying = false;
        }
        updateHint();
        strength.set(in.getStrength());
        form.set(in.getForm());
        route.set(in.getRoute() == PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED ? PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL : in.getRoute());
        doseAmount.set(in.getDoseAmount());
        doseUnit.set(in.getDoseUnit());
        frequency.set(in.getFrequency());
        asNeeded.set(in.getAsNeeded());
        durationDays.set(Integer.toString(in.getDurationDays()));
        quantityOverridden.set(!in.getQuantity().isBlank());
        if (in.getQuantity().isBlank()) {
            followComputed();
        } else {
            quantity.set(in.getQuantity());
        }
        refills.set(Integer.toString(in.getRefills()));
        instructions.set(in.getInstructions());
        warnings.set(in.getWarnings());
        editing.set(row.position() - 1);
    }

    /** Leaves the form empty (a new line, or editing given up). */
    public void clearForm() {
        applying = true;
        try {
            chosenDrug.set(null);
            drugQuery.set("");
            matches.clear();
        } finally {
            applying = false;
        }
        updateHint();
        strength.set("");
        form.set("");
        route.set(PrescriptionRoute.PRESCRIPTION_ROUTE_ORAL);
        doseAmount.set("1");
        doseUnit.set("");
        frequency.set(PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY);
        asNeeded.set(false);
        durationDays.set("7");
        quantityOverridden.set(false);
        followComputed();
        refills.set("0");
        instructions.set("");
        warnings.set("");
        editing.set(-1);
        formError.set("");
        scheduleCheck();
    }

    public void remove(LineRow row) {
        if (!editable.get() || row == null) {
            return;
        }
        List<PrescriptionLineInput> inputs = new ArrayList<>(inputs());
        int index = row.position() - 1;
        if (index < 0 || index >= inputs.size()) {
            return;
        }
        inputs.remove(index);
        if (editing.get() == index) {
            clearForm();
        } else if (editing.get() > index) {
            editing.set(editing.get() - 1);
        }
        setLines(inputs);
        changed(true);
    }

    /** The form as a line, or empty with {@link #formErrorProperty()} naming what to fix. */
    Optional<PrescriptionLineInput> lineFromForm() {
        String name = drugQuery.get().strip();
        if (name.isEmpty()) {
            return refuse("Drug: type a name and pick it from the list, or write it in full.");
        }
        if (name.length() > 200) {
            return refuse("Drug: at most 200 characters.");
        }
        if (strength.get().strip().length() > 60 || form.get().strip().length() > 60) {
            return refuse("Strength and form: at most 60 characters each.");
        }
        Optional<BigDecimal> dose = Dosing.decimal(doseAmount.get());
        if (dose.isEmpty() || dose.get().signum() <= 0 || dose.get().compareTo(Dosing.MAX_DOSE) > 0) {
            return refuse("Dose: a number more than 0, such as 1 or 0.5.");
        }
        String unit = doseUnit.get().strip();
        if (unit.isEmpty() || unit.length() > 30) {
            return refuse("Dose unit: say what a dose is counted in, such as tablet, mL or puff.");
        }
        if (frequency.get() == null) {
            return refuse("Frequency: choose how often.");
        }
        Optional<Integer> days = Dosing.whole(durationDays.get()).filter(d -> d >= 1 && d <= Dosing.MAX_DAYS);
        if (days.isEmpty()) {
            return refuse("Duration: 1 to 365 days.");
        }
        String typedQuantity = "";
        if (quantityOverridden.get()) {
            Optional<BigDecimal> q = Dosing.decimal(quantity.get());
            if (q.isEmpty() || q.get().signum() <= 0 || q.get().compareTo(new BigDecimal("100000")) > 0) {
                return refuse("Quantity: a number more than 0, or use the computed one.");
            }
            typedQuantity = Dosing.text(q.get());
        }
        Optional<Integer> refillCount = Dosing.whole(refills.get()).filter(r -> r <= Dosing.MAX_REFILLS);
        if (refillCount.isEmpty()) {
            return refuse("Refills: 0 to 12.");
        }
        if (instructions.get().length() > 1000 || warnings.get().length() > 1000) {
            return refuse("Instructions and warnings: at most 1000 characters each.");
        }
        DrugChoice drug = chosenDrug.get();
        return Optional.of(PrescriptionLineInput.newBuilder()
                .setDrugKey(drug == null ? "" : drug.getDrugKey())
                .setDrugName(name)
                .setStrength(strength.get().strip())
                .setForm(form.get().strip())
                .setRoute(route.get() == null ? PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED : route.get())
                .setDoseAmount(Dosing.text(dose.get()))
                .setDoseUnit(unit)
                .setFrequency(frequency.get())
                .setAsNeeded(asNeeded.get())
                .setDurationDays(days.get())
                .setQuantity(typedQuantity)
                .setRefills(refillCount.get())
                .setInstructions(instructions.get().strip())
                .setWarnings(warnings.get().strip())
                .build());
    }

    private Optional<PrescriptionLineInput> refuse(String why) {
        formError.set(why);
        return Optional.empty();
    }

    List<PrescriptionLineInput> inputs() {
        return lines.stream().map(LineRow::input).toList();
    }

    private void setLines(List<PrescriptionLineInput> inputs) {
        List<LineRow> rows = new ArrayList<>();
        for (PrescriptionLineInput in : inputs) {
            rows.add(new LineRow(rows.size() + 1, in, Optional.empty(), Optional.empty()));
        }
        lines.setAll(rows);
        highlight();
    }

    // ---- live checks ----

    private void scheduleCheck() {
        if (applying || !draft.get()) {
            return;
        }
        pendingCheck.ifPresent(Delay.Pending::cancel);
        pendingCheck = Optional.of(delay.after(CHECK_PAUSE, () -> {
            pendingCheck = Optional.empty();
            check();
        }));
    }

    /** The lines the checks read now: the list, and the line being written once it names a drug. */
    CheckPrescriptionRequest checkRequest() {
        CheckPrescriptionRequest.Builder request = CheckPrescriptionRequest.newBuilder().setPatientId(patientId)
                .setPrescriptionId(prescriptionId);
        List<PrescriptionLineInput> inputs = new ArrayList<>(inputs());
        pendingLine().ifPresent(pending -> {
            if (editing.get() >= 0 && editing.get() < inputs.size()) {
                inputs.set(editing.get(), pending);
            } else {
                inputs.add(pending);
            }
        });
        return request.addAllLines(inputs.subList(0, Math.min(inputs.size(), MAX_LINES))).build();
    }

    /**
     * The line being written as the checks need it: the drug is what they read, so a dose not typed
     * yet is sent as one unit once daily for a day rather than holding the alerts back.
     */
    private Optional<PrescriptionLineInput> pendingLine() {
        String name = drugQuery.get().strip();
        if (name.isEmpty() || name.length() > 200) {
            return Optional.empty();
        }
        DrugChoice drug = chosenDrug.get();
        String dose = Dosing.decimal(doseAmount.get()).filter(d -> d.signum() > 0 && d.compareTo(Dosing.MAX_DOSE) <= 0)
                .map(Dosing::text).orElse("1");
        String unit = doseUnit.get().strip();
        return Optional.of(PrescriptionLineInput.newBuilder().setDrugKey(drug == null ? "" : drug.getDrugKey()).setDrugName(name)
                .setRoute(route.get() == null ? PrescriptionRoute.PRESCRIPTION_ROUTE_UNSPECIFIED : route.get())
                .setDoseAmount(dose).setDoseUnit(unit.isEmpty() || unit.length() > 30 ? "dose" : unit)
                .setFrequency(frequency.get() == null ? PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE_DAILY : frequency.get())
                .setAsNeeded(asNeeded.get())
                .setDurationDays(Dosing.whole(durationDays.get()).filter(d -> d >= 1 && d <= Dosing.MAX_DAYS).orElse(1))
                .build());
    }

    /** Runs the checks now (the debounce calls this; F5 too). */
    public void check() {
        if (!draft.get()) {
            return;
        }
        CheckPrescriptionRequest request = checkRequest();
        long seq = ++alertSeq;
        if (request.getLinesCount() == 0) {
            showAlerts(List.of(), List.of());
            checkState.set("");
            return;
        }
        checkState.set("Checking…");
        calls.call(checking, () -> connection.prescriptions().checkPrescription(request), (CheckPrescriptionResponse answer) -> {
            if (seq == alertSeq) {
                showAlerts(answer.getAlertsList(), answer.getLinesList());
                checkState.set(answer.getAlertsCount() == 0 ? "Checked: no alerts." : "Checked.");
            }
        }, failure -> {
            if (seq == alertSeq) {
                checkState.set("Not checked: " + failure.message());
            }
        });
    }

    private void showAlerts(List<PrescriptionAlert> found, List<PrescriptionLine> resolved) {
        int listed = lines.size();
        List<AlertRow> rows = found.stream()
                .sorted(Comparator.comparingInt((PrescriptionAlert a) -> rank(a.getSeverity())))
                .map(a -> new AlertRow(a, involved(a, listed))).toList();
        alerts.setAll(rows);
        List<AlertRow> high = rows.stream().filter(AlertRow::high).toList();
        for (AlertRow row : high) {
            overrideReasons.computeIfAbsent(row.alert().getAlertKey(), k -> {
                StringProperty reason = new SimpleStringProperty("");
                reason.addListener(o -> {
                    signError.set("");
                    overridesComplete.invalidate();
                });
                return reason;
            });
        }
        highAlerts.setAll(high);
        // The server's reading of the listed lines (sig, quantity, "not checked"): positions beyond are the line being written.
        if (!resolved.isEmpty()) {
            List<LineRow> updated = new ArrayList<>();
            for (LineRow row : lines) {
                Optional<PrescriptionLine> match = resolved.stream().filter(l -> l.getPosition() == row.position()
                        && l.getInput().getDrugName().equals(row.input().getDrugName())).findFirst();
                updated.add(new LineRow(row.position(), row.input(), match.or(row::resolved), row.worstAlert()));
            }
            boolean savedApplying = applying;
            applying = true;
            try {
                lines.setAll(updated);
            } finally {
                applying = savedApplying;
            }
        }
        highlight();
    }

    /** Marks each line with its highest alert. */
    private void highlight() {
        List<LineRow> updated = new ArrayList<>();
        boolean changedAny = false;
        for (LineRow row : lines) {
            Optional<PrescriptionAlertSeverity> worst = alerts.stream().map(AlertRow::alert)
                    .filter(a -> a.getLinePositionsList().contains(row.position()))
                    .map(PrescriptionAlert::getSeverity).min(Comparator.comparingInt(PrescriptionEditorViewModel::rank));
            changedAny |= !worst.equals(row.worstAlert());
            updated.add(new LineRow(row.position(), row.input(), row.resolved(), worst));
        }
        if (changedAny) {
            lines.setAll(updated);
        }
        int pending = editing.get() >= 0 ? editing.get() + 1 : lines.size() + 1;
        pendingLineAlerted.set(!drugQuery.get().isBlank() && alerts.stream()
                .anyMatch(a -> a.alert().getLinePositionsList().contains(pending)));
    }

    private String involved(PrescriptionAlert alert, int listed) {
        Set<Integer> positions = new TreeSet<>(alert.getLinePositionsList());
        List<String> parts = new ArrayList<>();
        List<Integer> listedLines = positions.stream().filter(p -> p <= listed && (editing.get() < 0 || p != editing.get() + 1)).toList();
        if (!listedLines.isEmpty()) {
            parts.add((listedLines.size() == 1 ? "Line " : "Lines ") + String.join(", ", listedLines.stream().map(String::valueOf).toList()));
        }
        int pending = editing.get() >= 0 ? editing.get() + 1 : listed + 1;
        if (positions.contains(pending) && !drugQuery.get().isBlank()) {
            parts.add("the line being written");
        }
        if (!alert.getMedicationId().isBlank()) {
            parts.add("a current medication");
        }
        if (!alert.getAllergyId().isBlank()) {
            parts.add("a recorded allergy");
        }
        return String.join("; ", parts);
    }

    static int rank(PrescriptionAlertSeverity severity) {
        return switch (severity) {
            case PRESCRIPTION_ALERT_SEVERITY_HIGH -> 0;
            case PRESCRIPTION_ALERT_SEVERITY_MODERATE -> 1;
            case PRESCRIPTION_ALERT_SEVERITY_LOW -> 2;
            default -> 3;
        };
    }

    static String severityLabel(PrescriptionAlertSeverity severity) {
        return switch (severity) {
            case PRESCRIPTION_ALERT_SEVERITY_HIGH -> "HIGH";
            case PRESCRIPTION_ALERT_SEVERITY_MODERATE -> "MODERATE";
            case PRESCRIPTION_ALERT_SEVERITY_LOW -> "LOW";
            default -> "NOTE";
        };
    }

    static String severityStyle(PrescriptionAlertSeverity severity) {
        return switch (severity) {
            case PRESCRIPTION_ALERT_SEVERITY_HIGH -> "rx-alert-high";
            case PRESCRIPTION_ALERT_SEVERITY_MODERATE -> "rx-alert-moderate";
            default -> "rx-alert-low";
        };
    }

    // ---- autosave ----

    private void changed(boolean linesChanged) {
        if (applying || !draft.get()) {
            return;
        }
        dirty.set(true);
        saveState.set("Not saved yet");
        if (linesChanged) {
            scheduleCheck();
        }
        if (stale.get()) {
            return; // nothing more goes out until the doctor chooses what to do with the newer version
        }
        pendingSave.ifPresent(Delay.Pending::cancel);
        pendingSave = Optional.of(delay.after(SAVE_PAUSE, () -> {
            pendingSave = Optional.empty();
            save();
        }));
    }

    /** Saves the draft now (the autosave calls this; Ctrl+S too). One save at a time; a change meanwhile saves again after. */
    public void save() {
        if (!draft.get() || stale.get() || !dirty.get()) {
            return;
        }
        if (saving.get()) {
            saveAgain = true;
            return;
        }
        Optional<Integer> days = Dosing.whole(validDays.get()).filter(d -> d >= 1 && d <= Dosing.MAX_DAYS);
        if (days.isEmpty()) {
            saveState.set("Not saved: valid for 1 to 365 days.");
            return;
        }
        if (note.get().length() > 1000) {
            saveState.set("Not saved: the note for the pharmacist is at most 1000 characters.");
            return;
        }
        UpdatePrescriptionDraftRequest request = UpdatePrescriptionDraftRequest.newBuilder().setPrescriptionId(prescriptionId)
                .setExpectedVersion(version).addAllLines(inputs()).setValidDays(days.get()).setNote(note.get().strip()).build();
        dirty.set(false);
        saveState.set("Saving…");
        calls.call(saving, () -> connection.prescriptions().updatePrescriptionDraft(request).getPrescription(), saved -> {
            version = saved.getVersion();
            prescription.set(saved);
            boolean newerEdits = dirty.get();
            if (!newerEdits) {
                // The saved lines are what is listed: take the server's reading of them.
                if (drugQuery.get().isBlank() && pendingCheck.isEmpty() && !checking.get()) {
                    ++alertSeq;
                    showAlerts(saved.getAlertsList(), saved.getLinesList());
                }
                saveState.set("Saved at " + java.time.LocalTime.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm")));
            }
            if (saveAgain || newerEdits) {
                saveAgain = false;
                save();
            }
        }, failure -> {
            saveAgain = false;
            dirty.set(true);
            if (failure.code() == io.grpc.Status.Code.ABORTED) {
                goStale(failure);
            } else {
                saveState.set("Not saved: " + failure.message());
            }
        });
    }

    private void goStale(CallFailure failure) {
        pendingSave.ifPresent(Delay.Pending::cancel);
        pendingSave = Optional.empty();
        keptLines = inputs();
        stale.set(true);
        staleMessage.set(failure.message());
        saveState.set("Not saved: changed elsewhere");
    }

    /**
     * After a stale save: reads the newer version, then puts the doctor's lines (and validity and note)
     * back on top of it and saves them against that version.
     */
    public void reapplyMine() {
        List<PrescriptionLineInput> mine = keptLines;
        String myDays = validDays.get();
        String myNote = note.get();
        calls.call(loading, () -> connection.prescriptions().getPrescription(GetPrescriptionRequest.newBuilder()
                .setPrescriptionId(prescriptionId).build()).getPrescription(), newer -> {
                    show(newer);
                    if (!draft.get()) {
                        message.set("This prescription is no longer a draft; your lines were not applied.");
                        return;
                    }
                    applying = true;
                    try {
                        validDays.set(myDays);
                        note.set(myNote);
                    } finally {
                        applying = false;
                    }
                    setLines(mine);
                    keptLines = List.of();
                    changed(true);
                    save();
                }, failure -> message.set(failure.message()));
    }

    /** After a stale save: takes the newer version as it is and drops the doctor's unsaved lines. */
    public void discardMine() {
        keptLines = List.of();
        load();
    }

    // ---- signing ----

    private boolean everyHighAlertHasAReason() {
        return highAlerts.stream().allMatch(a -> !overrideReason(a.alert().getAlertKey()).get().isBlank()
                && overrideReason(a.alert().getAlertKey()).get().strip().length() <= 500);
    }

    /** The reason typed for one HIGH alert. */
    public StringProperty overrideReason(String alertKey) {
        return overrideReasons.computeIfAbsent(alertKey, k -> {
            StringProperty reason = new SimpleStringProperty("");
            reason.addListener(o -> overridesComplete.invalidate());
            return reason;
        });
    }

    /** Signs with a reason for each HIGH alert; the server checks again and refuses a missing one. */
    public void sign() {
        if (!canSign.get()) {
            return;
        }
        if (!overridesComplete.get()) {
            signError.set("Give a reason for each high alert to sign past it.");
            return;
        }
        SignPrescriptionRequest.Builder request = SignPrescriptionRequest.newBuilder().setPrescriptionId(prescriptionId)
                .setExpectedVersion(version);
        for (AlertRow row : highAlerts) {
            request.addOverrides(PrescriptionOverride.newBuilder().setAlertKey(row.alert().getAlertKey())
                    .setReason(overrideReason(row.alert().getAlertKey()).get().strip()));
        }
        signError.set("");
        calls.call(signing, () -> connection.prescriptions().signPrescription(request.build()).getPrescription(), done -> {
            show(done);
            notice.set("Signed. The drugs are on the medication list; print or email it now.");
        }, failure -> {
            if (failure.code() == io.grpc.Status.Code.ABORTED) {
                goStale(failure);
            } else if (failure.code() == io.grpc.Status.Code.FAILED_PRECONDITION) {
                signError.set("Not signed: " + failure.message());
                check(); // the alerts may have changed on the server: show what it found
            } else {
                signError.set("Not signed: " + failure.message());
            }
        });
    }

    // ---- papers ----

    /** Fetches the archived PDF and renders its pages for the viewer. */
    public void print() {
        if (!signed.get()) {
            return;
        }
        calls.call(printing, () -> {
            GetPrescriptionPdfResponse answer = connection.prescriptionPapers().getPrescriptionPdf(
                    GetPrescriptionPdfRequest.newBuilder().setPrescriptionId(prescriptionId).build());
            String name = answer.getFileName().isBlank() ? "prescription.pdf" : answer.getFileName();
            return PrescriptionPaper.render(name, answer.getSha256(), answer.getPdf().toByteArray());
        }, pdf::set, failure -> message.set("Could not print: " + failure.message()));
    }

    /** Writes the PDF as issued to {@code target}. */
    public void saveCopy(Path target) {
        PrescriptionPaper shown = pdf.get();
        if (shown == null || target == null) {
            return;
        }
        calls.call(printing, () -> Files.write(target, shown.bytes()), written -> notice.set("Saved a copy as " + target.getFileName() + "."),
                failure -> message.set("Could not save the copy: " + failure.message()));
    }

    /** Emails the archived PDF to the patient (or the address typed); a retry after no answer sends once. */
    public void email() {
        if (!signed.get()) {
            return;
        }
        String recipient = emailRecipient.get().strip();
        if (recipient.length() > 254) {
            emailOutcome.set("The address is at most 254 characters.");
            return;
        }
        String requestId = emailRequestId.orElseGet(() -> UUID.randomUUID().toString());
        emailRequestId = Optional.of(requestId);
        emailOutcome.set("Sending…");
        calls.call(emailing, () -> connection.prescriptionPapers().emailPrescription(EmailPrescriptionRequest.newBuilder()
                .setRequestId(requestId).setPrescriptionId(prescriptionId).setRecipient(recipient).build()),
                (EmailPrescriptionResponse sent) -> {
                    emailRequestId = Optional.empty();
                    emailOutcome.set(sent.getOutcome().equals("sent") ? "Sent to " + sent.getRecipient() + "."
                            : "To " + sent.getRecipient() + ": " + sent.getOutcome() + ".");
                }, failure -> {
                    if (failure.definiteRefusal()) {
                        emailRequestId = Optional.empty();
                    }
                    emailOutcome.set("Not sent: " + failure.message());
                });
    }

    // ---- local helpers ----

    static String joined(String... parts) {
        return String.join(" ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).map(String::strip).toList());
    }

    /** "1 capsule three times daily for 7 days" before the server has worded it. */
    static String localSig(PrescriptionLineInput in) {
        String often = Dosing.label(in.getFrequency());
        String base = joined(in.getDoseAmount(), in.getDoseUnit(), in.getAsNeeded() ? "up to " + often + " as needed" : often);
        return in.getFrequency() == PrescriptionFrequency.PRESCRIPTION_FREQUENCY_ONCE || in.getDurationDays() == 0 ? base
                : base + " for " + in.getDurationDays() + (in.getDurationDays() == 1 ? " day" : " days");
    }

    // ---- properties ----

    public ObjectProperty<Prescription> prescriptionProperty() {
        return prescription;
    }

    public ObservableList<LineRow> lines() {
        return lines;
    }

    public ObservableList<AlertRow> alerts() {
        return alerts;
    }

    public ObservableList<AlertRow> highAlerts() {
        return highAlerts;
    }

    public StringProperty validDaysProperty() {
        return validDays;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty savingProperty() {
        return saving;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanProperty signingProperty() {
        return signing;
    }

    public BooleanProperty printingProperty() {
        return printing;
    }

    public BooleanProperty emailingProperty() {
        return emailing;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale;
    }

    public ReadOnlyBooleanProperty draftProperty() {
        return draft;
    }

    public ReadOnlyBooleanProperty signedProperty() {
        return signed;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty saveStateProperty() {
        return saveState;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty staleMessageProperty() {
        return staleMessage;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public StringProperty checkStateProperty() {
        return checkState;
    }

    public StringProperty signErrorProperty() {
        return signError;
    }

    public StringProperty emailRecipientProperty() {
        return emailRecipient;
    }

    public StringProperty emailOutcomeProperty() {
        return emailOutcome;
    }

    public ObjectProperty<PrescriptionPaper> pdfProperty() {
        return pdf;
    }

    public BooleanProperty pendingLineAlertedProperty() {
        return pendingLineAlerted;
    }

    public IntegerProperty editingProperty() {
        return editing;
    }

    public StringProperty drugQueryProperty() {
        return drugQuery;
    }

    public ObservableList<DrugChoice> matches() {
        return matches;
    }

    public ObjectProperty<DrugChoice> chosenDrugProperty() {
        return chosenDrug;
    }

    public ObservableList<String> commonForms() {
        return commonForms;
    }

    public StringProperty strengthProperty() {
        return strength;
    }

    public StringProperty formProperty() {
        return form;
    }

    public ObjectProperty<PrescriptionRoute> routeProperty() {
        return route;
    }

    public StringProperty doseAmountProperty() {
        return doseAmount;
    }

    public StringProperty doseUnitProperty() {
        return doseUnit;
    }

    public ObjectProperty<PrescriptionFrequency> frequencyProperty() {
        return frequency;
    }

    public BooleanProperty asNeededProperty() {
        return asNeeded;
    }

    public StringProperty durationDaysProperty() {
        return durationDays;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public ReadOnlyBooleanProperty quantityOverriddenProperty() {
        return quantityOverridden;
    }

    public StringProperty computedQuantityProperty() {
        return computedQuantity;
    }

    public StringProperty refillsProperty() {
        return refills;
    }

    public StringProperty instructionsProperty() {
        return instructions;
    }

    public StringProperty warningsProperty() {
        return warnings;
    }

    public StringProperty drugHintProperty() {
        return drugHint;
    }

    public StringProperty formErrorProperty() {
        return formError;
    }

    public BooleanBinding canSignProperty() {
        return canSign;
    }

    public BooleanBinding overridesCompleteProperty() {
        return overridesComplete;
    }

    public BooleanBinding editableProperty() {
        return editable;
    }
}
