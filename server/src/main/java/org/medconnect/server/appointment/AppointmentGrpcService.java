package org.medconnect.server.appointment;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.medconnect.proto.appointment.v1.*;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.server.appointment.AppointmentModel.AbsenceMode;
import org.medconnect.server.appointment.AppointmentModel.AbsenceRequest;
import org.medconnect.server.appointment.AppointmentModel.AbsenceResult;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.PatientBrief;
import org.medconnect.server.appointment.AppointmentModel.WaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.WatchFilter;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.shared.appointment.StatusMoves.Status;

/** gRPC adapter for {@link AppointmentService}, {@link DoctorAbsenceService} and {@link WaitingListService}: proto in, domain call, proto out. */
public final class AppointmentGrpcService extends AppointmentServiceGrpc.AppointmentServiceImplBase {

    private final AppointmentService appointments;
    private final DoctorAbsenceService absences;
    private final WaitingListService waiting;
    private final AppointmentFeed feed;
    private final GrpcCalls calls;

    public AppointmentGrpcService(AppointmentService appointments, DoctorAbsenceService absences, WaitingListService waiting,
                                  AppointmentFeed feed, GrpcCalls calls) {
        this.appointments = appointments;
        this.absences = absences;
        this.waiting = waiting;
        this.feed = feed;
        this.calls = calls;
    }

