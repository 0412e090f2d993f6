package org.medconnect.desktop.reception;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;

/**
 * A stand-in for the scheduling half of the server, for view-model tests: each RPC answers with
 * what the test scripted (or UNIMPLEMENTED), and every request is kept for the test to inspect.
 * Runs over real Netty so the view models use their real stubs, deadlines and error translation.
 */
final class FakeClinicServer implements AutoCloseable {

    private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> requests = new ConcurrentHashMap<>();
    private final Server server;
    private final ServerConnection connection;
    private final org.medconnect.desktop.platform.ServerCalls calls;

    FakeClinicServer() {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (ServiceDescriptor service : List.of(PatientServiceGrpc.getServiceDescriptor(),
                ScheduleServiceGrpc.getServiceDescriptor(), AppointmentServiceGrpc.getServiceDescriptor(),
                StaffServiceGrpc.getServiceDescriptor())) {
            builder.addService(definition(service));
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
        connection.connectTo("127.0.0.1:" + server.getPort());
        calls = new org.medconnect.desktop.platform.ServerCalls(new SameThreadTaskRunner(),
                new ServerErrors(() -> "127.0.0.1:" + server.getPort(), ZoneOffset.UTC), new SessionState());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ServerServiceDefinition definition(ServiceDescriptor service) {
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service);
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            String name = method.getFullMethodName();
            definition.addMethod((MethodDescriptor) method, ServerCalls.asyncUnaryCall((request, observer) -> {
                requests.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(request);
                Function<Object, Object> answer = answers.get(name);
                if (answer == null) {
                    observer.onError(Status.UNIMPLEMENTED.withDescription("not scripted: " + name).asRuntimeException());
                    return;
                }
                try {
                    Object response = answer.apply(request);
                    observer.onNext(response);
                    observer.onCompleted();
                } catch (StatusRuntimeException e) {
                    observer.onError(e);
                }
            }));
        }
        return definition.build();
    }

    /** Every call of {@code method} is answered by {@code answer} (which may throw a StatusRuntimeException). */
    @SuppressWarnings("unchecked")
    <Q, R> FakeClinicServer on(MethodDescriptor<Q, R> method, Function<Q, R> answer) {
        answers.put(method.getFullMethodName(), request -> answer.apply((Q) request));
        return this;
    }

    /** Answers with each response in turn (a failure when it is a StatusRuntimeException), then repeats the last. */
    <Q, R> FakeClinicServer onInTurn(MethodDescriptor<Q, R> method, Object... outcomes) {
        int[] next = {0};
        return on(method, request -> {
            Object outcome = outcomes[Math.min(next[0]++, outcomes.length - 1)];
            if (outcome instanceof StatusRuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked") R response = (R) outcome;
            return response;
        });
    }

    @SuppressWarnings("unchecked")
    <Q, R> List<Q> requests(MethodDescriptor<Q, R> method) {
        return new ArrayList<>((List<Q>) (List<?>) requests.getOrDefault(method.getFullMethodName(), List.of()));
    }

    <Q, R> Q lastRequest(MethodDescriptor<Q, R> method) {
        List<Q> all = requests(method);
        if (all.isEmpty()) {
            throw new AssertionError("no call of " + method.getFullMethodName());
        }
        return all.getLast();
    }

    ServerConnection connection() {
        return connection;
    }

    org.medconnect.desktop.platform.ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        server.shutdownNow();
    }
}
