package org.medconnect.server.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.chart.ChartLedger.Change;
import org.medconnect.server.patient.DemographicsModel.Added;
import org.medconnect.server.patient.DemographicsModel.Consent;
import org.medconnect.server.patient.DemographicsModel.ConsentInput;
import org.medconnect.server.patient.DemographicsModel.Contact;
import org.medconnect.server.patient.DemographicsModel.ContactInput;
import org.medconnect.server.patient.DemographicsModel.Demographics;
import org.medconnect.server.patient.DemographicsModel.Policy;
import org.medconnect.server.patient.DemographicsModel.PolicyInput;
import org.medconnect.server.patient.DemographicsModel.ProfileInput;
import org.medconnect.server.patient.DemographicsRepository.Stamp;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.shared.patient.DemographicsRules;
import org.medconnect.shared.validation.FieldError;

/**
 * The demographics a record needs, kept by reception (issue 12, decision 0036). Reception and
 * admins edit; a doctor with access to the chart and a nurse for a patient checked in today
 * read. Every create and edit writes one version to the chart's ledger (CONTACT, INSURANCE,
 * CONSENT, DEMOGRAPHICS) in its own transaction; every edit names the version it started from
 * and a stale one is refused with who changed it and when.
 */
public final class DemographicsService {

    private static final String CONTACT = "CONTACT";
    private static final String INSURANCE = "INSURANCE";
    private static final String CONSENT = "CONSENT";
    private static final String DEMOGRAPHICS = "DEMOGRAPHICS";

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public DemographicsService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    // ---- reading ----

    /** Everything for one patient, if the caller may read it. */
    public Demographics get(Principal actor, UUID patientId) {
        return dsl.transactionResult(cfg -> {
            requireReader(cfg.dsl(), actor, patientId);
            return read(cfg.dsl(), patientId);
        });
    }

    // ---- profile ----

