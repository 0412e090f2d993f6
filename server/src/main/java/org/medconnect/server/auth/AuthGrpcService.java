package org.medconnect.server.auth;

import io.grpc.stub.StreamObserver;
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
    private final GrpcCalls calls;

    private final java.time.ZoneId clinicZone;
    private final ClinicLocale clinicLocale;

    /** {@code clinicZone} and {@code clinicLocale} go to every workstation at sign-in: one clinic clock and date format. */
    public AuthGrpcService(AuthService auth, GrpcCalls calls, java.time.ZoneId clinicZone, ClinicLocale clinicLocale) {
        this.auth = auth;
        this.calls = calls;
        this.clinicZone = clinicZone;
        this.clinicLocale = clinicLocale;
    }

    @Override
    public void signIn(SignInRequest request, StreamObserver<SignInResponse> observer) {
        calls.unary(observer, () -> {
            var signedIn = auth.signIn(request.getUsername(), request.getPassword(),
                    request.getWorkstation().isBlank() ? null : request.getWorkstation().strip(), CallContext.clientAddress());
            return SignInResponse.newBuilder()
                    .setSessionToken(signedIn.token())
                    .setPrincipal(toProto(signedIn.principal()))
                    .setIdleTimeoutSeconds((int) signedIn.idleTimeout().toSeconds())
                    .setExpiresAt(ProtoTypes.timestamp(signedIn.expiresAt()))
                    .setClinicTimeZone(clinicZone.getId())
                    .setClinicLocale(clinicLocale.languageTag())
                    .setDatePattern(clinicLocale.datePattern())
                    .setFirstDayOfWeek(clinicLocale.firstDayOfWeek().getValue())
                    .build();
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
