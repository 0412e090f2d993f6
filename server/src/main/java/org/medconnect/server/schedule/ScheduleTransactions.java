package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.InsertOnce;

/**
 * The plumbing {@link ScheduleService} and {@link ClinicSetupService} share: run a change
 * in one transaction, insert once per request id, turn the schedule tables' unique
 * violations into conflicts a user can act on, and tell the time on the clinic's clock.
 */
final class ScheduleTransactions {

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    ScheduleTransactions(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today on the clinic's wall clock. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Inserts in one transaction; a lost race with a retry of the same request returns the first result. */
    UUID insertOnce(Optional<UUID> requestId, String requestIdConstraint, Function<DSLContext, Optional<UUID>> byRequestId,
                    Function<DSLContext, UUID> insert) {
        return InsertOnce.insert(dsl, requestId, requestIdConstraint, id -> byRequestId.apply(dsl), insert, ScheduleTransactions::translate);
    }

    <T> T run(Function<DSLContext, T> work) {
        try {
            return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RuntimeException translate(DataAccessException e) {
        Optional<String> unique = Constraints.violated(e, Constraints.UNIQUE_VIOLATION);
        if (unique.isPresent()) {
            return switch (unique.get()) {
                case "location_name_key" -> new DomainException.Conflict("name", "A location with that name already exists.");
                case "room_name_key" -> new DomainException.Conflict("name", "That location already has a room with that name.");
                case "appointment_type_name_key" -> new DomainException.Conflict("type.name", "An appointment type with that name already exists.");
                default -> e;
            };
        }
        return e;
    }
}
