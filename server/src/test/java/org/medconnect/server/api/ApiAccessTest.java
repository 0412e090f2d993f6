package org.medconnect.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.ChangePasswordRequest;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.WhoAmIRequest;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.CreateUserRequest;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.AccessPolicy;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The API as a third-party client meets it: who may call what, and what the refusals say. */
class ApiAccessTest {

    private static final String PASSWORD = "a-good-password-1";

    private MedConnectServer server;
    private ManagedChannel channel;
    private ClinicServices services;

    @BeforeEach
    void start() throws Exception {
        String name = "api-" + UUID.randomUUID();
        services = new ClinicServices(TestConfig.defaults(), TestDatabase.fresh(), new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        createUser("grace", "ADMIN", false);
        createUser("maria", "RECEPTIONIST", false);
        createUser("newbie", "RECEPTIONIST", true);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(java.time.Duration.ofSeconds(1));
    }

    private void createUser(String username, String role, boolean mustChange) {
        services.staff().createUser((UUID) null, new org.medconnect.server.staff.StaffModel.NewUser(java.util.Optional.empty(), username,
                "Name " + username, username + "@clinic.test", "", java.util.Optional.of(org.medconnect.server.platform.Role.valueOf(role)),
                java.util.Optional.empty(), PASSWORD), mustChange);
    }

    private String signIn(String username) {
        return AuthServiceGrpc.newBlockingStub(channel)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
    }

    private List<ServerMethodDefinition<?, ?>> unaryMethods() {
        return server.grpcServer().getServices().stream()
                .flatMap(s -> s.getMethods().stream())
                .filter(m -> m.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY)
                .<ServerMethodDefinition<?, ?>>map(m -> m)
                .toList();
    }

    /** Calls a method the way a generic client would, with an empty request. */
    @SuppressWarnings("unchecked")
    private <Q, R> Throwable call(ServerMethodDefinition<Q, R> method, String token) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        Q emptyRequest = descriptor.parseRequest(new ByteArrayInputStream(new byte[0]));
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (token != null) {
            options = options.withCallCredentials(Calls.bearer(token));
        }
        CallOptions finalOptions = options;
        return catchThrowable(() -> ClientCalls.blockingUnaryCall(channel, descriptor, finalOptions, emptyRequest));
    }

    @Test
    void everyRegisteredMethodHasAnAccessRule() {
        Set<String> covered = AccessPolicy.clinic().coveredMethods();
        List<String> registered = server.grpcServer().getServices().stream()
                .flatMap(s -> s.getMethods().stream())
                .map(m -> m.getMethodDescriptor().getFullMethodName())
                .toList();
        assertThat(registered).hasSizeGreaterThan(10);
        assertThat(covered).as("methods without an access rule").containsAll(registered);
    }

    @Test
    void withoutATokenEveryMethodButSignInAndHealthIsUnauthenticated() {
        Set<String> open = Set.of(AuthServiceGrpc.getSignInMethod().getFullMethodName(), HealthGrpc.getCheckMethod().getFullMethodName(),
                AuthServiceGrpc.getRequestPasswordResetCodeMethod().getFullMethodName(),
                AuthServiceGrpc.getResetPasswordWithCodeMethod().getFullMethodName());
        for (var method : unaryMethods()) {
            String name = method.getMethodDescriptor().getFullMethodName();
            Throwable failure = call(method, null);
            if (open.contains(name)) {
                assertThat(failure == null ? Status.Code.OK : Calls.code(failure)).as(name).isNotEqualTo(Status.Code.UNAUTHENTICATED);
            } else {
                assertThat(Calls.code(failure)).as(name).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(Calls.reason(failure)).as(name).isEqualTo("SIGN_IN_REQUIRED");
            }
        }
    }

    @Test
    void aMadeUpTokenIsUnauthenticatedWithSessionExpired() {
        Throwable failure = catchThrowable(() -> AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer("forged"))
                .whoAmI(WhoAmIRequest.getDefaultInstance()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(Calls.reason(failure)).isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void aReceptionistIsDeniedEveryStaffAdministrationMethod() {
        String token = signIn("maria");
        for (var method : unaryMethods()) {
            String name = method.getMethodDescriptor().getFullMethodName();
            if (!name.startsWith("medconnect.staff.v1.StaffService/")) {
                continue;
            }
            Throwable failure = call(method, token);
            if (name.endsWith("/ListDepartments")) {
                assertThat(failure).as(name).isNull();
            } else {
                assertThat(Calls.code(failure)).as(name).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    @Test
    void anAdminMayAdministerStaff() {
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(signIn("grace")));
        assertThat(staff.listUsers(ListUsersRequest.getDefaultInstance()).getUsersList()).hasSize(3);
    }

    @Test
    void untilThePasswordIsChangedOnlyChangePasswordWhoAmIAndSignOutWork() {
        String token = signIn("newbie");
        var auth = AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
        assertThat(auth.whoAmI(WhoAmIRequest.getDefaultInstance()).getPrincipal().getPasswordChangeRequired()).isTrue();
        Throwable refused = catchThrowable(() -> staff.listDepartments(ListDepartmentsRequest.getDefaultInstance()));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(refused)).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        auth.changePassword(ChangePasswordRequest.newBuilder().setCurrentPassword(PASSWORD).setNewPassword("my-very-own-pass").build());
        assertThat(staff.listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList()).isEmpty();
    }

    @Test
    void validationErrorsNameTheFieldsInPlainWords() {
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(signIn("grace")));
        Throwable failure = catchThrowable(() -> staff.createUser(CreateUserRequest.newBuilder()
                .setUsername("maria").setDisplayName("Maria Again").setEmail("nope").setRole(Role.ROLE_RECEPTIONIST)
                .setInitialPassword("a-good-password-1").build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactly("email");
        assertThat(Calls.message(failure)).isEqualTo("That does not look like an email address (name@example.org).");
    }

    @Test
    void aTakenUsernameIsAlreadyExistsNamingTheField() {
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(signIn("grace")));
        Throwable failure = catchThrowable(() -> staff.createUser(CreateUserRequest.newBuilder()
                .setUsername("Maria").setDisplayName("Maria Again").setEmail("maria2@clinic.test").setRole(Role.ROLE_RECEPTIONIST)
                .setInitialPassword("a-good-password-1").build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(Calls.badFields(failure)).containsExactly("username");
        assertThat(Calls.message(failure)).isEqualTo("That username is already taken.");
    }

    @Test
    void aLockedAccountSaysUntilWhenInTheErrorDetail() {
        var auth = AuthServiceGrpc.newBlockingStub(channel);
        Throwable last = null;
        for (int i = 0; i < 5; i++) {
            last = catchThrowable(() -> auth.signIn(SignInRequest.newBuilder().setUsername("maria").setPassword("wrong-one-here").build()));
        }
        assertThat(Calls.code(last)).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(Calls.detail(last).getReason()).isEqualTo("ACCOUNT_LOCKED");
        assertThat(Calls.detail(last).getLockedUntil()).isEqualTo("2026-11-23T09:15:00Z");
    }

    @Test
    void healthAnswersWithoutAToken() {
        var health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void aMalformedIdIsAValidationErrorNotAnInternalOne() {
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(signIn("grace")));
        Throwable failure = catchThrowable(() -> staff.getUser(org.medconnect.proto.staff.v1.GetUserRequest.newBuilder().setUserId("42").build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactly("user_id");
    }
}
