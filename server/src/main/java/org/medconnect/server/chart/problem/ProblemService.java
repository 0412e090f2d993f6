package org.medconnect.server.chart.problem;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.medconnect.server.chart.coding.Icd10Catalogue;
import org.medconnect.server.chart.problem.ProblemModel.Filter;
import org.medconnect.server.chart.problem.ProblemModel.NewProblem;
import org.medconnect.server.chart.problem.ProblemModel.Problem;
import org.medconnect.server.chart.problem.ProblemModel.ProblemChanges;
import org.medconnect.server.chart.problem.ProblemModel.Status;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.validation.Validation;

/**
 * The problem list (issue 12, decision 0032): diagnoses coded from the shipped ICD-10-CM
 * subset, or free text where no code fits. Only the patient's doctors (full-chart access)
 * read or change it. Every change is one transaction that also writes the entry's version
 * to the chart ledger; an edit made from an older version is refused naming who changed it.
 * One active problem per code and patient, settled by the database (V17).
 */
public final class ProblemService {

    static final int MAX_TITLE = 300;
    static final int MAX_NOTE = 2000;
    static final int MAX_REASON = 500;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;
    private final Icd10Catalogue codes;

    public ProblemService(DSLContext dsl, Clock clock, ZoneId zone, Icd10Catalogue codes) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
        this.codes = codes;
    }

    /** Adds a problem; a retry with the same request id answers the first one. */
    public Problem add(Principal caller, NewProblem in) {
        Optional<UUID> earlier = InsertOnce.earlier(in.requestId(), new ProblemRepository(dsl)::idByRequest);
        if (earlier.isPresent()) {
            return dsl.transactionResult(cfg -> {
                ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, in.patientId());
                return new ProblemRepository(cfg.dsl()).find(earlier.get()).orElseThrow();
            });
        }
        Coded coded = coded(in.icd10Code(), in.title());
        Validation v = new Validation();
        checkOnset(v, in.onsetDate());
        checkNote(v, in.note());
        throwIfInvalid(v);
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, in.requestId(), ProblemRepository.REQUEST_ID_KEY, new ProblemRepository(dsl)::idByRequest,
                tx -> {
                    ChartAccess.in(tx, clock, zone).requireFullChart(caller, in.patientId());
                    var problems = new ProblemRepository(tx);
                    if (in.encounterId().isPresent() && !problems.encounterOf(in.encounterId().get(), in.patientId())) {
                        throw DomainException.InvalidInput.of("encounter_id", "That consultation is not this patient's.");
                    }
                    if (coded.code().isPresent()) {
                        problems.activeWithCode(in.patientId(), coded.code().get()).ifPresent(p -> {
                            throw alreadyActive(p.icd10Code().orElseThrow(), p.title());
                        });
                    }
                    UUID created = problems.insert(new ProblemRepository.NewRow(in.requestId(), in.patientId(), coded.code(),
                            coded.title(), in.onsetDate(), blankToEmpty(in.note()), in.encounterId(), caller.userId(), now));
                    ledger(tx, problems.find(created).orElseThrow(), "CREATED", caller, now);
                    return created;
                }, e -> translate(e, coded));
        return new ProblemRepository(dsl).find(id).orElseThrow();
    }

    /** Corrects code, title, onset and note, from the version the caller started with. */
    public Problem update(Principal caller, ProblemChanges in) {
        Coded coded = coded(in.icd10Code(), in.title());
        Validation v = new Validation();
        checkOnset(v, in.onsetDate());
        checkNote(v, in.note());
        throwIfInvalid(v);
        return change(caller, in.problemId(), in.expectedVersion(), "UPDATED", coded, (problems, current, now) -> {
            if (current.status() == Status.ENTERED_IN_ERROR) {
                throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This problem was entered in error; add a new one instead.");
            }
            if (current.resolvedDate().isPresent() && in.onsetDate().isPresent() && in.onsetDate().get().isAfter(current.resolvedDate().get())) {
                throw DomainException.InvalidInput.of("onset_date", "The onset cannot be after the problem was resolved.");
            }
            return problems.update(current.id(), in.expectedVersion(), coded.code(), coded.title(), in.onsetDate(),
                    blankToEmpty(in.note()), caller.userId(), now);
        });
    }

    /** Marks an active problem resolved on {@code resolvedOn}. */
    public Problem resolve(Principal caller, UUID problemId, int expectedVersion, LocalDate resolvedOn) {
        if (resolvedOn.isAfter(today())) {
            throw DomainException.InvalidInput.of("resolved_date", "The resolved date cannot be in the future.");
        }
        return change(caller, problemId, expectedVersion, "RESOLVED", null, (problems, current, now) -> {
            if (current.status() != Status.ACTIVE && current.version() == expectedVersion) {
                throw new DomainException.FailedPrecondition("NOT_ACTIVE", "Only an active problem can be resolved.");
            }
            if (current.onsetDate().isPresent() && resolvedOn.isBefore(current.onsetDate().get())) {
                throw DomainException.InvalidInput.of("resolved_date", "The resolved date cannot be before the onset ("
                        + DAY.format(current.onsetDate().get()) + ").");
            }
            return problems.resolve(current.id(), expectedVersion, resolvedOn, caller.userId(), now);
        });
    }

    /** Takes a problem off the list as entered in error; it stays in the record with the reason. */
    public Problem markEnteredInError(Principal caller, UUID problemId, int expectedVersion, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw DomainException.InvalidInput.of("reason", "Say why this was entered in error.");
        }
        if (why.length() > MAX_REASON) {
            throw DomainException.InvalidInput.of("reason", "Keep the reason to " + MAX_REASON + " characters.");
        }
        return change(caller, problemId, expectedVersion, "ENTERED_IN_ERROR", null, (problems, current, now) -> {
            if (current.status() == Status.ENTERED_IN_ERROR && current.version() == expectedVersion) {
                throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This problem is already marked entered in error.");
            }
            return problems.markEnteredInError(current.id(), expectedVersion, why, caller.userId(), now);
        });
    }

    /** The patient's problems, active first. */
    public List<Problem> list(Principal caller, UUID patientId, Filter filter) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireFullChart(caller, patientId);
            return new ProblemRepository(cfg.dsl()).list(patientId, filter);
        });
    }

    // ---- one change of an existing problem ----

    private interface Step {
        /** Applies the change if the row is still at the expected version; false when it was not. */
        boolean apply(ProblemRepository problems, Problem current, OffsetDateTime now);
    }

    private Problem change(Principal caller, UUID problemId, int expectedVersion, String change, Coded coded, Step step) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from.");
        }
        OffsetDateTime now = now();
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                var problems = new ProblemRepository(tx);
                Problem current = problems.find(problemId).orElseThrow(() -> new DomainException.NotFound("That problem does not exist."));
                ChartAccess.in(tx, clock, zone).requireFullChart(caller, current.patientId());
                if (current.version() != expectedVersion || !step.apply(problems, current, now)) {
                    Problem latest = problems.find(problemId).orElseThrow();
                    throw ChartLedger.staleEdit(latest.updatedByName(), latest.updatedAt(), now, zone);
                }
                Problem changed = problems.find(problemId).orElseThrow();
                ledger(tx, changed, change, caller, now);
                return changed;
            });
        } catch (DataAccessException e) {
            throw translate(e, coded);
        }
    }

    // ---- rules ----

    /** A code from the shipped list (its title when none is typed), or free text with a title. */
    private record Coded(Optional<String> code, String title) {}

    private Coded coded(Optional<String> rawCode, String rawTitle) {
        String title = rawTitle == null ? "" : rawTitle.strip();
        Optional<String> code = rawCode.map(String::strip).filter(c -> !c.isEmpty()).map(c -> c.toUpperCase(Locale.ROOT));
        if (code.isPresent()) {
            String typed = code.get();
            var known = codes.find(typed).orElseThrow(() -> DomainException.InvalidInput.of("icd10_code",
                    "\"" + shorten(typed) + "\" is not in the clinic's ICD-10-CM list; search by code or words, or leave the code empty and write the problem as free text."));
            code = Optional.of(known.code());
            if (title.isEmpty()) {
                title = known.title();
            }
        } else if (title.isEmpty()) {
            throw DomainException.InvalidInput.of("title", "Choose a code or write the problem.");
        }
        if (title.length() > MAX_TITLE) {
            throw DomainException.InvalidInput.of("title", "Keep the title to " + MAX_TITLE + " characters.");
        }
        return new Coded(code, title);
    }

    private void checkOnset(Validation v, Optional<LocalDate> onset) {
        if (onset.isPresent() && onset.get().isAfter(today())) {
            v.add("onset_date", "The onset cannot be in the future.");
        }
    }

    private static void checkNote(Validation v, String note) {
        if (note != null && note.strip().length() > MAX_NOTE) {
            v.add("note", "Keep the note to " + MAX_NOTE + " characters.");
        }
    }

    private static void throwIfInvalid(Validation v) {
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    private static DomainException.Conflict alreadyActive(String code, String title) {
        return new DomainException.Conflict("icd10_code", code + " " + title + " is already on the active problem list.");
    }

    private RuntimeException translate(DataAccessException e, Coded coded) {
        if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter(ProblemRepository.ACTIVE_CODE_KEY::equals).isPresent()) {
            return alreadyActive(coded == null ? "This code" : coded.code().orElse(""), coded == null ? "" : coded.title());
        }
        return e;
    }

    // ---- the ledger ----

    private void ledger(DSLContext tx, Problem p, String change, Principal caller, OffsetDateTime now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Code", p.icd10Code().orElse("(free text)"));
        f.put("Title", p.title());
        f.put("Status", label(p.status()));
        f.put("Onset", p.onsetDate().map(DAY::format).orElse(""));
        f.put("Resolved", p.resolvedDate().map(DAY::format).orElse(""));
        f.put("Note", p.note().orElse(""));
        if (p.errorReason().isPresent()) {
            f.put("Entered in error because", p.errorReason().get());
        }
        ChartLedger.in(tx).record(new ChartLedger.Change(p.patientId(), "PROBLEM", p.id(), p.version(), change,
                caller.userId(), now, ChartLedger.fields(f)));
    }

    private static String label(Status s) {
        return switch (s) {
            case ACTIVE -> "Active";
            case RESOLVED -> "Resolved";
            case ENTERED_IN_ERROR -> "Entered in error";
        };
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static String shorten(String s) {
        return s.length() > 12 ? s.substring(0, 12) + "…" : s;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
