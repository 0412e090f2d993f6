package org.medconnect.server.chart.medication;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.DrugEntry;
import org.medconnect.server.chart.medication.MedicationModel.Filter;
import org.medconnect.server.chart.medication.MedicationModel.Medication;
import org.medconnect.server.chart.medication.MedicationModel.MedicationChanges;
import org.medconnect.server.chart.medication.MedicationModel.NewMedication;
import org.medconnect.server.chart.medication.MedicationModel.Source;
import org.medconnect.server.chart.medication.MedicationModel.Status;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.validation.Validation;

/**
 * The medication list (issue 12, decision 0032): what a patient takes now and took before,
 * who started and stopped each drug and why. A drug from the shipped catalogue is one
 * prescribing's checks can read (issue 13); free text is kept and marked "not checked".
 * Only the patient's doctors read or change it; every change is one transaction with its
 * ledger version, and an edit from an older version is refused naming who changed it.
 * Prescribing adds its PRESCRIBED rows inside its own transaction through {@link #addIn}.
 */
public final class MedicationService {

    static final int MAX_NAME = 200;
    static final int MAX_STRENGTH = 100;
    static final int MAX_FORM = 60;
    static final int MAX_DOSAGE = 500;
    static final int MAX_REASON = 500;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;
    private final DrugCatalogue drugs;

