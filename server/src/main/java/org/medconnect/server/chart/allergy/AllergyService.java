package org.medconnect.server.chart.allergy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.medconnect.server.chart.allergy.AllergyModel.Allergy;
import org.medconnect.server.chart.allergy.AllergyModel.AllergyChange;
import org.medconnect.server.chart.allergy.AllergyModel.Category;
import org.medconnect.server.chart.allergy.AllergyModel.Listing;
import org.medconnect.server.chart.allergy.AllergyModel.NewAllergy;
import org.medconnect.server.chart.allergy.AllergyModel.Recorded;
import org.medconnect.server.chart.allergy.AllergyModel.Review;
import org.medconnect.server.chart.allergy.AllergyModel.ReviewState;
import org.medconnect.server.chart.allergy.AllergyModel.Status;
import org.medconnect.server.chart.allergy.AllergyModel.Substance;
import org.medconnect.server.chart.allergy.AllergyModel.SubstanceCatalogue;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.shared.validation.FieldError;

/**
 * Allergies and intolerances (issue 12, decision 0031): recorded by a nurse for a patient
 * checked in today or by a doctor with access; "no known allergies" is a statement someone
 * made, turned off (a new version) by the next allergy; one active allergy per substance;
 * every change is a version in the chart's ledger.
 */
