package org.medconnect.server.platform;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.shared.validation.ClinicCalendar;

/** Conversions between proto values and domain values that every feature needs. */
public final class ProtoTypes {

    private ProtoTypes() {}

    public static org.medconnect.proto.common.v1.Role toProto(Role role) {
        return switch (role) {
            case ADMIN -> org.medconnect.proto.common.v1.Role.ROLE_ADMIN;
            case DOCTOR -> org.medconnect.proto.common.v1.Role.ROLE_DOCTOR;
            case RECEPTIONIST -> org.medconnect.proto.common.v1.Role.ROLE_RECEPTIONIST;
            case NURSE -> org.medconnect.proto.common.v1.Role.ROLE_NURSE;
        };
    }

    /** Empty for ROLE_UNSPECIFIED or an unknown number. */
    public static Optional<Role> fromProto(org.medconnect.proto.common.v1.Role role) {
        return switch (role) {
            case ROLE_ADMIN -> Optional.of(Role.ADMIN);
            case ROLE_DOCTOR -> Optional.of(Role.DOCTOR);
            case ROLE_RECEPTIONIST -> Optional.of(Role.RECEPTIONIST);
            case ROLE_NURSE -> Optional.of(Role.NURSE);
            default -> Optional.empty();
        };
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Timestamp timestamp(OffsetDateTime time) {
        return timestamp(time.toInstant());
    }

    /** Parses an id sent by a client; a malformed one is reported against {@code field}. */
    public static UUID uuid(String raw, String field) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.InvalidInput.of(field, raw == null || raw.isBlank() ? "This id is missing." : "This is not a valid id.");
        }
    }

    /** An optional client-made request id: empty when not sent. */
    public static Optional<UUID> requestId(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(uuid(raw, "request_id"));
    }

    /** A required point in time; an unset timestamp is reported against {@code field}. */
    public static Instant instant(Timestamp t, boolean present, String field) {
        if (!present) {
            throw DomainException.InvalidInput.of(field, "Choose a time.");
        }
        return instant(t, field);
    }

    /**
     * The one conversion of a client's timestamp: refused naming {@code field} when it is
     * outside the clinic's range ({@link ClinicCalendar}, years 1880 to 2200), rather than
     * failing deep inside with an "instant exceeds" error.
     */
    public static Instant instant(Timestamp t, String field) {
        if (!ClinicCalendar.contains(t.getSeconds(), t.getNanos())) {
            throw DomainException.InvalidInput.of(field, "That time is out of range. " + ClinicCalendar.OUT_OF_RANGE);
        }
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** An id that may be left empty. */
    public static Optional<UUID> optionalUuid(String raw, String field) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(uuid(raw, field));
    }

    /** A required ISO date ("2026-11-24") in the clinic's range ({@link ClinicCalendar}). */
    public static java.time.LocalDate localDate(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.InvalidInput.of(field, "Choose a date.");
        }
        return ClinicCalendar.parseDate(raw).orElseThrow(() -> DomainException.InvalidInput.of(field,
                "Write the date as YYYY-MM-DD. " + ClinicCalendar.OUT_OF_RANGE));
    }
}
