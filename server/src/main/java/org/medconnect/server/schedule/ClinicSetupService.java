package org.medconnect.server.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.ScheduleModel.AppointmentType;
import org.medconnect.server.schedule.ScheduleModel.Doctor;
import org.medconnect.server.schedule.ScheduleModel.Location;
import org.medconnect.server.schedule.ScheduleModel.LocationChanges;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.Room;
import org.medconnect.server.schedule.ScheduleModel.RoomChanges;
import org.medconnect.server.schedule.ScheduleModel.TypeChanges;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/**
 * Clinic setup: locations, rooms, appointment types and the list of doctors, the places
 * and kinds of visit the clinic schedules with. Each change is one transaction that also
 * writes its audit entry. Admins manage locations, rooms and types (the access policy sees
 * to that). Doctors' availability is {@link ScheduleService}'s.
 */
public final class ClinicSetupService {

    private final DSLContext dsl;
    private final ScheduleTransactions transactions;

    public ClinicSetupService(DSLContext dsl, Clock clock, ZoneId zone) {
        this.dsl = dsl;
        this.transactions = new ScheduleTransactions(dsl, clock, zone);
    }

    // ---- locations ----

    public Location createLocation(Principal actor, NewLocation l) {
        Optional<UUID> earlier = l.requestId().flatMap(r -> new LocationRepository(dsl).findIdByRequestId(r));
        if (earlier.isPresent()) {
            return getLocation(earlier.get());
        }
        checkLocation(l.name(), l.address(), l.phone());
        OffsetDateTime now = now();
        UUID id = insertOnce(l.requestId(), "location_request_id_key", tx -> new LocationRepository(tx).findIdByRequestId(l.requestId().get()), tx -> {
            UUID newId = new LocationRepository(tx).insert(l.requestId().orElse(null), l.name().strip(), blankToNull(l.address()), blankToNull(l.phone()));
            AuditTrail.in(tx).record(actor.userId(), "LOCATION_CREATED", "location", newId, l.name().strip(), now);
            return newId;
        });
        return getLocation(id);
    }

    public Location updateLocation(Principal actor, LocationChanges c) {
        Location before = getLocation(c.id());
        checkLocation(c.name(), c.address(), c.phone());
        OffsetDateTime now = now();
        run(tx -> {
            new LocationRepository(tx).update(c.id(), c.name().strip(), blankToNull(c.address()), blankToNull(c.phone()), c.retired());
            AuditTrail.in(tx).record(actor.userId(), auditAction("LOCATION", before.retired(), c.retired()), "location", c.id(),
                    renamed(before.name(), c.name()), now);
            return null;
        });
        return getLocation(c.id());
    }

    public List<Location> listLocations(boolean includeRetired) {
        return new LocationRepository(dsl).list(includeRetired);
    }

    public Location getLocation(UUID id) {
        return new LocationRepository(dsl).find(id).orElseThrow(() -> new DomainException.NotFound("That location does not exist."));
    }

    // ---- rooms ----

    public Room createRoom(Principal actor, NewRoom r) {
        Optional<UUID> earlier = r.requestId().flatMap(req -> new RoomRepository(dsl).findIdByRequestId(req));
        if (earlier.isPresent()) {
            return getRoom(earlier.get());
        }
        require("name", ScheduleRules.checkRoomName(r.name()));
        Location location = new LocationRepository(dsl).find(r.locationId())
                .orElseThrow(() -> DomainException.InvalidInput.of("location_id", "That location does not exist."));
        if (location.retired()) {
            throw DomainException.InvalidInput.of("location_id", location.name() + " is retired; it takes no new rooms.");
        }
        OffsetDateTime now = now();
        UUID id = insertOnce(r.requestId(), "room_request_id_key", tx -> new RoomRepository(tx).findIdByRequestId(r.requestId().get()), tx -> {
            UUID newId = new RoomRepository(tx).insert(r.requestId().orElse(null), r.locationId(), r.name().strip());
            AuditTrail.in(tx).record(actor.userId(), "ROOM_CREATED", "room", newId, location.name() + ": " + r.name().strip(), now);
            return newId;
        });
        return getRoom(id);
    }

    public Room updateRoom(Principal actor, RoomChanges c) {
        Room before = getRoom(c.id());
        require("name", ScheduleRules.checkRoomName(c.name()));
        OffsetDateTime now = now();
        run(tx -> {
            new RoomRepository(tx).update(c.id(), c.name().strip(), c.retired());
            AuditTrail.in(tx).record(actor.userId(), auditAction("ROOM", before.retired(), c.retired()), "room", c.id(),
                    renamed(before.name(), c.name()), now);
            return null;
        });
        return getRoom(c.id());
    }

