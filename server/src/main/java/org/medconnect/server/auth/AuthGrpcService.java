package org.medconnect.server.auth;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentResponse;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentResponse;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusRequest;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusResponse;
import org.medconnect.proto.auth.v1.PasswordResetDelivery;
import org.medconnect.proto.auth.v1.RegenerateRecoveryCodesRequest;
import org.medconnect.proto.auth.v1.RegenerateRecoveryCodesResponse;
import org.medconnect.proto.auth.v1.RequestPasswordResetCodeRequest;
import org.medconnect.proto.auth.v1.RequestPasswordResetCodeResponse;
import org.medconnect.proto.auth.v1.ResetPasswordWithCodeRequest;
import org.medconnect.proto.auth.v1.ResetPasswordWithCodeResponse;
import org.medconnect.proto.auth.v1.StepUpRequest;
import org.medconnect.proto.auth.v1.StepUpResponse;
import org.medconnect.proto.auth.v1.VerifySecondFactorRequest;
import org.medconnect.proto.auth.v1.VerifySecondFactorResponse;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.ChangePasswordRequest;
import org.medconnect.proto.auth.v1.ChangePasswordResponse;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.shared.locale.ClinicLocale;
import org.medconnect.proto.auth.v1.SignOutRequest;
import org.medconnect.proto.auth.v1.SignOutResponse;
import org.medconnect.proto.auth.v1.WhoAmIRequest;
import org.medconnect.proto.auth.v1.WhoAmIResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link AuthService}. */
public final class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private final AuthService auth;
    private final SecondFactorService secondFactor;
    private final GrpcCalls calls;

    private final java.time.ZoneId clinicZone;
    private final ClinicLocale clinicLocale;

    /** {@code clinicZone} and {@code clinicLocale} go to every workstation at sign-in: one clinic clock and date format. */
    public AuthGrpcService(AuthService auth, SecondFactorService secondFactor, GrpcCalls calls, java.time.ZoneId clinicZone, ClinicLocale clinicLocale) {
        this.auth = auth;
        this.secondFactor = secondFactor;
        this.calls = calls;
        this.clinicZone = clinicZone;
        this.clinicLocale = clinicLocale;
    }

    @Override
    public void signIn(SignInRequest request, StreamObserver<SignInResponse> observer) {
        calls.unary(observer, () -> {
            var signedIn = auth.signIn(request.getUsername(), request.getPassword(),
                    request.getWorkstation().isBlank() ? null : request.getWorkstation().strip(), CallContext.clientAddress());
            return toProto(signedIn);
        });
    }

    private SignInResponse toProto(AuthService.SignedIn signedIn) {
        return SignInResponse.newBuilder()
                .setSessionToken(signedIn.token())
                .setPrincipal(toProto(signedIn.principal()))
                .setIdleTimeoutSeconds((int) signedIn.idleTimeout().toSeconds())
                .setExpiresAt(ProtoTypes.timestamp(signedIn.expiresAt()))
                .setClinicTimeZone(clinicZone.getId())
                .setClinicLocale(clinicLocale.languageTag())
                .setDatePattern(clinicLocale.datePattern())
                .setFirstDayOfWeek(clinicLocale.firstDayOfWeek().getValue())
                .setSecondFactorStep(switch (signedIn.step()) {
                    case NONE -> org.medconnect.proto.auth.v1.SecondFactorStep.SECOND_FACTOR_STEP_UNSPECIFIED;
                    case VERIFY -> org.medconnect.proto.auth.v1.SecondFactorStep.SECOND_FACTOR_STEP_VERIFY;
                    case ENROL -> org.medconnect.proto.auth.v1.SecondFactorStep.SECOND_FACTOR_STEP_ENROL;
                })
                .build();
    }

    @Override
    public void verifySecondFactor(VerifySecondFactorRequest request, StreamObserver<VerifySecondFactorResponse> observer) {
        calls.unary(observer, () -> {
            var verified = secondFactor.verifySignIn(CallContext.principal(), request.getCode(), request.getRecoveryCode(),
                    CallContext.clientAddress());
            return VerifySecondFactorResponse.newBuilder().setSession(toProto(verified.session()))
                    .setRecoveryCodesLeft(verified.recoveryCodesLeft()).build();
        });
    }

    @Override
    public void beginTotpEnrolment(BeginTotpEnrolmentRequest request, StreamObserver<BeginTotpEnrolmentResponse> observer) {
        calls.unary(observer, () -> {
            var enrolment = secondFactor.beginEnrolment(CallContext.principal());
            return BeginTotpEnrolmentResponse.newBuilder().setOtpauthUri(enrolment.otpauthUri()).setSecret(enrolment.secret())
                    .setQrPng(ByteString.copyFrom(enrolment.qrPng())).build();
        });
    }

    @Override
    public void confirmTotpEnrolment(ConfirmTotpEnrolmentRequest request, StreamObserver<ConfirmTotpEnrolmentResponse> observer) {
        calls.unary(observer, () -> {
            var confirmed = secondFactor.confirmEnrolment(CallContext.principal(), request.getCode(), CallContext.clientAddress());
            var response = ConfirmTotpEnrolmentResponse.newBuilder().addAllRecoveryCodes(confirmed.recoveryCodes());
            confirmed.session().ifPresent(s -> response.setSession(toProto(s)));
            return response.build();
        });
    }

    @Override
    public void stepUp(StepUpRequest request, StreamObserver<StepUpResponse> observer) {
        calls.unary(observer, () -> StepUpResponse.newBuilder().setValidUntil(ProtoTypes.timestamp(
                secondFactor.stepUp(CallContext.principal(), request.getCode(), CallContext.clientAddress()))).build());
    }

    @Override
    public void getSecondFactorStatus(GetSecondFactorStatusRequest request, StreamObserver<GetSecondFactorStatusResponse> observer) {
        calls.unary(observer, () -> {
            var status = secondFactor.status(CallContext.principal());
            var response = GetSecondFactorStatusResponse.newBuilder().setEnrolled(status.enrolled()).setRequired(status.required())
                    .setRecoveryCodesLeft(status.recoveryCodesLeft());
            status.enrolledAt().ifPresent(at -> response.setEnrolledAt(ProtoTypes.timestamp(at)));
            return response.build();
        });
    }

    @Override
    public void regenerateRecoveryCodes(RegenerateRecoveryCodesRequest request, StreamObserver<RegenerateRecoveryCodesResponse> observer) {
        calls.unary(observer, () -> RegenerateRecoveryCodesResponse.newBuilder()
                .addAllRecoveryCodes(secondFactor.regenerateRecoveryCodes(CallContext.principal())).build());
    }

    @Override
    public void requestPasswordResetCode(RequestPasswordResetCodeRequest request,
                                         StreamObserver<RequestPasswordResetCodeResponse> observer) {
        calls.unary(observer, () -> {
            var answer = secondFactor.requestPasswordReset(request.getUsername(), CallContext.clientAddress());
            return RequestPasswordResetCodeResponse.newBuilder().setMessage(answer.message())
                    .setDelivery(switch (answer.delivery()) {
                        case EMAIL -> PasswordResetDelivery.PASSWORD_RESET_DELIVERY_EMAIL;
                        case ASK_ADMIN -> PasswordResetDelivery.PASSWORD_RESET_DELIVERY_ASK_ADMIN;
                    }).build();
        });
    }

    @Override
    public void resetPasswordWithCode(ResetPasswordWithCodeRequest request, StreamObserver<ResetPasswordWithCodeResponse> observer) {
        calls.unary(observer, () -> {
            secondFactor.resetPasswordWithCode(request.getUsername(), request.getCode(), request.getNewPassword(),
                    CallContext.clientAddress());
            return ResetPasswordWithCodeResponse.getDefaultInstance();
        });
    }

    @Override
    public void signOut(SignOutRequest request, StreamObserver<SignOutResponse> observer) {
        calls.unary(observer, () -> {
            auth.signOut(CallContext.principal(), CallContext.clientAddress());
            return SignOutResponse.getDefaultInstance();
        });
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> observer) {
        calls.unary(observer, () -> WhoAmIResponse.newBuilder().setPrincipal(toProto(CallContext.principal())).build());
    }

    @Override
    public void changePassword(ChangePasswordRequest request, StreamObserver<ChangePasswordResponse> observer) {
        calls.unary(observer, () -> {
            Principal updated = auth.changePassword(CallContext.principal(), request.getCurrentPassword(),
                    request.getNewPassword(), CallContext.clientAddress());
            return ChangePasswordResponse.newBuilder().setPrincipal(toProto(updated)).build();
        });
    }

    static org.medconnect.proto.auth.v1.Principal toProto(Principal p) {
        return org.medconnect.proto.auth.v1.Principal.newBuilder()
                .setUserId(p.userId().toString())
                .setUsername(p.username())
                .setDisplayName(p.displayName())
                .addRoles(ProtoTypes.toProto(p.role()))
                .setPasswordChangeRequired(p.passwordChangeRequired())
                .build();
    }
}
