package org.medconnect.server.chart;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Jdbc;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;

/**
 * Who may see a patient's chart (issue 12, decision 0029), asked inside the caller's
 * transaction by every chart service before it reads or writes anything:
 * <ul>
 *   <li>a doctor sees the whole chart of a patient they are or were booked with, have an
 *       encounter with, were referred, or broke the glass for (typed reason, limited time);</li>
 *   <li>a nurse sees the summary and records vitals and allergies for a patient checked in
 *       today, never notes;</li>
 *   <li>receptionists and admins see no clinical content at all (demographics are the patient
 *       feature's; admins see who opened a chart, not what is in it).</li>
 * </ul>
 * Every chart opening and document read is logged through {@link #recordOpen} and
 * {@link #recordDocumentRead}.
 */
public final class ChartAccess {

    /** Why a caller was let in; kept with every access log entry. */
    public enum Basis {
        CARE_RELATION,
        REFERRAL,
        BREAK_GLASS,
        TRIAGE
    }

    /** Access granted, and on what basis (the grant's id for a referral or break the glass). */
    public record Granted(Basis basis, Optional<UUID> grantId) {}

    /** The reason sent with PERMISSION_DENIED when a doctor could break the glass to get in. */
    public static final String BREAK_GLASS_REQUIRED = "BREAK_GLASS_REQUIRED";

    private final ChartAccessRepository repository;
    private final Clock clock;
    private final ZoneId zone;

    private ChartAccess(DSLContext tx, Clock clock, ZoneId zone) {
        this.repository = new ChartAccessRepository(tx);
        this.clock = clock;
        this.zone = zone;
    }

    /** The access rules as seen from the caller's transaction. */
    public static ChartAccess in(DSLContext tx, Clock clock, ZoneId zone) {
        return new ChartAccess(tx, clock, zone);
    }

    /**
     * The whole chart, notes and documents included: doctors with a relation, a referral or
     * an open break-the-glass grant. NOT_FOUND for an unknown patient.
     */
    public Granted requireFullChart(Principal caller, UUID patientId) {
        if (caller.role() == Role.DOCTOR) {
            return doctor(repository.readDoctorFacts(caller.userId(), patientId, now()));
        }
        requirePatient(patientId);
        throw switch (caller.role()) {
            case DOCTOR -> new IllegalStateException("answered above");
            case NURSE -> new DomainException.PermissionDenied(
                    "Nurses see the summary, vitals and allergies; notes and documents are for the patient's doctors.");
            case ADMIN, RECEPTIONIST -> noClinicalContent();
        };
    }

    /**
     * The summary, vitals and allergies (reading and recording): the doctors above, and a
     * nurse for a patient checked in today.
     */
    public Granted requireTriage(Principal caller, UUID patientId) {
        if (caller.role() == Role.DOCTOR) {
            return doctor(repository.readDoctorFacts(caller.userId(), patientId, now()));
        }
        requirePatient(patientId);
        return switch (caller.role()) {
            case DOCTOR -> throw new IllegalStateException("answered above");
            case NURSE -> {
                if (!repository.checkedInOn(patientId, LocalDate.now(clock.withZone(zone)), zone)) {
                    throw new DomainException.PermissionDenied(
                            "Nurses see patients who are checked in today; this patient is not.");
                }
                yield new Granted(Basis.TRIAGE, Optional.empty());
            }
            case ADMIN, RECEPTIONIST -> throw noClinicalContent();
        };
    }

    /**
     * {@link #requireFullChart} for a hot path that reads the chart without a transaction
     * (decision 0042): for a doctor, the facts the rule needs come back as a read to send in the
     * same round trip as the caller's own reads ({@link Jdbc#readTogether}); the caller must call
     * {@link PendingFullChart#require()} before it uses, returns or logs anything it read. Any
     * other role is refused here, before anything is read, exactly as {@link #requireFullChart}.
     */
    public PendingFullChart pendingFullChart(Principal caller, UUID patientId) {
        if (caller.role() != Role.DOCTOR) {
            requireFullChart(caller, patientId);
            throw new IllegalStateException("Only doctors see the full chart");
        }
        return new PendingFullChart(repository.doctorFacts(caller.userId(), patientId, now()));
    }

    /** The full-chart rule waiting for its facts; see {@link #pendingFullChart}. */
    public final class PendingFullChart {
        private final Jdbc.Read<ChartAccessRepository.DoctorFacts> facts;

        private PendingFullChart(Jdbc.Read<ChartAccessRepository.DoctorFacts> facts) {
            this.facts = facts;
        }

        /** The read to send with the caller's own. */
        public Jdbc.Read<?> read() {
            return facts;
        }

        /** The rule's answer: NOT_FOUND, PERMISSION_DENIED or the grant; reads the facts on their own if they were not sent. */
        public Granted require() {
            if (!facts.hasRun()) {
                repository.readAlone(facts);
            }
            return doctor(facts.get());
        }
    }

    /** Whether the caller could see the whole chart, without throwing (e.g. to mark search results). */
    public boolean mayOpenFullChart(Principal caller, UUID patientId) {
        try {
            requireFullChart(caller, patientId);
            return true;
        } catch (DomainException.PermissionDenied e) {
            return false;
        }
    }

    /** Logs a chart opening (who, when, which patient, on what basis). */
    public void recordOpen(Principal caller, UUID patientId, Granted granted) {
        log(caller, patientId, "OPEN_CHART", Optional.empty(), granted);
    }

    /** Logs a document read. */
    public void recordDocumentRead(Principal caller, UUID patientId, UUID documentId, Granted granted) {
        log(caller, patientId, "READ_DOCUMENT", Optional.of(documentId), granted);
    }

    /** The rule for a doctor: an unknown patient is NOT_FOUND; then a care relation, else a grant in force, else refused. */
    private static Granted doctor(ChartAccessRepository.DoctorFacts facts) {
        if (!facts.patientExists()) {
            throw new DomainException.NotFound("No patient with that id.");
        }
        if (facts.careRelation()) {
            return new Granted(Basis.CARE_RELATION, Optional.empty());
        }
        return facts.grant()
                .map(g -> new Granted(Basis.valueOf(g.kind()), Optional.of(g.id())))
                .orElseThrow(() -> new DomainException.PermissionDenied(BREAK_GLASS_REQUIRED,
                        "You have not cared for this patient. Break the glass with a reason to open the chart; "
                                + "it is recorded and the admins are told."));
    }

    private void requirePatient(UUID patientId) {
        if (!repository.patientExists(patientId)) {
            throw new DomainException.NotFound("No patient with that id.");
        }
    }

    private void log(Principal caller, UUID patientId, String action, Optional<UUID> target, Granted granted) {
        repository.log(patientId, caller.userId(), caller.role().name(), action, target, granted.basis().name(),
                granted.grantId(), now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static DomainException.PermissionDenied noClinicalContent() {
        return new DomainException.PermissionDenied("Clinical records are for the patient's doctors and nurses.");
    }
}