    public MedicationService(DSLContext dsl, Clock clock, ZoneId zone, DrugCatalogue drugs) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
        this.drugs = drugs;
    }

    /** Records a medication the patient takes, started by the caller; a retry with the same request id answers the first. */
    public Medication add(Principal caller, NewMedication in) {
        Optional<UUID> earlier = InsertOnce.earlier(in.requestId(), new MedicationRepository(dsl)::idByRequest);
        if (earlier.isPresent()) {
            return dsl.transactionResult(cfg -> {
                ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, in.patientId());
                return new MedicationRepository(cfg.dsl()).find(earlier.get()).orElseThrow();
            });
        }
        MedicationRepository.NewRow row = row(in, caller.userId(), Source.RECORDED, Optional.empty(), now());
        UUID id = InsertOnce.insert(dsl, in.requestId(), MedicationRepository.REQUEST_ID_KEY, new MedicationRepository(dsl)::idByRequest,
                tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, in.patientId());
                    return insert(tx, row);
                }, e -> e);
        return new MedicationRepository(dsl).find(id).orElseThrow();
    }

    /**
     * Adds a medication inside the caller's transaction, without an access check: for
     * prescribing (issue 13), which has checked access itself and writes a PRESCRIBED row
     * with its prescription's id. Validates like {@link #add} and writes the ledger version.
     */
    public Medication addIn(DSLContext tx, UUID startedBy, NewMedication in, Source source, Optional<UUID> prescriptionId) {
        UUID id = insert(tx, row(in, startedBy, source, prescriptionId, now()));
        return new MedicationRepository(tx).find(id).orElseThrow();
    }

    /**
     * Stops, inside the caller's transaction and without an access check, every current row
     * a prescription wrote: for a cancelled prescription (issue 13), which has checked access
     * itself. Writes each row's ledger version; answers the rows as stopped.
     */
    public List<Medication> stopIn(DSLContext tx, UUID stoppedBy, UUID prescriptionId, String reason) {
        OffsetDateTime now = now();
        String why = reason.strip().length() > MAX_REASON ? reason.strip().substring(0, MAX_REASON) : reason.strip();
        var meds = new MedicationRepository(tx);
        return meds.activeByPrescription(prescriptionId).stream().map(m -> {
            LocalDate on = m.startedOn().filter(start -> start.isAfter(today())).orElse(today());
            if (!meds.stop(m.id(), m.version(), on, why, stoppedBy, now)) {
                throw new DomainException.Aborted("STALE_EDIT", "Someone else changed this medication a moment ago; try again.");
            }
            Medication stopped = meds.find(m.id()).orElseThrow();
            ledger(tx, stopped, "STOPPED", stoppedBy, now);
            return stopped;
        }).toList();
    }

    /** Corrects strength, form, dosage, start date and reason, from the version the caller started with. */
    public Medication update(Principal caller, MedicationChanges in) {
        Validation v = new Validation();
        checkLength(v, "strength", in.strength(), MAX_STRENGTH);
        checkLength(v, "form", in.form(), MAX_FORM);
        checkLength(v, "dosage", in.dosage(), MAX_DOSAGE);
        checkLength(v, "reason", in.reason(), MAX_REASON);
        if (in.startedOn().isPresent() && in.startedOn().get().isAfter(today())) {
            v.add("started_on", "The start date cannot be in the future.");
        }
        throwIfInvalid(v);
        return change(caller, in.medicationId(), in.expectedVersion(), "UPDATED", (meds, current, now) -> {
            if (current.status() == Status.ENTERED_IN_ERROR) {
                throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This medication was entered in error; add a new one instead.");
            }
            if (current.stoppedOn().isPresent() && in.startedOn().isPresent() && in.startedOn().get().isAfter(current.stoppedOn().get())) {
                throw DomainException.InvalidInput.of("started_on", "The start date cannot be after it was stopped ("
                        + DAY.format(current.stoppedOn().get()) + ").");
            }
            return meds.update(current.id(), in.expectedVersion(), text(in.strength()), text(in.form()), text(in.dosage()),
                    in.startedOn(), text(in.reason()), caller.userId(), now);
        });
    }

    /** Stops a current medication on {@code stoppedOn} for {@code reason}; the caller is who stopped it. */
    public Medication stop(Principal caller, UUID medicationId, int expectedVersion, LocalDate stoppedOn, String reason) {
        String why = reason == null ? "" : reason.strip();
        Validation v = new Validation();
        if (why.isEmpty()) {
            v.add("reason", "Say why it is stopped.");
        }
        checkLength(v, "reason", why, MAX_REASON);
        if (stoppedOn.isAfter(today())) {
            v.add("stopped_on", "The stop date cannot be in the future.");
        }
        throwIfInvalid(v);
        return change(caller, medicationId, expectedVersion, "STOPPED", (meds, current, now) -> {
            if (current.status() != Status.ACTIVE) {
                throw new DomainException.FailedPrecondition("NOT_CURRENT", current.status() == Status.STOPPED
                        ? "This medication was already stopped." : "This medication was entered in error.");
            }
            if (current.startedOn().isPresent() && stoppedOn.isBefore(current.startedOn().get())) {
                throw DomainException.InvalidInput.of("stopped_on", "The stop date cannot be before it was started ("
                        + DAY.format(current.startedOn().get()) + ").");
            }
            return meds.stop(current.id(), expectedVersion, stoppedOn, why, caller.userId(), now);
        });
    }

    /** Takes a medication off the list as entered in error; it stays in the record with the reason. */
    public Medication markEnteredInError(Principal caller, UUID medicationId, int expectedVersion, String reason) {
        String why = reason == null ? "" : reason.strip();
        Validation v = new Validation();
        if (why.isEmpty()) {
            v.add("reason", "Say why this was entered in error.");
        }
        checkLength(v, "reason", why, MAX_REASON);
        throwIfInvalid(v);
        return change(caller, medicationId, expectedVersion, "ENTERED_IN_ERROR", (meds, current, now) -> {
            if (current.status() == Status.ENTERED_IN_ERROR) {
                throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This medication is already marked entered in error.");
            }
            return meds.markEnteredInError(current.id(), expectedVersion, why, caller.userId(), now);
        });
    }

    /** The patient's medications, current first. */
    public List<Medication> list(Principal caller, UUID patientId, Filter filter) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            return new MedicationRepository(cfg.dsl()).list(patientId, filter);
        });
    }

    // ---- one change of an existing medication ----

    private interface Step {
        /** Applies the change if the row is still at the expected version; false when it was not. */
        boolean apply(MedicationRepository meds, Medication current, OffsetDateTime now);
    }

    private Medication change(Principal caller, UUID id, int expectedVersion, String change, Step step) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from.");
        }
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var meds = new MedicationRepository(tx);
            Medication current = meds.find(id).orElseThrow(() -> new DomainException.NotFound("That medication does not exist."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, current.patientId());
            if (current.version() != expectedVersion || !step.apply(meds, current, now)) {
                Medication latest = meds.find(id).orElseThrow();
                throw ChartLedger.staleEdit(latest.updatedByName(), latest.updatedAt(), now, zone);
            }
            Medication changed = meds.find(id).orElseThrow();
            ledger(tx, changed, change, caller.userId(), now);
            return changed;
        });
    }

    // ---- rules ----

    private MedicationRepository.NewRow row(NewMedication in, UUID by, Source source, Optional<UUID> prescriptionId, OffsetDateTime now) {
        Validation v = new Validation();
        String name = in.name() == null ? "" : in.name().strip();
        Optional<String> key = in.drugKey().map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            var entry = drugs.find(key.get()).filter(e -> e.kind() == DrugEntry.Kind.INGREDIENT);
            if (entry.isEmpty()) {
                throw DomainException.InvalidInput.of("drug_key",
                        "That drug is not in the clinic's catalogue; pick one from the search, or leave it empty and write the name as free text.");
            }
            key = Optional.of(entry.get().key());
            if (name.isEmpty()) {
                name = entry.get().name();
            }
        } else if (name.isEmpty()) {
            v.add("name", "Choose a drug or write its name.");
        }
        checkLength(v, "name", name, MAX_NAME);
        checkLength(v, "strength", in.strength(), MAX_STRENGTH);
        checkLength(v, "form", in.form(), MAX_FORM);
        checkLength(v, "dosage", in.dosage(), MAX_DOSAGE);
        checkLength(v, "reason", in.reason(), MAX_REASON);
        if (in.startedOn().isPresent() && in.startedOn().get().isAfter(today())) {
            v.add("started_on", "The start date cannot be in the future.");
        }
        throwIfInvalid(v);
        return new MedicationRepository.NewRow(in.requestId(), in.patientId(), key, name, text(in.strength()), text(in.form()),
                text(in.dosage()), source, prescriptionId, in.startedOn(), text(in.reason()), by, now);
    }

    private UUID insert(DSLContext tx, MedicationRepository.NewRow row) {
        var meds = new MedicationRepository(tx);
        UUID id = meds.insert(row);
        Medication created = meds.find(id).orElseThrow();
        ledger(tx, created, "CREATED", row.by(), row.at());
        return id;
    }

    private static void checkLength(Validation v, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            v.add(field, "Keep this to " + max + " characters.");
        }
    }

    private static void throwIfInvalid(Validation v) {
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    private static Optional<String> text(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    // ---- the ledger ----

    private static void ledger(DSLContext tx, Medication m, String change, UUID by, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Drug", m.name() + (m.notChecked() ? " (not checked)" : ""));
        f.put("Strength", m.strength().orElse(""));
        f.put("Form", m.form().orElse(""));
        f.put("Dosage", m.dosage().orElse(""));
        f.put("Status", switch (m.status()) {
            case ACTIVE -> "Current";
            case STOPPED -> "Stopped";
            case ENTERED_IN_ERROR -> "Entered in error";
        });
        f.put("Started on", m.startedOn().map(DAY::format).orElse(""));
        f.put("Started by", m.startedByName().orElse(""));
        f.put("Why started", m.startReason().orElse(""));
        f.put("Stopped on", m.stoppedOn().map(DAY::format).orElse(""));
        f.put("Stopped by", m.stoppedByName().orElse(""));
        f.put("Why stopped", m.stopReason().orElse(""));
        if (m.errorReason().isPresent()) {
            f.put("Entered in error because", m.errorReason().get());
        }
        ChartLedger.in(tx).record(new ChartLedger.Change(m.patientId(), "MEDICATION", m.id(), m.version(), change,
                by, now, ChartLedger.fields(f)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
