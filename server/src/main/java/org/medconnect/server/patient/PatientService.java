package org.medconnect.server.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.patient.PatientModel.LikelyDuplicate;
import org.medconnect.server.patient.PatientModel.NewPatient;
import org.medconnect.server.patient.PatientModel.Page;
import org.medconnect.server.patient.PatientModel.Patient;
import org.medconnect.server.patient.PatientModel.PatientChanges;
import org.medconnect.server.patient.PatientModel.SearchQuery;
import org.medconnect.server.patient.PatientRepository.Resemblance;
import org.medconnect.server.patient.PatientRepository.Row;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.shared.patient.Mrn;
import org.medconnect.shared.patient.PatientDetails;
import org.medconnect.shared.patient.PatientRules;
import org.medconnect.shared.patient.PatientSearch;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.shared.validation.Validation;

/**
 * Registering, finding and correcting patients. Each change is one transaction that also
 * writes its audit entry; audit details name fields and the MRN, never what was typed
 * into them. The likely-duplicate check is a courtesy to the receptionist, not a rule:
 * twins and families sharing a phone are real, so the user may register anyway.
 */
public final class PatientService {

    /** How many look-alikes a refusal or FindLikelyDuplicates mentions at most. */
    private static final int DUPLICATES_SHOWN = 10;

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId clinicZone;

