package org.medconnect.server.chart.plan;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.chart.v1.*;
import org.medconnect.server.chart.plan.PlanModel.CarePlan;
import org.medconnect.server.chart.plan.PlanModel.CarePlanEdit;
import org.medconnect.server.chart.plan.PlanModel.Due;
import org.medconnect.server.chart.plan.PlanModel.FollowUp;
import org.medconnect.server.chart.plan.PlanModel.NewCarePlan;
import org.medconnect.server.chart.plan.PlanModel.NewColleagueReferral;
import org.medconnect.server.chart.plan.PlanModel.NewFollowUp;
import org.medconnect.server.chart.plan.PlanModel.NewOutsideReferral;
import org.medconnect.server.chart.plan.PlanModel.Referral;
import org.medconnect.server.chart.plan.PlanModel.Urgency;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link PlanService}: proto in, domain call, proto out. */
public final class PlanGrpcService extends PlanServiceGrpc.PlanServiceImplBase {

    private final PlanService plans;
    private final GrpcCalls calls;

    public PlanGrpcService(PlanService plans, GrpcCalls calls) {
        this.plans = plans;
        this.calls = calls;
    }

    @Override
    public void addCarePlan(AddCarePlanRequest r, StreamObserver<AddCarePlanResponse> o) {
        calls.unary(o, () -> AddCarePlanResponse.newBuilder().setCarePlan(toProto(plans.addCarePlan(CallContext.principal(),
                new NewCarePlan(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        r.getTitle(), r.getDetails())))).build());
    }

    @Override
    public void updateCarePlan(UpdateCarePlanRequest r, StreamObserver<UpdateCarePlanResponse> o) {
        calls.unary(o, () -> UpdateCarePlanResponse.newBuilder().setCarePlan(toProto(plans.updateCarePlan(CallContext.principal(),
                new CarePlanEdit(ProtoTypes.uuid(r.getCarePlanId(), "care_plan_id"), version(r.getExpectedVersion()), r.getTitle(),
                        r.getDetails())))).build());
    }

