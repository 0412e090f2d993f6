package org.medconnect.server.queue;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.queue.v1.BoardDoctor;
import org.medconnect.proto.queue.v1.CallNextPatientRequest;
import org.medconnect.proto.queue.v1.CallNextPatientResponse;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardRequest;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardResponse;
import org.medconnect.proto.queue.v1.QueueReorder;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.queue.v1.ReorderQueueRequest;
import org.medconnect.proto.queue.v1.ReorderQueueResponse;
import org.medconnect.server.appointment.AppointmentProtos;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.queue.QueueModel.Called;
import org.medconnect.server.queue.QueueModel.DoctorQueue;
import org.medconnect.server.queue.QueueModel.Reorder;
import org.medconnect.server.queue.QueueModel.ReorderResult;

/** gRPC adapter for {@link QueueService}: proto in, domain call, proto out. */
public final class QueueGrpcService extends QueueServiceGrpc.QueueServiceImplBase {

    private final QueueService queue;
    private final GrpcCalls calls;

    public QueueGrpcService(QueueService queue, GrpcCalls calls) {
        this.queue = queue;
        this.calls = calls;
    }

    @Override
    public void getDoctorQueue(GetDoctorQueueRequest r, StreamObserver<GetDoctorQueueResponse> observer) {
        calls.unary(observer, () -> {
            DoctorQueue q = queue.doctorQueue(CallContext.principal(), ProtoTypes.optionalUuid(r.getDoctorId(), "doctor_id"),
                    r.getClinicDay().isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(r.getClinicDay(), "clinic_day")));
            var response = GetDoctorQueueResponse.newBuilder().setDoctorId(q.doctorId().toString()).setDoctorName(q.doctorName())
                    .setClinicDay(q.day().toString()).setLastToken(q.lastToken());
            q.serving().ifPresent(a -> response.setServing(toProto(a)));
            q.waiting().forEach(a -> response.addWaiting(toProto(a)));
            q.reorders().forEach(o -> response.addReorders(toProto(o)));
            return response.build();
        });
    }

    @Override
    public void callNextPatient(CallNextPatientRequest r, StreamObserver<CallNextPatientResponse> observer) {
        calls.unary(observer, () -> {
            Called c = queue.callNext(CallContext.principal(), ProtoTypes.optionalUuid(r.getDoctorId(), "doctor_id"));
            return CallNextPatientResponse.newBuilder().setAppointment(toProto(c.appointment()))
                    .setTokenNumber(c.tokenNumber()).setRoomName(c.roomName().orElse("")).setAnnouncement(c.announcement()).build();
        });
    }

    @Override
    public void reorderQueue(ReorderQueueRequest r, StreamObserver<ReorderQueueResponse> observer) {
        calls.unary(observer, () -> {
            ReorderResult result = queue.reorder(CallContext.principal(), ProtoTypes.uuid(r.getAppointmentId(), "appointment_id"),
                    r.getToPlace(), r.getReason());
            var response = ReorderQueueResponse.newBuilder().setReorder(toProto(result.reorder()));
            result.waiting().forEach(a -> response.addWaiting(toProto(a)));
            return response.build();
        });
    }

    @Override
    public void getWaitingRoomBoard(GetWaitingRoomBoardRequest r, StreamObserver<GetWaitingRoomBoardResponse> observer) {
        calls.unary(observer, () -> {
            var board = queue.board(CallContext.principal(), ProtoTypes.uuid(r.getLocationId(), "location_id"), r.getNextCount());
            var response = GetWaitingRoomBoardResponse.newBuilder().setLocationId(board.locationId().toString())
                    .setLocationName(board.locationName()).setClinicDay(board.day().toString())
                    .setGeneratedAt(ProtoTypes.timestamp(board.generatedAt()));
            board.doctors().forEach(d -> response.addDoctors(BoardDoctor.newBuilder().setDoctorId(d.doctorId().toString())
                    .setDoctorName(d.doctorName()).setRoomName(d.roomName().orElse("")).setServingToken(d.servingToken().orElse(0))
                    .addAllNextTokens(d.nextTokens()).setWaitingCount(d.waitingCount())));
            return response.build();
        });
    }

    /** The service has already applied what the caller may see (decision 0018). */
    private static Appointment toProto(org.medconnect.server.appointment.AppointmentModel.Appointment a) {
        return AppointmentProtos.toProto(a);
    }

    private static QueueReorder toProto(Reorder o) {
        return QueueReorder.newBuilder().setOccurredAt(ProtoTypes.timestamp(o.occurredAt())).setActorName(o.actorName())
                .setAppointmentId(o.appointmentId().toString()).setTokenNumber(o.tokenNumber()).setFromPlace(o.fromPlace())
                .setToPlace(o.toPlace()).setReason(o.reason()).build();
    }
}