    public PatientService(DSLContext dsl, Clock clock, ZoneId clinicZone) {
        this.dsl = dsl;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    // ---- registration ----

    public Patient register(Principal actor, NewPatient patient) {
        return register(Optional.of(actor.userId()), patient);
    }

    /**
     * Registers a patient and gives them the next MRN. {@code actorId} is empty only for
     * patients the server seeds itself (demo data). A retry with the same request id
     * returns the patient the first attempt made.
     */
    public Patient register(Optional<UUID> actorId, NewPatient patient) {
        Optional<UUID> earlier = InsertOnce.earlier(patient.requestId(), new PatientRepository(dsl)::findIdByRequestId);
        if (earlier.isPresent()) {
            return get(earlier.get());
        }
        validate(patient.details());
        OffsetDateTime now = now();
        Row row = row(patient.requestId(), "", patient.details(), actorId, now);
        UUID id = InsertOnce.insert(dsl, patient.requestId(), "patient_request_id_key",
                new PatientRepository(dsl)::findIdByRequestId, tx -> {
                var patients = new PatientRepository(tx);
                List<Resemblance> lookAlikes = resembling(patients, patient.details());
                if (!lookAlikes.isEmpty() && !patient.registerDespiteDuplicates()) {
                    // A simultaneous attempt with this request id may have committed since the
                    // look above: its patient is not a duplicate but the answer. Asked after the
                    // duplicate query, this sees every row that query saw.
                    Optional<UUID> first = patient.requestId().flatMap(patients::findIdByRequestId);
                    if (first.isPresent()) {
                        return first.get();
                    }
                    throw new DomainException.FailedPrecondition("LIKELY_DUPLICATE", refusal(lookAlikes));
                }
                String mrn = Mrn.withCheckDigit(patients.nextMrnNumber());
                Patient created = patients.insert(withMrn(row, mrn));
                AuditTrail.in(tx).record(actorId.orElse(null), "PATIENT_REGISTERED", "patient", created.id(),
                        "mrn=" + mrn + (lookAlikes.isEmpty() ? "" : " despite " + lookAlikes.size() + " likely duplicate(s)"), now);
                return created.id();
            }, e -> e);
        return get(id);
    }

    /** Registered patients that look like these details (same name and birth date, or same phone), and why. */
    public List<LikelyDuplicate> findLikelyDuplicates(PatientDetails details) {
        // Only what the comparison reads must be right; sex, email and address may still be empty.
        Validation v = new Validation()
                .check(PatientRules.GIVEN_NAME, PatientRules.checkGivenName(details.givenName()))
                .check(PatientRules.FAMILY_NAME, PatientRules.checkFamilyName(details.familyName()))
                .check(PatientRules.DATE_OF_BIRTH, PatientRules.checkDateOfBirth(details.dateOfBirth(), today()))
                .check(PatientRules.PHONE, PatientRules.checkPhone(details.phone()));
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
        return resembling(new PatientRepository(dsl), details).stream()
                .map(r -> new LikelyDuplicate(r.patient(), why(r)))
                .toList();
    }

    /** Many patients in one transaction, without duplicate checks: demo and load data only. */
    public int importAll(Optional<UUID> actorId, List<PatientDetails> all) {
        for (PatientDetails details : all) {
            validate(details);
        }
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            var patients = new PatientRepository(cfg.dsl());
            List<Long> numbers = patients.nextMrnNumbers(all.size());
            List<Row> rows = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                rows.add(row(Optional.empty(), Mrn.withCheckDigit(numbers.get(i)), all.get(i), actorId, now));
            }
            patients.insertAll(rows);
            AuditTrail.in(cfg.dsl()).record(actorId.orElse(null), "PATIENTS_IMPORTED", "patient", null,
                    rows.size() + " patients", now);
            return rows.size();
        });
    }

    // ---- reading ----

    public Patient get(UUID id) {
        return new PatientRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That patient does not exist."));
    }

    /**
     * One patient as the caller may read them: a nurse only a patient checked in today (the
     * chart's triage rule, decision 0036); the other roles any patient.
     */
    public Patient get(Principal actor, UUID id) {
        if (actor.role() == Role.NURSE) {
            dsl.transaction(cfg -> ChartAccess.in(cfg.dsl(), clock, clinicZone).requireTriage(actor, id));
        }
        return get(id);
    }

    /** One search box: an MRN, a date of birth, part of a phone number, or a name with typos; best match first. */
    public Page<Patient> search(SearchQuery query) {
        PatientSearch.check(query.text()).ifPresent(problem -> {
            throw DomainException.InvalidInput.of("query", problem);
        });
        PatientSearch.Interpretation how = PatientSearch.interpret(query.text());
        return dsl.transactionResult(cfg -> {
            var patients = new PatientRepository(cfg.dsl());
            if (how instanceof PatientSearch.ByName) {
                patients.prepareNameSearch();
            }
            return patients.search(how, query.limit(), query.offset());
        });
    }

    // ---- corrections ----

    public Patient update(Principal actor, PatientChanges changes) {
        validate(changes.details());
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            var patients = new PatientRepository(cfg.dsl());
            Patient before = patients.findForUpdate(changes.id())
                    .orElseThrow(() -> new DomainException.NotFound("That patient does not exist."));
            Row after = row(Optional.empty(), before.mrn(), changes.details(), Optional.empty(), now);
            List<String> changed = changedFields(before, after);
            if (changed.isEmpty()) {
                return;
            }
            patients.update(changes.id(), after);
            AuditTrail.in(cfg.dsl()).record(actor.userId(), "PATIENT_UPDATED", "patient", changes.id(),
                    "mrn=" + before.mrn() + " changed: " + String.join(", ", changed), now);
        });
        return get(changes.id());
    }

    // ---- helpers ----

    private void validate(PatientDetails details) {
        List<FieldError> errors = PatientRules.validate(details, today());
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
    }

    private static List<Resemblance> resembling(PatientRepository patients, PatientDetails d) {
        return patients.findResembling(PatientRules.normalizeName(d.givenName()), PatientRules.normalizeName(d.familyName()),
                PatientRules.parseIsoDate(d.dateOfBirth()).orElseThrow(), PatientRules.phoneDigits(d.phone()), DUPLICATES_SHOWN);
    }

    private static String why(Resemblance r) {
        if (r.sameNameAndDateOfBirth() && r.samePhone()) {
            return "Same name, date of birth and phone number";
        }
        return r.sameNameAndDateOfBirth() ? "Same name and date of birth" : "Same phone number";
    }

    private static String refusal(List<Resemblance> lookAlikes) {
        Resemblance first = lookAlikes.getFirst();
        String what = first.sameNameAndDateOfBirth() && first.samePhone() ? "name, date of birth and phone number"
                : first.sameNameAndDateOfBirth() ? "name and date of birth" : "phone number";
        String more = lookAlikes.size() == 1 ? "" : " (and " + (lookAlikes.size() - 1) + " more)";
        return "A patient with the same " + what + " is already registered: " + first.patient().displayName()
                + ", born " + first.patient().dateOfBirth() + ", MRN " + first.patient().mrn() + more
                + ". Open the existing record, or register anyway if this is a different person.";
    }

    /** The proto names of the fields that differ, never their values. */
    private static List<String> changedFields(Patient before, Row after) {
        List<String> changed = new ArrayList<>();
        if (!before.givenName().equals(after.givenName())) {
            changed.add(PatientRules.GIVEN_NAME);
        }
        if (!before.familyName().equals(after.familyName())) {
            changed.add(PatientRules.FAMILY_NAME);
        }
        if (!before.dateOfBirth().equals(after.dateOfBirth())) {
            changed.add(PatientRules.DATE_OF_BIRTH);
        }
        if (before.sex() != after.sex()) {
            changed.add(PatientRules.SEX);
        }
        if (!Objects.equals(before.phone().orElse(null), after.phone())) {
            changed.add(PatientRules.PHONE);
        }
        if (!Objects.equals(before.email().orElse(null), after.email())) {
            changed.add(PatientRules.EMAIL);
        }
        if (!Objects.equals(before.address().orElse(null), after.address())) {
            changed.add(PatientRules.ADDRESS);
        }
        return changed;
    }

    /** Details that passed validation, in the form they are stored. */
    private static Row row(Optional<UUID> requestId, String mrn, PatientDetails d, Optional<UUID> actorId, OffsetDateTime now) {
        return new Row(requestId.orElse(null), mrn, PatientRules.normalizeName(d.givenName()), PatientRules.normalizeName(d.familyName()),
                PatientRules.parseIsoDate(d.dateOfBirth()).orElseThrow(), d.sex().orElseThrow(), blankToNull(d.phone()),
                blankToNull(d.email()), blankToNull(d.address()), actorId.orElse(null), now);
    }

    private static Row withMrn(Row r, String mrn) {
        return new Row(r.requestId(), mrn, r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(), r.phone(), r.email(),
                r.address(), r.createdBy(), r.now());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The clinic's date: a baby born this morning local time is not "in the future". */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clinicZone);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
