package org.medconnect.server.appointment;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentEventKind;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.Offer;
import org.medconnect.proto.appointment.v1.WaitingListEntry;
import org.medconnect.proto.appointment.v1.WaitingStatus;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.appointment.AppointmentModel.WaitingEntry;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.shared.appointment.StatusMoves.Status;

/**
 * Appointment domain values to proto and back: the one mapping every adapter that sends an
 * appointment uses (the appointment and queue adapters). No rules here: what a caller may see
 * is applied by the services (decision 0018) before anything reaches this class.
 */
public final class AppointmentProtos {

    private AppointmentProtos() {}

    public static PatientSummary toProto(PatientBrief p) {
        return PatientSummary.newBuilder().setPatientId(p.id().toString()).setMrn(p.mrn()).setDisplayName(p.displayName())
                .setDateOfBirth(p.dateOfBirth().toString()).setPhone(p.phone().orElse("")).build();
    }

    /** The proto of an appointment, as the service gave it (the caller's view is already applied). */
    public static Appointment toProto(AppointmentModel.Appointment a) {
        Function<Optional<UUID>, String> idText = o -> o.map(UUID::toString).orElse("");
        Appointment.Builder b = Appointment.newBuilder()
                .setAppointmentId(a.id().toString()).setReference(a.reference()).setPatient(toProto(a.patient()))
                .setDoctorId(a.doctorId().toString()).setDoctorName(a.doctorName())
                .setLocationId(a.locationId().toString()).setLocationName(a.locationName())
                .setRoomId(idText.apply(a.roomId())).setRoomName(a.roomName().orElse(""))
                .setTypeId(a.typeId().toString()).setTypeName(a.typeName())
                .setStartsAt(ProtoTypes.timestamp(a.startsAt())).setEndsAt(ProtoTypes.timestamp(a.endsAt()))
                .setStatus(toProto(a.status())).setReason(a.reason().orElse("")).setVideoLink(a.videoLink().orElse(""))
                .setCancelReason(a.cancelReason().orElse("")).setCancelledByName(a.cancelledByName().orElse(""))
                .setBookedByName(a.bookedByName().orElse(""))
                .setCreatedAt(ProtoTypes.timestamp(a.createdAt())).setUpdatedAt(ProtoTypes.timestamp(a.updatedAt()))
                .setVersion(a.version())
                .setTokenNumber(a.tokenNumber().orElse(0));
        a.checkedInAt().ifPresent(t -> b.setCheckedInAt(ProtoTypes.timestamp(t)));
        a.calledAt().ifPresent(t -> b.setCalledAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    /**
     * What a day board draws of an appointment (APPOINTMENT_LIST_VIEW_BOARD): about half the
     * bytes of the whole one, and nothing clinical. A location's day is ~2,000 of these.
     */
    public static Appointment toBoardProto(AppointmentModel.Appointment a) {
        PatientBrief p = a.patient();
        Appointment.Builder b = Appointment.newBuilder()
                .setAppointmentId(a.id().toString()).setReference(a.reference())
                .setPatient(PatientSummary.newBuilder().setPatientId(p.id().toString()).setMrn(p.mrn()).setDisplayName(p.displayName()))
                .setDoctorId(a.doctorId().toString()).setDoctorName(a.doctorName())
                .setLocationId(a.locationId().toString()).setLocationName(a.locationName())
                .setRoomId(a.roomId().map(UUID::toString).orElse("")).setRoomName(a.roomName().orElse(""))
                .setTypeId(a.typeId().toString()).setTypeName(a.typeName())
                .setStartsAt(ProtoTypes.timestamp(a.startsAt())).setEndsAt(ProtoTypes.timestamp(a.endsAt()))
                .setStatus(toProto(a.status())).setVersion(a.version())
                .setTokenNumber(a.tokenNumber().orElse(0));
        a.checkedInAt().ifPresent(t -> b.setCheckedInAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    public static WatchAppointmentsResponse toProto(AppointmentModel.AppointmentEvent e) {
        Appointment a = toProto(e.appointment());
        var event = AppointmentEvent.newBuilder().setSequence(e.sequence())
                .setKind(toProto(e.kind()))
                .setOccurredAt(ProtoTypes.timestamp(e.occurredAt())).setAppointment(a)
                .setPreviousDoctorId(e.previousDoctorId().map(UUID::toString).orElse(""))
                .setPreviousLocationId(e.previousLocationId().map(UUID::toString).orElse(""));
        e.previousStartsAt().ifPresent(t -> event.setPreviousStartsAt(ProtoTypes.timestamp(t)));
        return WatchAppointmentsResponse.newBuilder().setEvent(event).build();
    }

    public static WaitingListEntry toProto(WaitingEntry e) {
        var b = WaitingListEntry.newBuilder().setEntryId(e.id().toString()).setPatient(toProto(e.patient()))
                .setDoctorId(e.doctorId().map(UUID::toString).orElse("")).setDoctorName(e.doctorName().orElse(""))
                .setDepartmentId(e.departmentId().map(UUID::toString).orElse("")).setDepartmentName(e.departmentName().orElse(""))
                .setLocationId(e.locationId().map(UUID::toString).orElse(""))
                .setTypeId(e.typeId().toString()).setTypeName(e.typeName())
                .setFromDate(e.from().toString()).setToDate(e.to().toString()).setNote(e.note().orElse(""))
                .setStatus(toProto(e.status()))
                .setAppointmentId(e.appointmentId().map(UUID::toString).orElse(""))
                .setCreatedAt(ProtoTypes.timestamp(e.createdAt()));
        e.offer().ifPresent(o -> b.setOffer(Offer.newBuilder().setDoctorId(o.doctorId().toString()).setDoctorName(o.doctorName())
                .setLocationId(o.locationId().toString()).setLocationName(o.locationName())
                .setStartsAt(ProtoTypes.timestamp(o.startsAt())).setEndsAt(ProtoTypes.timestamp(o.endsAt()))
                .setOfferedAt(ProtoTypes.timestamp(o.offeredAt()))));
        return b.build();
    }

    // Enum mappings are exhaustive switches: a new value on either side fails compilation here.

    public static AppointmentStatus toProto(Status s) {
        return switch (s) {
            case PENDING -> AppointmentStatus.APPOINTMENT_STATUS_PENDING;
            case CONFIRMED -> AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED;
            case CHECKED_IN -> AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN;
            case IN_CONSULTATION -> AppointmentStatus.APPOINTMENT_STATUS_IN_CONSULTATION;
            case COMPLETED -> AppointmentStatus.APPOINTMENT_STATUS_COMPLETED;
            case CANCELLED -> AppointmentStatus.APPOINTMENT_STATUS_CANCELLED;
            case DECLINED -> AppointmentStatus.APPOINTMENT_STATUS_DECLINED;
            case NO_SHOW -> AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW;
        };
    }

    public static Status fromProto(AppointmentStatus s) {
        return switch (s) {
            case APPOINTMENT_STATUS_PENDING -> Status.PENDING;
            case APPOINTMENT_STATUS_CONFIRMED -> Status.CONFIRMED;
            case APPOINTMENT_STATUS_CHECKED_IN -> Status.CHECKED_IN;
            case APPOINTMENT_STATUS_IN_CONSULTATION -> Status.IN_CONSULTATION;
            case APPOINTMENT_STATUS_COMPLETED -> Status.COMPLETED;
            case APPOINTMENT_STATUS_CANCELLED -> Status.CANCELLED;
            case APPOINTMENT_STATUS_DECLINED -> Status.DECLINED;
            case APPOINTMENT_STATUS_NO_SHOW -> Status.NO_SHOW;
            case APPOINTMENT_STATUS_UNSPECIFIED, UNRECOGNIZED ->
                    throw DomainException.InvalidInput.of("statuses", "Unknown appointment status.");
        };
    }

    public static AppointmentEventKind toProto(AppointmentModel.EventKind k) {
        return switch (k) {
            case BOOKED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_BOOKED;
            case REQUESTED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_REQUESTED;
            case CONFIRMED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_CONFIRMED;
            case DECLINED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_DECLINED;
            case MOVED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_MOVED;
            case CANCELLED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_CANCELLED;
            case CHECKED_IN -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_CHECKED_IN;
            case CALLED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_CALLED;
            case COMPLETED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_COMPLETED;
            case NO_SHOW -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_NO_SHOW;
            case UPDATED -> AppointmentEventKind.APPOINTMENT_EVENT_KIND_UPDATED;
        };
    }

    public static WaitingStatus toProto(AppointmentModel.WaitingStatus w) {
        return switch (w) {
            case WAITING -> WaitingStatus.WAITING_STATUS_WAITING;
            case OFFERED -> WaitingStatus.WAITING_STATUS_OFFERED;
            case BOOKED -> WaitingStatus.WAITING_STATUS_BOOKED;
            case REMOVED -> WaitingStatus.WAITING_STATUS_REMOVED;
        };
    }
}
