package org.medconnect.server.schedule;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.proto.schedule.v1.*;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.LocationChanges;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.RoomChanges;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleModel.TypeChanges;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.SlotQuery;
import org.medconnect.shared.schedule.ClockRange;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules;

/** gRPC adapter for {@link ClinicSetupService}, {@link ScheduleService} and {@link SlotFinder}: proto in, domain call, proto out. */
public final class ScheduleGrpcService extends ScheduleServiceGrpc.ScheduleServiceImplBase {


    private final ClinicSetupService clinicSetup;
    private final ScheduleService schedule;
    private final SlotFinder slots;
    private final GrpcCalls calls;

    public ScheduleGrpcService(ClinicSetupService clinicSetup, ScheduleService schedule, SlotFinder slots, GrpcCalls calls) {
        this.clinicSetup = clinicSetup;
        this.schedule = schedule;
        this.slots = slots;
        this.calls = calls;
    }

    // ---- locations ----

    @Override
    public void createLocation(CreateLocationRequest r, StreamObserver<CreateLocationResponse> observer) {
        calls.unary(observer, () -> CreateLocationResponse.newBuilder().setLocation(toProto(clinicSetup.createLocation(CallContext.principal(),
                new NewLocation(ProtoTypes.requestId(r.getRequestId()), r.getName(), r.getAddress(), r.getPhone())))).build());
    }

    @Override
    public void updateLocation(UpdateLocationRequest r, StreamObserver<UpdateLocationResponse> observer) {
        calls.unary(observer, () -> UpdateLocationResponse.newBuilder().setLocation(toProto(clinicSetup.updateLocation(CallContext.principal(),
                new LocationChanges(ProtoTypes.uuid(r.getLocationId(), "location_id"), r.getName(), r.getAddress(), r.getPhone(),
                        r.getRetired())))).build());
    }

