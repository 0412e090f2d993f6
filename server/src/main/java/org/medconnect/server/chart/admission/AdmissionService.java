package org.medconnect.server.chart.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.admission.AdmissionModel.Admission;
import org.medconnect.server.chart.admission.AdmissionModel.NewAdmission;
import org.medconnect.server.chart.admission.AdmissionModel.Page;
import org.medconnect.server.chart.admission.AdmissionModel.Status;
import org.medconnect.server.notification.ChartNews;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.shared.validation.FieldError;

/**
 * Admitting, the ward list, discharge (issue 12, decision 0035). The database refuses a
 * second open stay of one patient and a second patient in one bed; this service says so in
 * words (ALREADY_EXISTS). The ward list is for everyone on the floor, with names, ward, bed,
 * doctor and since when; the reason only for doctors who may open that patient's chart.
 */
public final class AdmissionService {

    /** How long reception may undo an admission it registered. */
    static final Duration RECEPTION_UNDO_WINDOW = Duration.ofHours(24);

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public AdmissionService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    public Admission admit(Principal caller, NewAdmission a) {
        Optional<UUID> earlier = a.requestId().flatMap(new AdmissionRepository(dsl)::byRequestId);
        Optional<String> ward = Optional.of(a.ward().strip()).filter(s -> !s.isEmpty());
        Optional<String> bed = Optional.of(a.bed().strip()).filter(s -> !s.isEmpty());
        if (earlier.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            text(errors, "ward", a.ward(), 0, 60);
            text(errors, "bed", a.bed(), 0, 20);
            text(errors, "reason", a.reason(), 1, 1000);
            if (bed.isPresent() && ward.isEmpty()) {
                errors.add(new FieldError("ward", "A bed needs its ward."));
            }
            if (caller.role() == Role.RECEPTIONIST && a.admittingDoctorId().isEmpty()) {
                errors.add(new FieldError("admitting_doctor_id", "Choose the admitting doctor."));
            }
            if (caller.role() == Role.DOCTOR && a.admittingDoctorId().filter(d -> !d.equals(caller.userId())).isPresent()) {
                errors.add(new FieldError("admitting_doctor_id", "A doctor admits as themselves; leave the admitting doctor empty."));
            }
            if (!errors.isEmpty()) {
                throw new DomainException.InvalidInput(errors);
            }
        }
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, a.requestId(), "admission_request_id_key",
                new AdmissionRepository(dsl)::byRequestId, tx -> {
                    var repo = new AdmissionRepository(tx);
                    UUID doctor = caller.userId();
                    if (caller.role() == Role.RECEPTIONIST) {
                        // Reception registers the admission a doctor decided; it never reads the chart.
                        doctor = a.admittingDoctorId().orElseThrow();
                        if (!repo.isActiveDoctor(doctor)) {
                            throw DomainException.InvalidInput.of("admitting_doctor_id", "Choose an active doctor as the admitting doctor.");
                        }
                        if (!repo.patientExists(a.patientId())) {
                            throw new DomainException.NotFound("No patient with that id.");
                        }
                    } else {
                        ChartAccess.in(tx, clock, zone).requireFullChart(caller, a.patientId());
                    }
                    OffsetDateTime now = now();
                    UUID created = repo.insert(a.requestId(), a.patientId(), doctor, ward, bed, a.reason().strip(), caller.userId(), now);
                    ledger(tx, repo.find(created).orElseThrow(), "CREATED", caller, now);
                    return created;
                }, e -> refusal(e, a.patientId(), ward, bed)));
        return dsl.transactionResult(cfg -> {
            Admission created = new AdmissionRepository(cfg.dsl()).find(id).orElseThrow();
            if (caller.role() == Role.RECEPTIONIST) {
                if (!created.patientId().equals(a.patientId())) {
                    throw DomainException.InvalidInput.of("request_id", "This request id was used for another patient; send a new one.");
                }
                return created.withoutClinicalText(); // reception typed the reason; it does not read it back
            }
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, created.patientId());
            return created;
        });
    }

    /** Current inpatients; the reason only where the caller is a doctor who may open the chart. */
    public Page<Admission> listInpatients(Principal caller, int limit, int offset) {
        return dsl.transactionResult(cfg -> {
            var repo = new AdmissionRepository(cfg.dsl());
            ChartAccess access = ChartAccess.in(cfg.dsl(), clock, zone);
            List<Admission> shown = repo.inpatients(limit, offset).stream()
                    .map(x -> caller.role() == Role.DOCTOR && access.mayOpenFullChart(caller, x.patientId()) ? x : x.withoutClinicalText())
                    .toList();
            return new Page<>(shown, repo.countInpatients(), offset);
        });
    }

    public Admission discharge(Principal caller, UUID admissionId, int expectedVersion, String summary) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "discharge_summary", summary, 1, 20_000);
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        return change(caller, admissionId, expectedVersion, "DISCHARGED", (repo, current, now) -> {
            if (current.status() != Status.ADMITTED) {
                throw new DomainException.FailedPrecondition("NOT_ADMITTED",
                        current.patientName() + " is not in hospital on this admission (" + words(current.status().name()) + ").");
            }
            return repo.discharge(admissionId, expectedVersion, summary.strip(), caller.userId(), now);
        });
    }

    public Admission markEnteredInError(Principal caller, UUID admissionId, int expectedVersion, String reason) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "reason", reason, 1, 500);
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        if (caller.role() == Role.RECEPTIONIST) {
            return undoRegistration(caller, admissionId, expectedVersion, reason.strip());
        }
        return change(caller, admissionId, expectedVersion, "ENTERED_IN_ERROR", (repo, current, now) -> {
            if (current.status() == Status.ENTERED_IN_ERROR) {
                throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This admission is already marked entered in error.");
            }
            return repo.markEnteredInError(admissionId, expectedVersion, reason.strip(), caller.userId(), now);
        });
    }

    /**
     * Reception undoes an admission registered at the desk by mistake (wrong patient, wrong bed):
     * only one a receptionist registered, still open, and within {@link #RECEPTION_UNDO_WINDOW};
     * after that, or for a doctor's own admission, the admitting doctor corrects it. The bed and
     * the patient are free again at once; the admitting doctor hears of it (names only).
     */
    private Admission undoRegistration(Principal caller, UUID admissionId, int expectedVersion, String reason) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var repo = new AdmissionRepository(tx);
            Admission current = repo.find(admissionId).orElseThrow(() -> new DomainException.NotFound("No admission with that id."));
            OffsetDateTime now = now();
            if (current.version() != expectedVersion) {
                throw ChartLedger.staleEdit(current.updatedByName(), current.updatedAt(), now, zone);
            }
            if (current.status() != Status.ADMITTED) {
                throw new DomainException.FailedPrecondition("NOT_ADMITTED", "The admission of " + current.patientName()
                        + " is already " + words(current.status().name()) + "; only " + current.admittingDoctorName()
                        + " can correct it now.");
            }
            var registered = repo.registration(admissionId).orElseThrow();
            if (!registered.role().equals(Role.RECEPTIONIST.name())) {
                throw new DomainException.PermissionDenied(current.admittingDoctorName() + " admitted " + current.patientName()
                        + "; ask them to correct it.");
            }
            if (registered.at().plus(RECEPTION_UNDO_WINDOW).isBefore(now)) {
                throw new DomainException.FailedPrecondition("UNDO_WINDOW_PASSED", "This admission was registered more than "
                        + RECEPTION_UNDO_WINDOW.toHours() + " hours ago; ask " + current.admittingDoctorName() + " to correct it.");
            }
            if (repo.markEnteredInError(admissionId, expectedVersion, reason, caller.userId(), now) == 0) {
                Admission moved = repo.find(admissionId).orElseThrow();
                throw ChartLedger.staleEdit(moved.updatedByName(), moved.updatedAt(), now, zone);
            }
            Admission after = repo.find(admissionId).orElseThrow();
            ledger(tx, after, "ENTERED_IN_ERROR", caller, now);
            ChartNews.in(tx).tell(after.admittingDoctorId(), Kind.ADMISSION_UNDONE, "Admission undone: " + after.patientName(),
                    "Reception undid the admission of " + after.patientName() + after.ward().map(w -> " to " + w).orElse("")
                            + after.bed().map(b -> ", bed " + b).orElse("") + " registered for you. The reason is in the chart's history.",
                    after.patientId(), now.toInstant());
            return after.withoutClinicalText();
        });
    }

    public Page<Admission> listMyDischarges(Principal caller, int limit, int offset) {
        if (caller.role() != Role.DOCTOR) {
            throw new DomainException.PermissionDenied("The discharge list is a doctor's.");
        }
        return dsl.transactionResult(cfg -> {
            var repo = new AdmissionRepository(cfg.dsl());
            return new Page<>(repo.dischargesOf(caller.userId(), limit, offset), repo.countDischargesOf(caller.userId()), offset);
        });
    }

    /** Reception's list of discharges: who left, when, from which bed; never the reason or the summary. */
    public Page<Admission> listRecentDischarges(Principal caller, int limit, int offset) {
        return dsl.transactionResult(cfg -> {
            var repo = new AdmissionRepository(cfg.dsl());
            return new Page<>(repo.discharges(limit, offset).stream().map(Admission::withoutClinicalText).toList(),
                    repo.countDischarges(), offset);
        });
    }

    public List<Admission> listAdmissions(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            return new AdmissionRepository(cfg.dsl()).ofPatient(patientId);
        });
    }

    private interface Step {
        /** Changes the row as {@code current} saw it; answers the rows changed (0: someone else got there first). */
        int apply(AdmissionRepository repo, Admission current, OffsetDateTime now);
    }

    private Admission change(Principal caller, UUID id, int expectedVersion, String change, Step step) {
        return dsl.transactionResult(cfg -> {
            var tx = cfg.dsl();
            var repo = new AdmissionRepository(tx);
            Admission current = repo.find(id).orElseThrow(() -> new DomainException.NotFound("No admission with that id."));
            ChartAccess.in(tx, clock, zone).requireFullChart(caller, current.patientId());
            OffsetDateTime now = now();
            if (current.version() != expectedVersion) {
                throw ChartLedger.staleEdit(current.updatedByName(), current.updatedAt(), now, zone);
            }
            if (step.apply(repo, current, now) == 0) {
                Admission moved = repo.find(id).orElseThrow();
                throw ChartLedger.staleEdit(moved.updatedByName(), moved.updatedAt(), now, zone);
            }
            Admission after = repo.find(id).orElseThrow();
            ledger(tx, after, change, caller, now);
            return after;
        });
    }

    private RuntimeException refusal(DataAccessException e, UUID patientId, Optional<String> ward, Optional<String> bed) {
        Optional<String> constraint = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
        if (constraint.filter(AdmissionRepository.ONE_OPEN_PER_PATIENT::equals).isPresent()) {
            String who = dsl.transactionResult(cfg -> new AdmissionRepository(cfg.dsl()).openStayOf(patientId))
                    .map(x -> x.patientName() + " is already admitted" + x.ward().map(w -> " on " + w).orElse("")
                            + x.bed().map(b -> ", bed " + b).orElse("") + ". Discharge them first.")
                    .orElse("This patient is already admitted. Discharge them first.");
            return new DomainException.Conflict("patient_id", who);
        }
        if (constraint.filter(AdmissionRepository.ONE_PATIENT_PER_BED::equals).isPresent()) {
            return new DomainException.Conflict("bed", "Bed " + bed.orElse("") + " on " + ward.orElse("") + " is taken. Pick another bed.");
        }
        return e;
    }

    private void ledger(DSLContext tx, Admission a, String change, Principal caller, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Ward", a.ward().orElse(""));
        f.put("Bed", a.bed().orElse(""));
        f.put("Reason", a.reason().orElse(""));
        f.put("Admitting doctor", a.admittingDoctorName());
        f.put("Status", words(a.status().name()));
        a.dischargeSummary().ifPresent(s -> f.put("Discharge summary", s));
        a.errorReason().ifPresent(r -> f.put("Reason entered in error", r));
        ChartLedger.in(tx).record(new ChartLedger.Change(a.patientId(), "ADMISSION", a.id(), a.version(), change, caller.userId(), now,
                ChartLedger.fields(f)));
    }

    private static void text(List<FieldError> errors, String field, String value, int min, int max) {
        String v = value.strip();
        if (v.length() < min) {
            errors.add(new FieldError(field, "Fill in the " + field.replace('_', ' ') + "."));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "Keep the " + field.replace('_', ' ') + " to " + max + " characters."));
        }
    }

    private static String words(String upperSnake) {
        return upperSnake.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
