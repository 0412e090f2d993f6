package org.medconnect.server.staff;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.proto.staff.v1.*;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.staff.StaffModel.DoctorProfileInput;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffModel.StaffMember;
import org.medconnect.server.staff.StaffModel.UserChanges;
import org.medconnect.server.staff.StaffModel.UserQuery;

/** gRPC adapter for {@link StaffService}: proto in, domain call, proto out. */
public final class StaffGrpcService extends StaffServiceGrpc.StaffServiceImplBase {

    private final StaffService staff;
    private final GrpcCalls calls;
    private final String defaultCurrency;

    public StaffGrpcService(StaffService staff, GrpcCalls calls, String defaultCurrency) {
        this.staff = staff;
        this.calls = calls;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public void createUser(CreateUserRequest r, StreamObserver<CreateUserResponse> observer) {
        calls.unary(observer, () -> {
            StaffMember created = staff.createUser(CallContext.principal(), new NewUser(
                    ProtoTypes.requestId(r.getRequestId()), r.getUsername(), r.getDisplayName(), r.getEmail(), r.getPhone(),
                    ProtoTypes.fromProto(r.getRole()), profile(r.hasDoctorProfile(), r.getDoctorProfile()), r.getInitialPassword()));
            return CreateUserResponse.newBuilder().setUser(toProto(created)).build();
        });
    }

    @Override
    public void getUser(GetUserRequest r, StreamObserver<GetUserResponse> observer) {
        calls.unary(observer, () -> GetUserResponse.newBuilder()
                .setUser(toProto(staff.getUser(ProtoTypes.uuid(r.getUserId(), "user_id")))).build());
    }

    @Override
    public void listUsers(ListUsersRequest r, StreamObserver<ListUsersResponse> observer) {
        calls.unary(observer, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = staff.listUsers(new UserQuery(r.getQuery(), ProtoTypes.fromProto(r.getRole()), r.getIncludeInactive(), size, offset));
            var response = ListUsersResponse.newBuilder();
            page.items().forEach(m -> response.addUsers(toProto(m)));
            response.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore()));
            return response.build();
        });
    }

    @Override
    public void updateUser(UpdateUserRequest r, StreamObserver<UpdateUserResponse> observer) {
        calls.unary(observer, () -> UpdateUserResponse.newBuilder().setUser(toProto(staff.updateUser(CallContext.principal(),
                new UserChanges(ProtoTypes.uuid(r.getUserId(), "user_id"), r.getDisplayName(), r.getEmail(), r.getPhone(),
                        ProtoTypes.fromProto(r.getRole()), profile(r.hasDoctorProfile(), r.getDoctorProfile()))))).build());
    }

    @Override
    public void deactivateUser(DeactivateUserRequest r, StreamObserver<DeactivateUserResponse> observer) {
        calls.unary(observer, () -> DeactivateUserResponse.newBuilder().setUser(toProto(
                staff.deactivate(CallContext.principal(), ProtoTypes.uuid(r.getUserId(), "user_id")))).build());
    }

    @Override
    public void reactivateUser(ReactivateUserRequest r, StreamObserver<ReactivateUserResponse> observer) {
        calls.unary(observer, () -> ReactivateUserResponse.newBuilder().setUser(toProto(
                staff.reactivate(CallContext.principal(), ProtoTypes.uuid(r.getUserId(), "user_id")))).build());
    }

    @Override
    public void resetPassword(ResetPasswordRequest r, StreamObserver<ResetPasswordResponse> observer) {
        calls.unary(observer, () -> ResetPasswordResponse.newBuilder().setUser(toProto(staff.resetPassword(
                CallContext.principal(), ProtoTypes.uuid(r.getUserId(), "user_id"), r.getTemporaryPassword()))).build());
    }

    @Override
    public void createDepartment(CreateDepartmentRequest r, StreamObserver<CreateDepartmentResponse> observer) {
        calls.unary(observer, () -> CreateDepartmentResponse.newBuilder().setDepartment(toProto(staff.createDepartment(
                CallContext.principal().userId(), ProtoTypes.requestId(r.getRequestId()), r.getName()))).build());
    }

    @Override
    public void renameDepartment(RenameDepartmentRequest r, StreamObserver<RenameDepartmentResponse> observer) {
        calls.unary(observer, () -> RenameDepartmentResponse.newBuilder().setDepartment(toProto(staff.renameDepartment(
                CallContext.principal(), ProtoTypes.uuid(r.getDepartmentId(), "department_id"), r.getName()))).build());
    }

    @Override
    public void listDepartments(ListDepartmentsRequest r, StreamObserver<ListDepartmentsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListDepartmentsResponse.newBuilder();
            staff.listDepartments(r.getIncludeRetired()).forEach(d -> response.addDepartments(toProto(d)));
            return response.build();
        });
    }

    @Override
    public void retireDepartment(RetireDepartmentRequest r, StreamObserver<RetireDepartmentResponse> observer) {
        calls.unary(observer, () -> RetireDepartmentResponse.newBuilder().setDepartment(toProto(staff.retireDepartment(
                CallContext.principal(), ProtoTypes.uuid(r.getDepartmentId(), "department_id")))).build());
    }

    private Optional<DoctorProfileInput> profile(boolean present, DoctorProfile p) {
        if (!present) {
            return Optional.empty();
        }
        String currency = p.getConsultationFee().getCurrencyCode().isBlank() ? defaultCurrency : p.getConsultationFee().getCurrencyCode().strip();
        return Optional.of(new DoctorProfileInput(p.getSpecialization(), p.getDepartmentId(), p.getQualification(),
                p.getYearsOfExperience(), p.getConsultationFee().getMinorUnits(), currency, p.getRegistrationNumber()));
    }


    static StaffUser toProto(StaffMember m) {
        StaffUser.Builder b = StaffUser.newBuilder()
                .setUserId(m.id().toString())
                .setUsername(m.username())
                .setDisplayName(m.displayName())
                .setEmail(m.email())
                .setPhone(m.phone().orElse(""))
                .setRole(ProtoTypes.toProto(m.role()))
                .setActive(m.active())
                .setPasswordChangeRequired(m.passwordChangeRequired())
                .setCreatedAt(ProtoTypes.timestamp(m.createdAt()));
        m.lastSignInAt().ifPresent(t -> b.setLastSignInAt(ProtoTypes.timestamp(t)));
        m.lockedUntil().ifPresent(t -> b.setLockedUntil(ProtoTypes.timestamp(t)));
        m.doctorProfile().ifPresent(p -> b.setDoctorProfile(DoctorProfile.newBuilder()
                .setSpecialization(p.specialization())
                .setDepartmentId(p.departmentId().toString())
                .setDepartmentName(p.departmentName())
                .setQualification(p.qualification())
                .setYearsOfExperience(p.yearsOfExperience())
                .setRegistrationNumber(p.registrationNumber())
                .setConsultationFee(Money.newBuilder().setCurrencyCode(p.currency()).setMinorUnits(p.feeMinorUnits()))));
        return b.build();
    }

    static Department toProto(StaffModel.Department d) {
        return Department.newBuilder()
                .setDepartmentId(d.id().toString())
                .setName(d.name())
                .setRetired(d.retired())
                .setDoctorCount(d.doctorCount())
                .build();
    }
}