    /** Rooms of one location or of all, by location and name. */
    public List<Room> listRooms(Optional<UUID> locationId, boolean includeRetired) {
        return new RoomRepository(dsl).list(locationId, includeRetired);
    }

    public Room getRoom(UUID id) {
        return new RoomRepository(dsl).find(id).orElseThrow(() -> new DomainException.NotFound("That room does not exist."));
    }

    // ---- appointment types ----

    public AppointmentType createType(Principal actor, NewType t) {
        Optional<UUID> earlier = t.requestId().flatMap(req -> new AppointmentTypeRepository(dsl).findIdByRequestId(req));
        if (earlier.isPresent()) {
            return getType(earlier.get());
        }
        checkType(t.fields());
        OffsetDateTime now = now();
        UUID id = insertOnce(t.requestId(), "appointment_type_request_id_key",
                tx -> new AppointmentTypeRepository(tx).findIdByRequestId(t.requestId().get()), tx -> {
                    UUID newId = new AppointmentTypeRepository(tx).insert(t.requestId().orElse(null), t.fields());
                    AuditTrail.in(tx).record(actor.userId(), "APPOINTMENT_TYPE_CREATED", "appointment_type", newId,
                            describe(t.fields()), now);
                    return newId;
                });
        return getType(id);
    }

    /** Changes apply to new bookings only: appointments keep the times they were booked with. */
    public AppointmentType updateType(Principal actor, TypeChanges c) {
        AppointmentType before = getType(c.id());
        checkType(c.fields());
        OffsetDateTime now = now();
        run(tx -> {
            new AppointmentTypeRepository(tx).update(c.id(), c.fields());
            AuditTrail.in(tx).record(actor.userId(), auditAction("APPOINTMENT_TYPE", before.retired(), c.fields().retired()),
                    "appointment_type", c.id(), describe(c.fields()), now);
            return null;
        });
        return getType(c.id());
    }

    public List<AppointmentType> listTypes(boolean includeRetired) {
        return new AppointmentTypeRepository(dsl).list(includeRetired);
    }

    public AppointmentType getType(UUID id) {
        return new AppointmentTypeRepository(dsl).find(id)
                .orElseThrow(() -> new DomainException.NotFound("That appointment type does not exist."));
    }

    // ---- doctors ----

    /** Active doctors by name, optionally of one department or currently working at one location. */
    public List<Doctor> listDoctors(Optional<UUID> departmentId, Optional<UUID> locationId) {
        return new DoctorDirectoryRepository(dsl).list(departmentId, locationId, today());
    }

    // ---- helpers ----

    private LocalDate today() {
        return transactions.today();
    }

    private static void checkLocation(String name, String address, String phone) {
        Validation v = new Validation()
                .check("name", ScheduleRules.checkLocationName(name))
                .check("address", ScheduleRules.checkAddress(address))
                .check("phone", ScheduleRules.checkPhone(phone));
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    private static void checkType(TypeFields t) {
        Validation v = new Validation()
                .check("type.name", ScheduleRules.checkTypeName(t.name()))
                .check("type.duration_minutes", ScheduleRules.checkDurationMinutes(t.durationMinutes()))
                .check("type.buffer_minutes", ScheduleRules.checkBufferMinutes(t.bufferMinutes()));
        if (!v.ok()) {
            throw new DomainException.InvalidInput(v.errors());
        }
    }

    /** X_UPDATED, or X_RETIRED / X_RESTORED when the change retires or brings it back. */
    private static String auditAction(String what, boolean wasRetired, boolean retired) {
        if (wasRetired == retired) {
            return what + "_UPDATED";
        }
        return what + (retired ? "_RETIRED" : "_RESTORED");
    }

    private static String renamed(String before, String after) {
        return before.equals(after.strip()) ? before : before + " -> " + after.strip();
    }

    private static String describe(TypeFields t) {
        return t.name().strip() + " " + t.durationMinutes() + "+" + t.bufferMinutes() + " min";
    }

    private static void require(String field, Optional<String> problem) {
        problem.ifPresent(p -> {
            throw DomainException.InvalidInput.of(field, p);
        });
    }

    private UUID insertOnce(Optional<UUID> requestId, String requestIdConstraint, Function<DSLContext, Optional<UUID>> byRequestId,
                            Function<DSLContext, UUID> insert) {
        return transactions.insertOnce(requestId, requestIdConstraint, byRequestId, insert);
    }

    private <T> T run(Function<DSLContext, T> work) {
        return transactions.run(work);
    }

    private OffsetDateTime now() {
        return transactions.now();
    }

    private static String blankToNull(String s) {
        return ScheduleTransactions.blankToNull(s);
    }
}