    @Override
    public void listLocations(ListLocationsRequest r, StreamObserver<ListLocationsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListLocationsResponse.newBuilder();
            clinicSetup.listLocations(r.getIncludeRetired()).forEach(l -> response.addLocations(toProto(l)));
            return response.build();
        });
    }

    // ---- rooms ----

    @Override
    public void createRoom(CreateRoomRequest r, StreamObserver<CreateRoomResponse> observer) {
        calls.unary(observer, () -> CreateRoomResponse.newBuilder().setRoom(toProto(clinicSetup.createRoom(CallContext.principal(),
                new NewRoom(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getLocationId(), "location_id"), r.getName())))).build());
    }

    @Override
    public void updateRoom(UpdateRoomRequest r, StreamObserver<UpdateRoomResponse> observer) {
        calls.unary(observer, () -> UpdateRoomResponse.newBuilder().setRoom(toProto(clinicSetup.updateRoom(CallContext.principal(),
                new RoomChanges(ProtoTypes.uuid(r.getRoomId(), "room_id"), r.getName(), r.getRetired())))).build());
    }

    @Override
    public void listRooms(ListRoomsRequest r, StreamObserver<ListRoomsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListRoomsResponse.newBuilder();
            clinicSetup.listRooms(optionalId(r.getLocationId(), "location_id"), r.getIncludeRetired()).forEach(room -> response.addRooms(toProto(room)));
            return response.build();
        });
    }

    // ---- appointment types ----

    @Override
    public void createAppointmentType(CreateAppointmentTypeRequest r, StreamObserver<CreateAppointmentTypeResponse> observer) {
        calls.unary(observer, () -> CreateAppointmentTypeResponse.newBuilder().setType(toProto(clinicSetup.createType(CallContext.principal(),
                new NewType(ProtoTypes.requestId(r.getRequestId()), fields(r.getType()))))).build());
    }

    @Override
    public void updateAppointmentType(UpdateAppointmentTypeRequest r, StreamObserver<UpdateAppointmentTypeResponse> observer) {
        calls.unary(observer, () -> UpdateAppointmentTypeResponse.newBuilder().setType(toProto(clinicSetup.updateType(CallContext.principal(),
                new TypeChanges(ProtoTypes.uuid(r.getType().getTypeId(), "type.type_id"), fields(r.getType()))))).build());
    }

    @Override
    public void listAppointmentTypes(ListAppointmentTypesRequest r, StreamObserver<ListAppointmentTypesResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListAppointmentTypesResponse.newBuilder();
            clinicSetup.listTypes(r.getIncludeRetired()).forEach(t -> response.addTypes(toProto(t)));
            return response.build();
        });
    }

    // ---- doctors and availability ----

    @Override
    public void listDoctors(ListDoctorsRequest r, StreamObserver<ListDoctorsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListDoctorsResponse.newBuilder();
            clinicSetup.listDoctors(optionalId(r.getDepartmentId(), "department_id"), optionalId(r.getLocationId(), "location_id"))
                    .forEach(d -> response.addDoctors(toProto(d)));
            return response.build();
        });
    }

    @Override
    public void getAvailability(GetAvailabilityRequest r, StreamObserver<GetAvailabilityResponse> observer) {
        calls.unary(observer, () -> {
            var availability = schedule.getAvailability(ProtoTypes.uuid(r.getDoctorId(), "doctor_id"));
            var response = GetAvailabilityResponse.newBuilder();
            availability.rules().forEach(rule -> response.addRules(toProto(rule)));
            availability.exceptions().forEach(e -> response.addExceptions(toProto(e)));
            return response.build();
        });
    }

    @Override
    public void saveAvailabilityRule(SaveAvailabilityRuleRequest r, StreamObserver<SaveAvailabilityRuleResponse> observer) {
        calls.unary(observer, () -> {
            AvailabilityRule p = r.getRule();
            var input = new RuleInput(ProtoTypes.requestId(r.getRequestId()), optionalId(p.getRuleId(), "rule.rule_id"),
                    ProtoTypes.uuid(p.getDoctorId(), "rule.doctor_id"), ProtoTypes.uuid(p.getLocationId(), "rule.location_id"),
                    optionalId(p.getRoomId(), "rule.room_id"), p.getWeekdaysList(), p.getStartTime(), p.getEndTime(), p.getSlotMinutes(),
                    p.getBreaksList().stream().map(b -> new ScheduleRules.BreakDraft(b.getStartTime(), b.getEndTime())).toList(),
                    p.getValidFrom(), p.getValidTo());
            var saved = schedule.saveRule(CallContext.principal(), input);
            var response = SaveAvailabilityRuleResponse.newBuilder().setRule(toProto(saved));
            schedule.strandedAppointments(saved.doctorId()).forEach(s -> response.addOutsideHours(OutsideHoursAppointment.newBuilder()
                    .setAppointmentId(s.appointmentId().toString()).setStartsAt(ProtoTypes.timestamp(s.startsAt()))
                    .setEndsAt(ProtoTypes.timestamp(s.endsAt())).setPatientName(s.patientName()).setReference(s.reference())));
            return response.build();
        });
    }

    @Override
    public void deleteAvailabilityRule(DeleteAvailabilityRuleRequest r, StreamObserver<DeleteAvailabilityRuleResponse> observer) {
        calls.unary(observer, () -> {
            schedule.deleteRule(CallContext.principal(), ProtoTypes.uuid(r.getRuleId(), "rule_id"));
            return DeleteAvailabilityRuleResponse.getDefaultInstance();
        });
    }

    @Override
    public void addAvailabilityException(AddAvailabilityExceptionRequest r, StreamObserver<AddAvailabilityExceptionResponse> observer) {
        calls.unary(observer, () -> {
            AvailabilityException p = r.getException();
            var input = new ExceptionInput(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(p.getDoctorId(), "exception.doctor_id"),
                    kind(p.getKind()), p.getStartDate(), p.getEndDate(), p.getStartTime(), p.getEndTime(),
                    optionalId(p.getLocationId(), "exception.location_id"), optionalId(p.getRoomId(), "exception.room_id"),
                    p.getSlotMinutes(), p.getReason());
            var added = schedule.addException(CallContext.principal(), input);
            var response = AddAvailabilityExceptionResponse.newBuilder().setException(toProto(added.exception()));
            added.affectedAppointmentIds().forEach(id -> response.addAffectedAppointmentIds(id.toString()));
            return response.build();
        });
    }

    @Override
    public void removeAvailabilityException(RemoveAvailabilityExceptionRequest r, StreamObserver<RemoveAvailabilityExceptionResponse> observer) {
        calls.unary(observer, () -> {
            schedule.removeException(CallContext.principal(), ProtoTypes.uuid(r.getExceptionId(), "exception_id"));
            return RemoveAvailabilityExceptionResponse.getDefaultInstance();
        });
    }

    // ---- slots ----

    @Override
    public void searchSlots(SearchSlotsRequest r, StreamObserver<SearchSlotsResponse> observer) {
        calls.unary(observer, () -> {
            var result = slots.search(slotQuery(r));
            var response = SearchSlotsResponse.newBuilder().setTruncated(result.truncated());
            result.slots().forEach(s -> response.addSlots(toProto(s)));
            return response.build();
        });
    }

    /** The request as a query (the rules are {@link SlotQueries}'), or every wrong field named at once. */
    static SlotQuery slotQuery(SearchSlotsRequest r) {
        return SlotQueries.from(new SlotQueries.Asked(r.getDoctorId(), r.getDepartmentId(), r.getLocationId(),
                r.getAppointmentTypeId(), r.getFromDate(), r.getToDate(), r.getLimit(), r.getNotBeforeTime()));
    }

    // ---- mapping ----

    private static Optional<UUID> optionalId(String raw, String field) {
        return raw.isBlank() ? Optional.empty() : Optional.of(ProtoTypes.uuid(raw, field));
    }

    private static Optional<ExceptionKind> kind(org.medconnect.proto.schedule.v1.ExceptionKind kind) {
        return switch (kind) {
            case EXCEPTION_KIND_TIME_OFF -> Optional.of(ExceptionKind.TIME_OFF);
            case EXCEPTION_KIND_EXTRA_SESSION -> Optional.of(ExceptionKind.EXTRA_SESSION);
            default -> Optional.empty();
        };
    }

    private static org.medconnect.proto.schedule.v1.ExceptionKind toProto(ExceptionKind kind) {
        return switch (kind) {
            case TIME_OFF -> org.medconnect.proto.schedule.v1.ExceptionKind.EXCEPTION_KIND_TIME_OFF;
            case EXTRA_SESSION -> org.medconnect.proto.schedule.v1.ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION;
        };
    }

    private static TypeFields fields(AppointmentType t) {
        return new TypeFields(t.getName(), t.getDurationMinutes(), t.getBufferMinutes(), t.getVideo(), t.getNeedsConfirmation(), t.getRetired());
    }

    static Location toProto(ScheduleModel.Location l) {
        return Location.newBuilder()
                .setLocationId(l.id().toString())
                .setName(l.name())
                .setAddress(l.address().orElse(""))
                .setPhone(l.phone().orElse(""))
                .setRetired(l.retired())
                .build();
    }

    static Room toProto(ScheduleModel.Room r) {
        return Room.newBuilder()
                .setRoomId(r.id().toString())
                .setLocationId(r.locationId().toString())
                .setName(r.name())
                .setRetired(r.retired())
                .build();
    }

    static AppointmentType toProto(ScheduleModel.AppointmentType t) {
        return AppointmentType.newBuilder()
                .setTypeId(t.id().toString())
                .setName(t.name())
                .setDurationMinutes(t.durationMinutes())
                .setBufferMinutes(t.bufferMinutes())
                .setVideo(t.video())
                .setNeedsConfirmation(t.needsConfirmation())
                .setRetired(t.retired())
                .build();
    }

    static Doctor toProto(ScheduleModel.Doctor d) {
        var b = Doctor.newBuilder()
                .setDoctorId(d.id().toString())
                .setDisplayName(d.displayName())
                .setSpecialization(d.specialization())
                .setDepartmentId(d.departmentId().map(UUID::toString).orElse(""))
                .setDepartmentName(d.departmentName());
        d.locationIds().forEach(id -> b.addLocationIds(id.toString()));
        return b.build();
    }

    static AvailabilityRule toProto(ScheduleModel.AvailabilityRule r) {
        var b = AvailabilityRule.newBuilder()
                .setRuleId(r.id().toString())
                .setDoctorId(r.doctorId().toString())
                .setLocationId(r.locationId().toString())
                .setRoomId(r.roomId().map(UUID::toString).orElse(""))
                .addAllWeekdays(r.weekdays())
                .setStartTime(ScheduleRules.formatTime(r.session().start()))
                .setEndTime(ScheduleRules.formatTime(r.session().end()))
                .setSlotMinutes(r.slotMinutes())
                .setValidFrom(r.validFrom().toString())
                .setValidTo(r.validTo().map(LocalDate::toString).orElse(""))
                .setLocationName(r.locationName());
        for (ClockRange br : r.breaks()) {
            b.addBreaks(TimeRange.newBuilder().setStartTime(ScheduleRules.formatTime(br.start())).setEndTime(ScheduleRules.formatTime(br.end())));
        }
        return b.build();
    }

    static AvailabilityException toProto(ScheduleModel.AvailabilityException e) {
        return AvailabilityException.newBuilder()
                .setExceptionId(e.id().toString())
                .setDoctorId(e.doctorId().toString())
                .setKind(toProto(e.kind()))
                .setStartDate(e.local().startDate().toString())
                .setEndDate(e.local().endDate().toString())
                .setStartTime(e.local().startTime().map(ScheduleRules::formatTime).orElse(""))
                .setEndTime(e.local().endTime().map(ScheduleRules::formatTime).orElse(""))
                .setLocationId(e.locationId().map(UUID::toString).orElse(""))
                .setRoomId(e.roomId().map(UUID::toString).orElse(""))
                .setSlotMinutes(e.slotMinutes().orElse(0))
                .setReason(e.reason().orElse(""))
                .setStartsAt(ProtoTypes.timestamp(e.startsAt()))
                .setEndsAt(ProtoTypes.timestamp(e.endsAt()))
                .build();
    }

    static Slot toProto(FoundSlot s) {
        return Slot.newBuilder()
                .setDoctorId(s.doctorId().toString())
                .setDoctorName(s.doctorName())
                .setLocationId(s.locationId().toString())
                .setStartsAt(ProtoTypes.timestamp(s.start()))
                .setEndsAt(ProtoTypes.timestamp(s.end()))
                .setRoomId(s.roomId().map(UUID::toString).orElse(""))
                .build();
    }
}
