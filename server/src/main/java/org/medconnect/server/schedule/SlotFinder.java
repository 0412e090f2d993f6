package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Free slots: doctors' weekly availability and extra sessions, minus time off and the time
 * held by appointments, on the clinic's wall clock (correct across daylight-saving changes).
 */
public final class SlotFinder {

    /** What to look for. One of doctor or department. */
    public record SlotQuery(Optional<UUID> doctorId, Optional<UUID> departmentId, Optional<UUID> locationId,
                            UUID typeId, LocalDate from, LocalDate to, int limit, Optional<LocalTime> notBefore) {}

    /** One bookable time. {@code end} is start plus the type's duration. */
    public record FoundSlot(UUID doctorId, String doctorName, UUID locationId, Optional<UUID> roomId,
                            Instant start, Instant end) {}

    public record SlotSearchResult(List<FoundSlot> slots, boolean truncated) {}

    private final DSLContext dsl;
    private final Clock clock;
    private final ZoneId zone;

    public SlotFinder(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.clock = clock;
        this.zone = zone;
    }

    public SlotSearchResult search(SlotQuery query) {
        throw new UnsupportedOperationException("being written");
    }
}