public final class AllergyService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DSLContext dsl;
    private final SubstanceCatalogue catalogue;
    private final Clock clock;
    private final ZoneId zone;

    public AllergyService(DSLContext dsl, SubstanceCatalogue catalogue, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.catalogue = catalogue;
        this.clock = clock;
        this.zone = zone;
    }

    /** Records an allergy; turns "no known allergies" off; a retry with the same request id answers the first. */
    public Recorded record(Principal caller, Optional<UUID> requestId, NewAllergy a) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Substance> coded = a.substanceCode().map(code -> catalogue.find(code).orElseGet(() -> {
            errors.add(new FieldError("substance_code", "\u201c" + cut(code) + "\u201d is not in the drug list; pick it from the list or type the substance."));
            return null;
        }));
        String substance = a.substance().strip();
        if (substance.isEmpty() && coded.isPresent()) {
            substance = coded.get().name();
        }
        if (substance.isEmpty() && a.substanceCode().isEmpty()) {
            errors.add(new FieldError("substance", "Name the substance."));
        } else if (substance.length() > 200) {
            errors.add(new FieldError("substance", "Keep the substance under 200 characters."));
        }
        Optional<Category> category = a.category().or(() -> coded.map(s -> s.drugClass() ? Category.DRUG_CLASS : Category.DRUG));
        if (category.isEmpty()) {
            errors.add(new FieldError("category", "Choose a category (drug, drug class, food, environment or other)."));
        }
        if (a.status() == Status.ENTERED_IN_ERROR) {
            errors.add(new FieldError("status", "A new allergy cannot be entered in error."));
        }
        checkCommon(a.reaction(), a.onset(), errors);
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        String name = substance;
        Optional<UUID> earlier = InsertOnce.earlier(requestId, id -> dsl.transactionResult(cfg -> new AllergyRepository(cfg.dsl()).byRequestId(id)));
        UUID id = earlier.orElseGet(() -> InsertOnce.insert(dsl, requestId, AllergyRepository.REQUEST_ID_CONSTRAINT,
                rid -> new AllergyRepository(dsl).byRequestId(rid),
                tx -> {
                    ChartAccess.in(tx, clock, zone).requireTriage(caller, a.patientId());
                    AllergyRepository allergies = new AllergyRepository(tx);
                    allergies.lockPatient(a.patientId());
                    if (a.status() == Status.ACTIVE) {
                        allergies.activeWithSubstance(a.patientId(), name).ifPresent(existing -> {
                            throw duplicate(existing);
                        });
                    }
                    OffsetDateTime now = now();
                    UUID created = allergies.insert(requestId, a, coded.map(Substance::key), name, category.get(), caller.userId(), now);
                    ChartLedger ledger = ChartLedger.in(tx);
                    ledger.record(new ChartLedger.Change(a.patientId(), "ALLERGY", created, 1, "CREATED", caller.userId(), now,
                            fields(allergies.find(created).orElseThrow())));
                    var statement = allergies.statement(a.patientId());
                    if (statement.isPresent() && statement.get().noKnownAllergies()) {
                        int version = allergies.saveStatement(a.patientId(), false, caller.userId(), now);
                        ledger.record(new ChartLedger.Change(a.patientId(), "ALLERGY_REVIEW", a.patientId(), version, "UPDATED",
                                caller.userId(), now, reviewFields(false)));
                    }
                    return created;
                }, e -> translate(e, name)));
        return dsl.transactionResult(cfg -> {
            AllergyRepository allergies = new AllergyRepository(cfg.dsl());
            Allergy allergy = allergies.find(id).orElseThrow();
            ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, allergy.patientId());
            if (!allergy.patientId().equals(a.patientId())) {
                throw DomainException.InvalidInput.of("request_id", "This request id was used for another patient; send a new one.");
            }
            return new Recorded(allergy, review(allergies, allergy.patientId()));
        });
    }

    /** Changes what may change; the substance stays (a wrong substance is entered in error). */
    public Allergy update(Principal caller, UUID id, int expectedVersion, AllergyChange change) {
        List<FieldError> errors = new ArrayList<>();
        if (change.status() == Status.ENTERED_IN_ERROR) {
            errors.add(new FieldError("status", "Use \u201centered in error\u201d with a reason instead."));
        }
        checkCommon(change.reaction(), change.onset(), errors);
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
        return write(caller, id, expectedVersion, "UPDATED", repo -> {
            OffsetDateTime now = now();
            return repo.update(id, expectedVersion, change, caller.userId(), now);
        });
    }

    /** Marks an allergy entered in error with a reason; it stays in the history. */
    public Allergy markEnteredInError(Principal caller, UUID id, int expectedVersion, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw DomainException.InvalidInput.of("reason", "Say why this allergy is in error (1 to 500 characters).");
        }
        return write(caller, id, expectedVersion, "ENTERED_IN_ERROR",
                repo -> repo.markEnteredInError(id, expectedVersion, why, caller.userId(), now()));
    }

    private Allergy write(Principal caller, UUID id, int expectedVersion, String change,
                          java.util.function.Predicate<AllergyRepository> apply) {
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                AllergyRepository allergies = new AllergyRepository(tx);
                Allergy before = allergies.find(id).orElseThrow(() -> new DomainException.NotFound("This allergy does not exist."));
                ChartAccess.in(tx, clock, zone).requireTriage(caller, before.patientId());
                if (!apply.test(allergies)) {
                    Allergy current = allergies.find(id).orElseThrow();
                    if (current.version() == expectedVersion && current.status() == Status.ENTERED_IN_ERROR) {
                        throw new DomainException.FailedPrecondition("ENTERED_IN_ERROR", "This allergy was entered in error; it can no longer change.");
                    }
                    throw ChartLedger.staleEdit(current.updatedByName(), current.updatedAt(), now(), zone);
                }
                Allergy after = allergies.find(id).orElseThrow();
                ChartLedger.in(tx).record(new ChartLedger.Change(after.patientId(), "ALLERGY", id, after.version(), change,
                        caller.userId(), after.updatedAt(), fields(after)));
                return after;
            });
        } catch (DataAccessException e) {
            throw translate(e, "this substance");
        }
    }

    /** The allergies (active first) and whether anyone has asked. */
    public Listing list(Principal caller, UUID patientId, boolean includeEnteredInError) {
        return dsl.transactionResult(cfg -> {
            ChartAccess.in(cfg.dsl(), clock, zone).requireTriage(caller, patientId);
            AllergyRepository allergies = new AllergyRepository(cfg.dsl());
            return new Listing(allergies.list(patientId, includeEnteredInError), review(allergies, patientId));
        });
    }

    /** Records "no known allergies"; refused while an allergy is active; saying it twice changes nothing. */
    public Review recordNoKnownAllergies(Principal caller, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ChartAccess.in(tx, clock, zone).requireTriage(caller, patientId);
            AllergyRepository allergies = new AllergyRepository(tx);
            allergies.lockPatient(patientId);
            allergies.anyActive(patientId).ifPresent(substance -> {
                throw new DomainException.FailedPrecondition("ACTIVE_ALLERGY", "An active allergy to " + substance
                        + " is recorded; mark it inactive or entered in error before recording \u201cno known allergies\u201d.");
            });
            var statement = allergies.statement(patientId);
            if (statement.isEmpty() || !statement.get().noKnownAllergies()) {
                OffsetDateTime now = now();
                int version = allergies.saveStatement(patientId, true, caller.userId(), now);
                ChartLedger.in(tx).record(new ChartLedger.Change(patientId, "ALLERGY_REVIEW", patientId, version,
                        version == 1 ? "CREATED" : "UPDATED", caller.userId(), now, reviewFields(true)));
            }
            return review(allergies, patientId);
        });
    }

    private static Review review(AllergyRepository allergies, UUID patientId) {
        var statement = allergies.statement(patientId);
        ReviewState state = allergies.anyRecorded(patientId) ? ReviewState.HAS_ALLERGIES
                : statement.filter(AllergyRepository.Statement::noKnownAllergies).isPresent() ? ReviewState.NO_KNOWN_ALLERGIES
                : ReviewState.NOT_ASKED;
        return new Review(state, statement.map(AllergyRepository.Statement::version).orElse(0),
                statement.map(AllergyRepository.Statement::updatedByName), statement.map(AllergyRepository.Statement::updatedAt));
    }

    private void checkCommon(String reaction, Optional<LocalDate> onset, List<FieldError> errors) {
        if (reaction.strip().length() > 500) {
            errors.add(new FieldError("reaction", "Keep the reaction under 500 characters."));
        }
        onset.ifPresent(d -> {
            if (d.isAfter(LocalDate.now(clock.withZone(zone)))) {
                errors.add(new FieldError("onset_date", "The onset cannot be in the future."));
            }
        });
    }

    List<ChartLedger.Field> fields(Allergy a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Substance", a.substance());
        f.put("Category", words(a.category().name()));
        f.put("Reaction", a.reaction().orElse(""));
        f.put("Severity", words(a.severity().name()));
        f.put("Status", words(a.status().name()));
        f.put("Onset", a.onset().map(DAY::format).orElse(""));
        a.errorReason().ifPresent(why -> f.put("Reason", why));
        return ChartLedger.fields(f);
    }

    private static List<ChartLedger.Field> reviewFields(boolean noKnownAllergies) {
        return List.of(new ChartLedger.Field("No known allergies", noKnownAllergies ? "Yes" : "No"));
    }

    private static String words(String upperSnake) {
        String s = upperSnake.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static DomainException.Conflict duplicate(String substance) {
        return new DomainException.Conflict("substance", "An active allergy to " + substance + " is already recorded for this patient.");
    }

    private static RuntimeException translate(DataAccessException e, String substance) {
        if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter(AllergyRepository.ACTIVE_SUBSTANCE_INDEX::equals).isPresent()) {
            return duplicate(substance);
        }
        if ("23514".equals(e.sqlState())) {
            return DomainException.InvalidInput.of("allergy", "One of these values is not allowed; check the form.");
        }
        return e;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "\u2026";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