    @Override
    public void bookAppointment(BookAppointmentRequest r, StreamObserver<BookAppointmentResponse> observer) {
        calls.unary(observer, () -> {
            UUID requestId = ProtoTypes.requestId(r.getRequestId())
                    .orElseThrow(() -> DomainException.InvalidInput.of("request_id", "A request id is required."));
            var booked = appointments.book(CallContext.principal(), new BookingRequest(requestId,
                    ProtoTypes.uuid(r.getPatientId(), "patient_id"), ProtoTypes.uuid(r.getDoctorId(), "doctor_id"),
                    ProtoTypes.uuid(r.getLocationId(), "location_id"), ProtoTypes.uuid(r.getAppointmentTypeId(), "appointment_type_id"),
                    ProtoTypes.instant(r.getStartsAt(), r.hasStartsAt(), "starts_at"), text(r.getReason())));
            return BookAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(booked)).build();
        });
    }

    @Override
    public void getAppointment(GetAppointmentRequest r, StreamObserver<GetAppointmentResponse> observer) {
        calls.unary(observer, () -> GetAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.get(CallContext.principal(), ProtoTypes.uuid(r.getAppointmentId(), "appointment_id")))).build());
    }

    @Override
    public void listAppointments(ListAppointmentsRequest r, StreamObserver<ListAppointmentsResponse> observer) {
        calls.unary(observer, () -> {
            Set<UUID> doctors = new HashSet<>();
            r.getDoctorIdsList().forEach(id -> doctors.add(ProtoTypes.uuid(id, "doctor_ids")));
            Set<Status> statuses = EnumSet.noneOf(Status.class);
            r.getStatusesList().forEach(s -> statuses.add(AppointmentProtos.fromProto(s)));
            var list = appointments.list(CallContext.principal(), new ListQuery(
                    ProtoTypes.instant(r.getFrom(), r.hasFrom(), "from"), ProtoTypes.instant(r.getTo(), r.hasTo(), "to"),
                    ProtoTypes.optionalUuid(r.getLocationId(), "location_id"), ProtoTypes.optionalUuid(r.getDepartmentId(), "department_id"),
                    doctors, ProtoTypes.optionalUuid(r.getPatientId(), "patient_id"), statuses));
            var response = ListAppointmentsResponse.newBuilder();
            boolean board = r.getView() == AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD;
            list.forEach(a -> response.addAppointments(board ? AppointmentProtos.toBoardProto(a) : AppointmentProtos.toProto(a)));
            return response.build();
        });
    }

    @Override
    public void watchAppointments(WatchAppointmentsRequest r, StreamObserver<WatchAppointmentsResponse> observer) {
        var stream = (ServerCallStreamObserver<WatchAppointmentsResponse>) observer;
        Principal actor = CallContext.principal();
        calls.stream(observer, () -> {
            Set<UUID> doctors = new HashSet<>();
            r.getDoctorIdsList().forEach(id -> doctors.add(ProtoTypes.uuid(id, "doctor_ids")));
            var filter = new WatchFilter(ProtoTypes.optionalUuid(r.getLocationId(), "location_id"), doctors,
                    r.hasFrom() ? Optional.of(ProtoTypes.instant(r.getFrom(), true, "from")) : Optional.empty(),
                    r.hasTo() ? Optional.of(ProtoTypes.instant(r.getTo(), true, "to")) : Optional.empty());
            feed.watch(actor, filter, r.hasAfterSequence() ? OptionalLong.of(r.getAfterSequence()) : OptionalLong.empty(),
                    new AppointmentFeed.Sink() {
                        @Override
                        public boolean isReady() {
                            return stream.isReady() && !stream.isCancelled();
                        }

                        @Override
                        public void event(AppointmentFeed.Delivery d, AppointmentVisibility.View view) {
                            stream.onNext(d.encoded(view, AppointmentProtos::toProto));
                        }

                        @Override
                        public void checkpoint(long sequence, boolean live) {
                            stream.onNext(WatchAppointmentsResponse.newBuilder()
                                    .setCheckpoint(WatchCheckpoint.newBuilder().setSequence(sequence).setLive(live)).build());
                        }

                        @Override
                        public void fail(DomainException error) {
                            calls.fail(observer, error);
                        }

                        @Override
                        public void onReady(Runnable handler) {
                            stream.setOnReadyHandler(handler);
                        }

                        @Override
                        public void onCancel(Runnable handler) {
                            stream.setOnCancelHandler(handler);
                        }
                    });
        });
    }

    @Override
    public void getAppointmentHistory(GetAppointmentHistoryRequest r, StreamObserver<GetAppointmentHistoryResponse> observer) {
        calls.unary(observer, () -> {
            var response = GetAppointmentHistoryResponse.newBuilder();
            appointments.history(CallContext.principal(), ProtoTypes.uuid(r.getAppointmentId(), "appointment_id")).forEach(h -> {
                var e = HistoryEntry.newBuilder().setOccurredAt(ProtoTypes.timestamp(h.occurredAt())).setAction(h.action())
                        .setActorName(h.actorName().orElse("MedConnect")).setDetail(h.detail().orElse(""));
                h.fromStatus().ifPresent(s -> e.setFromStatus(AppointmentProtos.toProto(s)));
                h.toStatus().ifPresent(s -> e.setToStatus(AppointmentProtos.toProto(s)));
                response.addEntries(e);
            });
            return response.build();
        });
    }

    @Override
    public void confirmAppointment(ConfirmAppointmentRequest r, StreamObserver<ConfirmAppointmentResponse> observer) {
        calls.unary(observer, () -> ConfirmAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.confirm(CallContext.principal(), id(r.getAppointmentId())))).build());
    }

    @Override
    public void declineAppointment(DeclineAppointmentRequest r, StreamObserver<DeclineAppointmentResponse> observer) {
        calls.unary(observer, () -> DeclineAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.decline(CallContext.principal(), id(r.getAppointmentId()), r.getReason()))).build());
    }

    @Override
    public void cancelAppointment(CancelAppointmentRequest r, StreamObserver<CancelAppointmentResponse> observer) {
        calls.unary(observer, () -> CancelAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.cancel(CallContext.principal(), id(r.getAppointmentId()), r.getReason()))).build());
    }

    @Override
    public void rescheduleAppointment(RescheduleAppointmentRequest r, StreamObserver<RescheduleAppointmentResponse> observer) {
        calls.unary(observer, () -> RescheduleAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.reschedule(CallContext.principal(), id(r.getAppointmentId()),
                        ProtoTypes.instant(r.getNewStartsAt(), r.hasNewStartsAt(), "new_starts_at"),
                        ProtoTypes.optionalUuid(r.getNewDoctorId(), "new_doctor_id"),
                        ProtoTypes.optionalUuid(r.getNewLocationId(), "new_location_id")))).build());
    }

    @Override
    public void checkInAppointment(CheckInAppointmentRequest r, StreamObserver<CheckInAppointmentResponse> observer) {
        calls.unary(observer, () -> CheckInAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.checkIn(CallContext.principal(), id(r.getAppointmentId())))).build());
    }

    @Override
    public void startConsultation(StartConsultationRequest r, StreamObserver<StartConsultationResponse> observer) {
        calls.unary(observer, () -> StartConsultationResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.startConsultation(CallContext.principal(), id(r.getAppointmentId())))).build());
    }

    @Override
    public void completeAppointment(CompleteAppointmentRequest r, StreamObserver<CompleteAppointmentResponse> observer) {
        calls.unary(observer, () -> CompleteAppointmentResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.complete(CallContext.principal(), id(r.getAppointmentId())))).build());
    }

    @Override
    public void markNoShow(MarkNoShowRequest r, StreamObserver<MarkNoShowResponse> observer) {
        calls.unary(observer, () -> MarkNoShowResponse.newBuilder().setAppointment(AppointmentProtos.toProto(
                appointments.markNoShow(CallContext.principal(), id(r.getAppointmentId())))).build());
    }

    @Override
    public void undoStatusMove(UndoStatusMoveRequest r, StreamObserver<UndoStatusMoveResponse> observer) {
        calls.unary(observer, () -> {
            if (r.getUndoStatus() == AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED) {
                throw DomainException.InvalidInput.of("undo_status", "Say which move to undo: check-in, no-show or completion.");
            }
            return UndoStatusMoveResponse.newBuilder().setAppointment(AppointmentProtos.toProto(appointments.undo(
                    CallContext.principal(), id(r.getAppointmentId()), AppointmentProtos.fromProto(r.getUndoStatus())))).build();
        });
    }

    @Override
    public void handleDoctorAbsence(HandleDoctorAbsenceRequest r, StreamObserver<HandleDoctorAbsenceResponse> observer) {
        calls.unary(observer, () -> {
            AbsenceMode mode = switch (r.getMode()) {
                case ABSENCE_MODE_MOVE_TO_COLLEAGUES -> AbsenceMode.MOVE_TO_COLLEAGUES;
                case ABSENCE_MODE_CANCEL -> AbsenceMode.CANCEL;
                default -> throw DomainException.InvalidInput.of("mode", "Choose to move or to cancel the appointments.");
            };
            AbsenceResult result = absences.handleAbsence(CallContext.principal(), new AbsenceRequest(
                    ProtoTypes.uuid(r.getDoctorId(), "doctor_id"), ProtoTypes.localDate(r.getFromDate(), "from_date"),
                    ProtoTypes.localDate(r.getToDate(), "to_date"), mode, r.getReason(), r.getDryRun(),
                    r.getOnlyAppointmentIdsList().stream().map(id -> ProtoTypes.uuid(id, "only_appointment_ids"))
                            .collect(java.util.stream.Collectors.toUnmodifiableSet())));
            var response = HandleDoctorAbsenceResponse.newBuilder().setMovedCount(result.moved())
                    .setCancelledCount(result.cancelled()).setNotMovedCount(result.notMoved());
            result.outcomes().forEach(o -> response.addOutcomes(AbsenceOutcome.newBuilder()
                    .setAppointment(AppointmentProtos.toProto(o.appointment())).setDone(o.done()).setWhyNot(o.whyNot().orElse(""))));
            return response.build();
        });
    }

    @Override
    public void addToWaitingList(AddToWaitingListRequest r, StreamObserver<AddToWaitingListResponse> observer) {
        calls.unary(observer, () -> {
            UUID requestId = ProtoTypes.requestId(r.getRequestId())
                    .orElseThrow(() -> DomainException.InvalidInput.of("request_id", "A request id is required."));
            WaitingEntry e = waiting.add(CallContext.principal(), new NewWaitingEntry(requestId,
                    ProtoTypes.uuid(r.getPatientId(), "patient_id"), ProtoTypes.optionalUuid(r.getDoctorId(), "doctor_id"),
                    ProtoTypes.optionalUuid(r.getDepartmentId(), "department_id"), ProtoTypes.optionalUuid(r.getLocationId(), "location_id"),
                    ProtoTypes.uuid(r.getAppointmentTypeId(), "appointment_type_id"), ProtoTypes.localDate(r.getFromDate(), "from_date"),
                    ProtoTypes.localDate(r.getToDate(), "to_date"), text(r.getNote())));
            return AddToWaitingListResponse.newBuilder().setEntry(AppointmentProtos.toProto(e)).build();
        });
    }

    @Override
    public void listWaitingList(ListWaitingListRequest r, StreamObserver<ListWaitingListResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListWaitingListResponse.newBuilder();
            waiting.open(ProtoTypes.optionalUuid(r.getDoctorId(), "doctor_id"), ProtoTypes.optionalUuid(r.getDepartmentId(), "department_id"))
                    .forEach(e -> response.addEntries(AppointmentProtos.toProto(e)));
            return response.build();
        });
    }

    @Override
    public void bookWaitingListOffer(BookWaitingListOfferRequest r, StreamObserver<BookWaitingListOfferResponse> observer) {
        calls.unary(observer, () -> {
            UUID requestId = ProtoTypes.requestId(r.getRequestId())
                    .orElseThrow(() -> DomainException.InvalidInput.of("request_id", "A request id is required."));
            UUID entryId = ProtoTypes.uuid(r.getEntryId(), "entry_id");
            var booked = waiting.bookOffer(CallContext.principal(), entryId, requestId, text(r.getReason()));
            return BookWaitingListOfferResponse.newBuilder().setAppointment(AppointmentProtos.toProto(booked))
                    .setEntry(AppointmentProtos.toProto(waiting.get(entryId))).build();
        });
    }

    @Override
    public void declineWaitingListOffer(DeclineWaitingListOfferRequest r, StreamObserver<DeclineWaitingListOfferResponse> observer) {
        calls.unary(observer, () -> DeclineWaitingListOfferResponse.newBuilder().setEntry(AppointmentProtos.toProto(
                waiting.declineOffer(CallContext.principal(), ProtoTypes.uuid(r.getEntryId(), "entry_id")))).build());
    }

    @Override
    public void removeFromWaitingList(RemoveFromWaitingListRequest r, StreamObserver<RemoveFromWaitingListResponse> observer) {
        calls.unary(observer, () -> {
            waiting.remove(CallContext.principal(), ProtoTypes.uuid(r.getEntryId(), "entry_id"));
            return RemoveFromWaitingListResponse.getDefaultInstance();
        });
    }

    // ---- mapping ----

    private static UUID id(String raw) {
        return ProtoTypes.uuid(raw, "appointment_id");
    }

    private static Optional<String> text(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }
}