    public Demographics updateProfile(Principal actor, UUID patientId, int expectedVersion, ProfileInput input) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        invalidIf(DemographicsRules.profile(input.bloodGroup(), input.preferredLanguage()));
        String blood = blankToNull(input.bloodGroup());
        String language = blankToNull(input.preferredLanguage());
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            var repo = new DemographicsRepository(cfg.dsl());
            Stamp stamp = repo.profileStamp(patientId).orElseThrow(DemographicsService::noPatient);
            if (stamp.version() != expectedVersion || repo.updateProfile(patientId, expectedVersion, blood, language,
                    actor.userId(), now) == 0) {
                throw stale(repo.profileStamp(patientId).orElseThrow(), now);
            }
            record(cfg.dsl(), new Change(patientId, DEMOGRAPHICS, patientId, expectedVersion + 1, "UPDATED", actor.userId(), now,
                    fields("Blood group", orNotKnown(blood), "Preferred language", orNotKnown(language))));
            return read(cfg.dsl(), patientId);
        });
    }

    // ---- emergency contacts ----

    public Added addContact(Principal actor, Optional<UUID> requestId, UUID patientId, ContactInput input) {
        requireEditor(actor);
        Optional<UUID> earlier = InsertOnce.earlier(requestId, new DemographicsRepository(dsl)::contactByRequestId);
        if (earlier.isPresent()) {
            return new Added(earlier.get(), get(actor, patientId));
        }
        invalidIf(DemographicsRules.contact(input.name(), input.relationship(), input.phone(), input.email()));
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, requestId, "emergency_contact_request_id_key",
                new DemographicsRepository(dsl)::contactByRequestId, tx -> {
                    var repo = new DemographicsRepository(tx);
                    requirePatient(repo, patientId);
                    List<Contact> active = repo.lockActiveContacts(patientId);
                    if (active.size() >= DemographicsRules.MAX_CONTACTS) {
                        throw new DomainException.FailedPrecondition("TOO_MANY_CONTACTS", "A patient has at most "
                                + DemographicsRules.MAX_CONTACTS + " emergency contacts; retire one first.");
                    }
                    int priority = active.isEmpty() ? 1 : Math.min(DemographicsRules.MAX_CONTACTS, active.getLast().priority() + 1);
                    UUID created = repo.insertContact(requestId.orElse(null), patientId, input.name().strip(),
                            input.relationship().strip(), input.phone().strip(), blankToNull(input.email()), priority,
                            actor.userId(), now);
                    record(tx, new Change(patientId, CONTACT, created, 1, "CREATED", actor.userId(), now,
                            contactFields(repo.contact(created).orElseThrow())));
                    return created;
                }, e -> e);
        return new Added(id, get(actor, patientId));
    }

    public Demographics updateContact(Principal actor, UUID contactId, int expectedVersion, ContactInput input) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        invalidIf(DemographicsRules.contact(input.name(), input.relationship(), input.phone(), input.email()));
        return editContact(actor, contactId, expectedVersion, "UPDATED", before -> new ContactInput(input.name().strip(),
                input.relationship().strip(), input.phone().strip(), blankToNull(input.email())), before -> before.priority(), true);
    }

    public Demographics retireContact(Principal actor, UUID contactId, int expectedVersion) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        return editContact(actor, contactId, expectedVersion, "RETIRED", DemographicsService::inputOf, Contact::priority, false);
    }

    /** Moves an active contact one place up or down; the active list is renumbered 1..n in its new order. */
    public Demographics moveContact(Principal actor, UUID contactId, int expectedVersion, boolean up) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            var repo = new DemographicsRepository(cfg.dsl());
            Contact target = repo.contact(contactId).orElseThrow(() -> new DomainException.NotFound("That contact does not exist."));
            List<Contact> active = new ArrayList<>(repo.lockActiveContacts(target.patientId()));
            Contact current = active.stream().filter(c -> c.id().equals(contactId)).findFirst()
                    .orElseThrow(() -> new DomainException.FailedPrecondition("CONTACT_RETIRED", "A retired contact has no place in the order."));
            if (current.version() != expectedVersion) {
                throw stale(DemographicsRepository.stamp(current), now);
            }
            int at = active.indexOf(current);
            int to = up ? at - 1 : at + 1;
            if (to < 0 || to >= active.size()) {
                throw new DomainException.FailedPrecondition("CONTACT_AT_END",
                        current.name() + " is already " + (up ? "first" : "last") + ".");
            }
            active.remove(at);
            active.add(to, current);
            for (int i = 0; i < active.size(); i++) {
                Contact c = active.get(i);
                if (c.priority() == i + 1) {
                    continue;
                }
                if (repo.updateContact(c.id(), c.version(), c.name(), c.relationship(), c.phone(), c.email().orElse(null), i + 1,
                        true, actor.userId(), now) == 0) {
                    throw stale(DemographicsRepository.stamp(repo.contact(c.id()).orElseThrow()), now);
                }
                record(cfg.dsl(), new Change(c.patientId(), CONTACT, c.id(), c.version() + 1, "REORDERED", actor.userId(), now,
                        contactFields(repo.contact(c.id()).orElseThrow())));
            }
            return read(cfg.dsl(), target.patientId());
        });
    }

    // ---- insurance ----

    public Added addPolicy(Principal actor, Optional<UUID> requestId, UUID patientId, PolicyInput input) {
        requireEditor(actor);
        Optional<UUID> earlier = InsertOnce.earlier(requestId, new DemographicsRepository(dsl)::policyByRequestId);
        if (earlier.isPresent()) {
            return new Added(earlier.get(), get(actor, patientId));
        }
        invalidIf(policyErrors(input));
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, requestId, "insurance_policy_request_id_key",
                new DemographicsRepository(dsl)::policyByRequestId, tx -> {
                    var repo = new DemographicsRepository(tx);
                    requirePatient(repo, patientId);
                    UUID created = repo.insertPolicy(requestId.orElse(null), patientId, input.insurer().strip(),
                            input.policyNumber().strip(), blankToNull(input.memberName()), date(input.coverageStart()),
                            dateOrNull(input.coverageEnd()), actor.userId(), now);
                    record(tx, new Change(patientId, INSURANCE, created, 1, "CREATED", actor.userId(), now,
                            policyFields(repo.policy(created).orElseThrow())));
                    return created;
                }, DemographicsService::translate);
        return new Added(id, get(actor, patientId));
    }

    public Demographics updatePolicy(Principal actor, UUID policyId, int expectedVersion, PolicyInput input) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        invalidIf(policyErrors(input));
        return editPolicy(actor, policyId, expectedVersion, "UPDATED", input, true);
    }

    public Demographics retirePolicy(Principal actor, UUID policyId, int expectedVersion) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        return editPolicy(actor, policyId, expectedVersion, "RETIRED", null, false);
    }

    // ---- consents ----

    public Added addConsent(Principal actor, Optional<UUID> requestId, UUID patientId, ConsentInput input) {
        requireEditor(actor);
        Optional<UUID> earlier = InsertOnce.earlier(requestId, new DemographicsRepository(dsl)::consentByRequestId);
        if (earlier.isPresent()) {
            return new Added(earlier.get(), get(actor, patientId));
        }
        Optional<UUID> document = checkConsent(input);
        OffsetDateTime now = now();
        UUID id = InsertOnce.insert(dsl, requestId, "consent_record_request_id_key",
                new DemographicsRepository(dsl)::consentByRequestId, tx -> {
                    var repo = new DemographicsRepository(tx);
                    requirePatient(repo, patientId);
                    requireDocumentOf(repo, document, patientId);
                    UUID created = repo.insertConsent(requestId.orElse(null), patientId, input.kind().orElseThrow(),
                            date(input.givenOn()), dateOrNull(input.withdrawnOn()), document.orElse(null),
                            blankToNull(input.note()), actor.userId(), now);
                    record(tx, new Change(patientId, CONSENT, created, 1, "CREATED", actor.userId(), now,
                            consentFields(repo.consent(created).orElseThrow())));
                    return created;
                }, DemographicsService::translate);
        return new Added(id, get(actor, patientId));
    }

    public Demographics updateConsent(Principal actor, UUID consentId, int expectedVersion, ConsentInput input) {
        requireEditor(actor);
        requireVersion(expectedVersion);
        Optional<UUID> document = checkConsent(input);
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            var repo = new DemographicsRepository(cfg.dsl());
            Consent before = repo.consent(consentId).orElseThrow(() -> new DomainException.NotFound("That consent record does not exist."));
            requireDocumentOf(repo, document, before.patientId());
            LocalDate withdrawn = dateOrNull(input.withdrawnOn());
            if (before.version() != expectedVersion || repo.updateConsent(consentId, expectedVersion, input.kind().orElseThrow(),
                    date(input.givenOn()), withdrawn, document.orElse(null), blankToNull(input.note()), actor.userId(), now) == 0) {
                throw stale(DemographicsRepository.stamp(repo.consent(consentId).orElseThrow()), now);
            }
            String change = withdrawn != null && before.withdrawnOn().isEmpty() ? "WITHDRAWN" : "UPDATED";
            record(cfg.dsl(), new Change(before.patientId(), CONSENT, consentId, expectedVersion + 1, change, actor.userId(), now,
                    consentFields(repo.consent(consentId).orElseThrow())));
            return read(cfg.dsl(), before.patientId());
        });
    }

    // ---- shared steps ----

    private Demographics editContact(Principal actor, UUID contactId, int expectedVersion, String change,
                                     Function<Contact, ContactInput> values, Function<Contact, Integer> priority, boolean active) {
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            var repo = new DemographicsRepository(cfg.dsl());
            Contact before = repo.contact(contactId).orElseThrow(() -> new DomainException.NotFound("That contact does not exist."));
            if (before.version() != expectedVersion) {
                throw stale(DemographicsRepository.stamp(before), now);
            }
            if (!before.active()) {
                throw new DomainException.FailedPrecondition("CONTACT_RETIRED", "That contact is retired; add them again instead.");
            }
            ContactInput v = values.apply(before);
            if (repo.updateContact(contactId, expectedVersion, v.name(), v.relationship(), v.phone(), v.email(),
                    priority.apply(before), active, actor.userId(), now) == 0) {
                throw stale(DemographicsRepository.stamp(repo.contact(contactId).orElseThrow()), now);
            }
            record(cfg.dsl(), new Change(before.patientId(), CONTACT, contactId, expectedVersion + 1, change, actor.userId(), now,
                    contactFields(repo.contact(contactId).orElseThrow())));
            return read(cfg.dsl(), before.patientId());
        });
    }

    private Demographics editPolicy(Principal actor, UUID policyId, int expectedVersion, String change, PolicyInput input,
                                    boolean active) {
        OffsetDateTime now = now();
        try {
            return dsl.transactionResult(cfg -> {
                var repo = new DemographicsRepository(cfg.dsl());
                Policy before = repo.policy(policyId).orElseThrow(() -> new DomainException.NotFound("That policy does not exist."));
                if (before.version() != expectedVersion) {
                    throw stale(DemographicsRepository.stamp(before), now);
                }
                if (!before.active()) {
                    throw new DomainException.FailedPrecondition("POLICY_RETIRED", "That policy is retired; add it again instead.");
                }
                int changed = input == null
                        ? repo.updatePolicy(policyId, expectedVersion, before.insurer(), before.policyNumber(),
                                before.memberName().orElse(null), before.start(), before.end().orElse(null), active, actor.userId(), now)
                        : repo.updatePolicy(policyId, expectedVersion, input.insurer().strip(), input.policyNumber().strip(),
                                blankToNull(input.memberName()), date(input.coverageStart()), dateOrNull(input.coverageEnd()),
                                active, actor.userId(), now);
                if (changed == 0) {
                    throw stale(DemographicsRepository.stamp(repo.policy(policyId).orElseThrow()), now);
                }
                record(cfg.dsl(), new Change(before.patientId(), INSURANCE, policyId, expectedVersion + 1, change, actor.userId(), now,
                        policyFields(repo.policy(policyId).orElseThrow())));
                return read(cfg.dsl(), before.patientId());
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private Demographics read(DSLContext tx, UUID patientId) {
        var repo = new DemographicsRepository(tx);
        var profile = repo.profile(patientId).orElseThrow(DemographicsService::noPatient);
        return new Demographics(patientId, profile.bloodGroup(), profile.language(), profile.version(), repo.contacts(patientId),
                repo.policies(patientId), repo.consents(patientId), today());
    }

    /**
     * Reception and admins read any patient's demographics; a doctor needs access to the chart,
     * a nurse a patient checked in today (the chart's triage rule).
     */
    private void requireReader(DSLContext tx, Principal actor, UUID patientId) {
        switch (actor.role()) {
            case RECEPTIONIST, ADMIN -> requirePatient(new DemographicsRepository(tx), patientId);
            case DOCTOR, NURSE -> ChartAccess.in(tx, clock, zone).requireTriage(actor, patientId);
        }
    }

    private static void requireEditor(Principal actor) {
        if (actor.role() != Role.RECEPTIONIST && actor.role() != Role.ADMIN) {
            throw new DomainException.PermissionDenied("Reception keeps contacts, insurance and consents.");
        }
    }

    private static void requirePatient(DemographicsRepository repo, UUID patientId) {
        if (!repo.patientExists(patientId)) {
            throw noPatient();
        }
    }

    private static DomainException.NotFound noPatient() {
        return new DomainException.NotFound("That patient does not exist.");
    }

    private static void requireVersion(int expectedVersion) {
        if (expectedVersion < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version the edit started from (1 or more).");
        }
    }

    private List<FieldError> policyErrors(PolicyInput p) {
        return DemographicsRules.policy(p.insurer(), p.policyNumber(), p.memberName(), p.coverageStart(), p.coverageEnd());
    }

    /** Validates a consent and answers its document id, if one was given. */
    private Optional<UUID> checkConsent(ConsentInput c) {
        List<FieldError> errors = new ArrayList<>(DemographicsRules.consent(c.kind().isPresent(), c.givenOn(), c.withdrawnOn(),
                c.note(), today()));
        Optional<UUID> document = Optional.empty();
        if (c.documentId() != null && !c.documentId().isBlank()) {
            try {
                document = Optional.of(UUID.fromString(c.documentId().strip()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("document_id", "That is not a document id."));
            }
        }
        invalidIf(errors);
        return document;
    }

    private static void requireDocumentOf(DemographicsRepository repo, Optional<UUID> document, UUID patientId) {
        if (document.isPresent() && !repo.documentPatient(document.get()).map(patientId::equals).orElse(false)) {
            throw DomainException.InvalidInput.of("document_id", "That document is not in this patient's chart.");
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        if (Constraints.violated(e, Constraints.UNIQUE_VIOLATION).filter("insurance_policy_number_idx"::equals).isPresent()) {
            return new DomainException.Conflict("policy_number", "This patient already has an active policy with that insurer and number.");
        }
        return e;
    }

    private DomainException.Aborted stale(Stamp stamp, OffsetDateTime now) {
        return ChartLedger.staleEdit(stamp.changedBy(), stamp.changedAt(), now, zone);
    }

    private static void record(DSLContext tx, Change change) {
        ChartLedger.in(tx).record(change);
    }

    private static void invalidIf(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new DomainException.InvalidInput(errors);
        }
    }

    private static ContactInput inputOf(Contact c) {
        return new ContactInput(c.name(), c.relationship(), c.phone(), c.email().orElse(null));
    }

    private static List<ChartLedger.Field> contactFields(Contact c) {
        return fields("Name", c.name(), "Relationship", c.relationship(), "Phone", c.phone(), "Email", c.email().orElse(""),
                "Order", Integer.toString(c.priority()), "Status", c.active() ? "Active" : "Retired");
    }

    private static List<ChartLedger.Field> policyFields(Policy p) {
        return fields("Insurer", p.insurer(), "Policy number", p.policyNumber(), "Member", p.memberName().orElse("The patient"),
                "Coverage from", p.start().toString(), "Coverage to", p.end().map(LocalDate::toString).orElse("Open-ended"),
                "Status", p.active() ? "Active" : "Retired");
    }

    private static List<ChartLedger.Field> consentFields(Consent c) {
        return fields("Kind", c.kind(), "Given on", c.givenOn().toString(),
                "Withdrawn on", c.withdrawnOn().map(LocalDate::toString).orElse(""),
                "Document", c.documentId().map(UUID::toString).orElse(""), "Note", c.note().orElse(""));
    }

    private static List<ChartLedger.Field> fields(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return ChartLedger.fields(m);
    }

    private static String orNotKnown(String s) {
        return s == null ? "Not known" : s;
    }

    private static LocalDate date(String raw) {
        return DemographicsRules.parseDate(raw).orElseThrow();
    }

    private static LocalDate dateOrNull(String raw) {
        return DemographicsRules.parseDate(raw).orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
