package org.medconnect.desktop.testing;

import com.google.protobuf.Timestamp;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.ChangePasswordRequest;
import org.medconnect.proto.auth.v1.ChangePasswordResponse;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.auth.v1.SignOutRequest;
import org.medconnect.proto.auth.v1.SignOutResponse;
import org.medconnect.proto.common.v1.PageResponse;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.ListDepartmentsResponse;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.ListUsersResponse;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.proto.staff.v1.StaffUser;

/**
 * A tiny in-memory stand-in for the MedConnect server over real Netty, for cases the real server cannot
 * stage quickly (a session that ends while a form is open). Answers like the contract says.
 */
public final class FakeMedConnectServer implements AutoCloseable {

    private static final Context.Key<String> TOKEN = Context.key("token");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, StaffUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>(); // token -> user id
    private final Map<String, Department> departments = new ConcurrentHashMap<>();
    private final Server server;

    public FakeMedConnectServer() throws IOException {
        ServerInterceptor tokens = new ServerInterceptor() {
            @Override
            public <Q, S> ServerCall.Listener<Q> interceptCall(ServerCall<Q, S> call, Metadata headers, ServerCallHandler<Q, S> next) {
                String header = headers.get(AUTHORIZATION);
                String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
                return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(io.grpc.ServerInterceptors.intercept(new Auth(), tokens))
                .addService(io.grpc.ServerInterceptors.intercept(new Staff(), tokens))
                .build().start();
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    public String createUser(String username, String password, Role role, String displayName) {
        String id = UUID.randomUUID().toString();
        users.put(id, StaffUser.newBuilder().setUserId(id).setUsername(username).setDisplayName(displayName)
                .setEmail(username + "@clinic.example").setRole(role).setActive(true)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond())).build());
        passwords.put(username, password);
        return id;
    }

    /** Ends every session, as the idle timeout would. */
    public void expireAllSessions() {
        sessions.clear();
    }

    private StaffUser byUsername(String username) {
        return users.values().stream().filter(u -> u.getUsername().equals(username)).findFirst().orElse(null);
    }

    private StaffUser caller() {
        String userId = sessions.get(TOKEN.get());
        if (userId == null) {
            throw Failures.reason(Status.Code.UNAUTHENTICATED, "Your session has ended. Sign in again.", "SESSION_EXPIRED");
        }
        return users.get(userId);
    }

    private static Principal principal(StaffUser user) {
        return Principal.newBuilder().setUserId(user.getUserId()).setUsername(user.getUsername())
                .setDisplayName(user.getDisplayName()).addRoles(user.getRole())
                .setPasswordChangeRequired(user.getPasswordChangeRequired()).build();
    }

    private final class Auth extends AuthServiceGrpc.AuthServiceImplBase {
        @Override
        public void signIn(SignInRequest request, StreamObserver<SignInResponse> response) {
            StaffUser user = byUsername(request.getUsername());
            if (user == null || !request.getPassword().equals(passwords.get(request.getUsername()))) {
                response.onError(Failures.reason(Status.Code.UNAUTHENTICATED, "The username or password is not right.", "WRONG_CREDENTIALS"));
                return;
            }
            String token = UUID.randomUUID().toString();
            sessions.put(token, user.getUserId());
            response.onNext(SignInResponse.newBuilder().setSessionToken(token).setPrincipal(principal(user)).build());
            response.onCompleted();
        }

        @Override
        public void signOut(SignOutRequest request, StreamObserver<SignOutResponse> response) {
            sessions.remove(TOKEN.get());
            response.onNext(SignOutResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void changePassword(ChangePasswordRequest request, StreamObserver<ChangePasswordResponse> response) {
            try {
                StaffUser user = caller();
                passwords.put(user.getUsername(), request.getNewPassword());
                user = user.toBuilder().setPasswordChangeRequired(false).build();
                users.put(user.getUserId(), user);
                response.onNext(ChangePasswordResponse.newBuilder().setPrincipal(principal(user)).build());
                response.onCompleted();
            } catch (RuntimeException e) {
                response.onError(e);
            }
        }
    }

    private final class Staff extends StaffServiceGrpc.StaffServiceImplBase {
        @Override
        public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
            try {
                caller();
                List<StaffUser> found = new ArrayList<>(users.values().stream()
                        .filter(u -> request.getIncludeInactive() || u.getActive())
                        .filter(u -> request.getRole() == Role.ROLE_UNSPECIFIED || u.getRole() == request.getRole())
                        .filter(u -> u.getDisplayName().toLowerCase().contains(request.getQuery().toLowerCase())).toList());
                found.sort(java.util.Comparator.comparing(StaffUser::getDisplayName));
                response.onNext(ListUsersResponse.newBuilder().addAllUsers(found)
                        .setPage(PageResponse.newBuilder().setTotalCount(found.size())).build());
                response.onCompleted();
            } catch (RuntimeException e) {
                response.onError(e);
            }
        }

        @Override
        public void listDepartments(ListDepartmentsRequest request, StreamObserver<ListDepartmentsResponse> response) {
            answer(response, () -> {
                caller();
                List<Department> list = departments.values().stream()
                        .filter(d -> request.getIncludeRetired() || !d.getRetired())
                        .map(d -> d.toBuilder().setDoctorCount((int) users.values().stream()
                                .filter(u -> u.getDoctorProfile().getDepartmentId().equals(d.getDepartmentId())).count()).build())
                        .sorted(java.util.Comparator.comparing(Department::getName)).toList();
                return ListDepartmentsResponse.newBuilder().addAllDepartments(list).build();
            });
        }

        @Override
        public void createDepartment(org.medconnect.proto.staff.v1.CreateDepartmentRequest request,
                                     StreamObserver<org.medconnect.proto.staff.v1.CreateDepartmentResponse> response) {
            answer(response, () -> {
                caller();
                String id = UUID.randomUUID().toString();
                departments.put(id, Department.newBuilder().setDepartmentId(id).setName(request.getName()).build());
                return org.medconnect.proto.staff.v1.CreateDepartmentResponse.newBuilder().setDepartment(departments.get(id)).build();
            });
        }

        @Override
        public void retireDepartment(org.medconnect.proto.staff.v1.RetireDepartmentRequest request,
                                     StreamObserver<org.medconnect.proto.staff.v1.RetireDepartmentResponse> response) {
            answer(response, () -> {
                caller();
                Department d = departments.get(request.getDepartmentId()).toBuilder().setRetired(true).build();
                departments.put(d.getDepartmentId(), d);
                return org.medconnect.proto.staff.v1.RetireDepartmentResponse.newBuilder().setDepartment(d).build();
            });
        }

        @Override
        public void createUser(org.medconnect.proto.staff.v1.CreateUserRequest request,
                               StreamObserver<org.medconnect.proto.staff.v1.CreateUserResponse> response) {
            answer(response, () -> {
                caller();
                String id = FakeMedConnectServer.this.createUser(request.getUsername(), request.getInitialPassword(),
                        request.getRole(), request.getDisplayName());
                StaffUser.Builder user = users.get(id).toBuilder().setEmail(request.getEmail()).setPhone(request.getPhone())
                        .setPasswordChangeRequired(true);
                if (request.hasDoctorProfile()) {
                    Department d = departments.get(request.getDoctorProfile().getDepartmentId());
                    user.setDoctorProfile(request.getDoctorProfile().toBuilder().setDepartmentName(d == null ? "" : d.getName()));
                }
                users.put(id, user.build());
                return org.medconnect.proto.staff.v1.CreateUserResponse.newBuilder().setUser(users.get(id)).build();
            });
        }

        @Override
        public void deactivateUser(org.medconnect.proto.staff.v1.DeactivateUserRequest request,
                                   StreamObserver<org.medconnect.proto.staff.v1.DeactivateUserResponse> response) {
            answer(response, () -> {
                caller();
                StaffUser u = users.get(request.getUserId()).toBuilder().setActive(false).build();
                users.put(u.getUserId(), u);
                return org.medconnect.proto.staff.v1.DeactivateUserResponse.newBuilder().setUser(u).build();
            });
        }
    }

    private static <T> void answer(StreamObserver<T> response, java.util.function.Supplier<T> work) {
        try {
            response.onNext(work.get());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