    @Override
    public void completeCarePlan(CompleteCarePlanRequest r, StreamObserver<CompleteCarePlanResponse> o) {
        calls.unary(o, () -> CompleteCarePlanResponse.newBuilder().setCarePlan(toProto(plans.completeCarePlan(CallContext.principal(),
                ProtoTypes.uuid(r.getCarePlanId(), "care_plan_id"), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void markCarePlanEnteredInError(MarkCarePlanEnteredInErrorRequest r, StreamObserver<MarkCarePlanEnteredInErrorResponse> o) {
        calls.unary(o, () -> MarkCarePlanEnteredInErrorResponse.newBuilder().setCarePlan(toProto(plans.markCarePlanEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getCarePlanId(), "care_plan_id"), version(r.getExpectedVersion()),
                r.getReason()))).build());
    }

    @Override
    public void listCarePlans(ListCarePlansRequest r, StreamObserver<ListCarePlansResponse> o) {
        calls.unary(o, () -> {
            var b = ListCarePlansResponse.newBuilder();
            plans.listCarePlans(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"))
                    .forEach(p -> b.addCarePlans(toProto(p)));
            return b.build();
        });
    }

    @Override
    public void referToColleague(ReferToColleagueRequest r, StreamObserver<ReferToColleagueResponse> o) {
        calls.unary(o, () -> ReferToColleagueResponse.newBuilder().setReferral(toProto(plans.referToColleague(CallContext.principal(),
                new NewColleagueReferral(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        ProtoTypes.uuid(r.getToDoctorId(), "to_doctor_id"), r.getReason(), urgency(r.getUrgency()))))).build());
    }

    @Override
    public void referOutside(ReferOutsideRequest r, StreamObserver<ReferOutsideResponse> o) {
        calls.unary(o, () -> ReferOutsideResponse.newBuilder().setReferral(toProto(plans.referOutside(CallContext.principal(),
                new NewOutsideReferral(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        r.getProviderName(), r.getAddress(), r.getReason(), urgency(r.getUrgency()))))).build());
    }

    @Override
    public void getReferralLetter(GetReferralLetterRequest r, StreamObserver<GetReferralLetterResponse> o) {
        calls.unary(o, () -> {
            var letter = plans.referralLetter(CallContext.principal(), ProtoTypes.uuid(r.getReferralId(), "referral_id"));
            return GetReferralLetterResponse.newBuilder().setPdf(ByteString.copyFrom(letter.pdf())).setFileName(letter.fileName()).build();
        });
    }

    @Override
    public void listReferrals(ListReferralsRequest r, StreamObserver<ListReferralsResponse> o) {
        calls.unary(o, () -> {
            var b = ListReferralsResponse.newBuilder();
            plans.listReferrals(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"))
                    .forEach(x -> b.addReferrals(toProto(x)));
            return b.build();
        });
    }

    @Override
    public void listMyReferrals(ListMyReferralsRequest r, StreamObserver<ListMyReferralsResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = plans.listMyReferrals(CallContext.principal(), size, offset);
            var b = ListMyReferralsResponse.newBuilder();
            page.items().forEach(x -> b.addReferrals(toProto(x)));
            return b.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    @Override
    public void acceptReferral(AcceptReferralRequest r, StreamObserver<AcceptReferralResponse> o) {
        calls.unary(o, () -> AcceptReferralResponse.newBuilder().setReferral(toProto(plans.acceptReferral(CallContext.principal(),
                ProtoTypes.uuid(r.getReferralId(), "referral_id"), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void completeReferral(CompleteReferralRequest r, StreamObserver<CompleteReferralResponse> o) {
        calls.unary(o, () -> CompleteReferralResponse.newBuilder().setReferral(toProto(plans.completeReferral(CallContext.principal(),
                ProtoTypes.uuid(r.getReferralId(), "referral_id"), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void cancelReferral(CancelReferralRequest r, StreamObserver<CancelReferralResponse> o) {
        calls.unary(o, () -> CancelReferralResponse.newBuilder().setReferral(toProto(plans.cancelReferral(CallContext.principal(),
                ProtoTypes.uuid(r.getReferralId(), "referral_id"), version(r.getExpectedVersion())))).build());
    }

    @Override
    public void recommendFollowUp(RecommendFollowUpRequest r, StreamObserver<RecommendFollowUpResponse> o) {
        calls.unary(o, () -> {
            Optional<Due> due = switch (r.getDueCase()) {
                case DUE_IN_DAYS -> Optional.of(new Due.InDays(r.getDueInDays()));
                case DUE_IN_WEEKS -> Optional.of(new Due.InWeeks(r.getDueInWeeks()));
                case DUE_ON -> Optional.of(new Due.On(ProtoTypes.localDate(r.getDueOn(), "due_on")));
                case DUE_NOT_SET -> Optional.empty();
            };
            return RecommendFollowUpResponse.newBuilder().setFollowUp(toProto(plans.recommendFollowUp(CallContext.principal(),
                    new NewFollowUp(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"), due,
                            r.getNote())))).build();
        });
    }

    @Override
    public void listFollowUps(ListFollowUpsRequest r, StreamObserver<ListFollowUpsResponse> o) {
        calls.unary(o, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = plans.listFollowUps(CallContext.principal(), ProtoTypes.optionalUuid(r.getPatientId(), "patient_id"), size, offset);
            var b = ListFollowUpsResponse.newBuilder();
            page.items().forEach(x -> b.addFollowUps(toProto(x)));
            return b.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore())).build();
        });
    }

    @Override
    public void markFollowUpBooked(MarkFollowUpBookedRequest r, StreamObserver<MarkFollowUpBookedResponse> o) {
        calls.unary(o, () -> MarkFollowUpBookedResponse.newBuilder().setFollowUp(toProto(plans.markFollowUpBooked(CallContext.principal(),
                ProtoTypes.uuid(r.getFollowUpId(), "follow_up_id"), version(r.getExpectedVersion()),
                ProtoTypes.uuid(r.getAppointmentId(), "appointment_id")))).build());
    }

    @Override
    public void dismissFollowUp(DismissFollowUpRequest r, StreamObserver<DismissFollowUpResponse> o) {
        calls.unary(o, () -> DismissFollowUpResponse.newBuilder().setFollowUp(toProto(plans.dismissFollowUp(CallContext.principal(),
                ProtoTypes.uuid(r.getFollowUpId(), "follow_up_id"), version(r.getExpectedVersion()), r.getReason()))).build());
    }

    static int version(int v) {
        if (v < 1) {
            throw DomainException.InvalidInput.of("expected_version", "Send the version you started from (1 or more).");
        }
        return v;
    }

    static Urgency urgency(ReferralUrgency u) {
        return switch (u) {
            case REFERRAL_URGENCY_URGENT -> Urgency.URGENT;
            case REFERRAL_URGENCY_ROUTINE, REFERRAL_URGENCY_UNSPECIFIED -> Urgency.ROUTINE;
            default -> throw DomainException.InvalidInput.of("urgency", "Pick routine or urgent.");
        };
    }

    static org.medconnect.proto.chart.v1.CarePlan toProto(CarePlan p) {
        return org.medconnect.proto.chart.v1.CarePlan.newBuilder()
                .setId(p.id().toString()).setPatientId(p.patientId().toString()).setTitle(p.title()).setDetails(p.details())
                .setStatus(CarePlanStatus.valueOf("CARE_PLAN_STATUS_" + p.status().name()))
                .setErrorReason(p.errorReason().orElse("")).setVersion(p.version())
                .setCreatedByName(p.createdByName()).setCreatedAt(ProtoTypes.timestamp(p.createdAt()))
                .setUpdatedByName(p.updatedByName()).setUpdatedAt(ProtoTypes.timestamp(p.updatedAt()))
                .build();
    }

    static org.medconnect.proto.chart.v1.Referral toProto(Referral r) {
        return org.medconnect.proto.chart.v1.Referral.newBuilder()
                .setId(r.id().toString()).setPatientId(r.patientId().toString()).setPatientName(r.patientName())
                .setPatientMrn(r.patientMrn()).setFromDoctorId(r.fromDoctorId().toString()).setFromDoctorName(r.fromDoctorName())
                .setToDoctorId(r.toDoctorId().map(Object::toString).orElse("")).setToDoctorName(r.toDoctorName().orElse(""))
                .setToExternal(r.toExternal().orElse("")).setReason(r.reason())
                .setUrgency(ReferralUrgency.valueOf("REFERRAL_URGENCY_" + r.urgency().name()))
                .setStatus(ReferralStatus.valueOf("REFERRAL_STATUS_" + r.status().name()))
                .setVersion(r.version()).setCreatedAt(ProtoTypes.timestamp(r.createdAt())).setUpdatedAt(ProtoTypes.timestamp(r.updatedAt()))
                .setHasLetter(r.hasLetter())
                .build();
    }

    static org.medconnect.proto.chart.v1.FollowUp toProto(FollowUp f) {
        return org.medconnect.proto.chart.v1.FollowUp.newBuilder()
                .setId(f.id().toString()).setPatientId(f.patientId().toString()).setPatientName(f.patientName())
                .setPatientMrn(f.patientMrn()).setPatientPhone(f.patientPhone().orElse(""))
                .setDoctorId(f.doctorId().toString()).setDoctorName(f.doctorName()).setDueOn(f.dueOn().toString())
                .setNote(f.note().orElse("")).setStatus(FollowUpStatus.valueOf("FOLLOW_UP_STATUS_" + f.status().name()))
                .setAppointmentId(f.appointmentId().map(Object::toString).orElse(""))
                .setDismissReason(f.dismissReason().orElse("")).setVersion(f.version())
                .setCreatedAt(ProtoTypes.timestamp(f.createdAt()))
                .build();
    }
}
