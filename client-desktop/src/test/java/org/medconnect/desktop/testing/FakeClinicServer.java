package org.medconnect.desktop.testing;

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
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;

/**
 * A stand-in for the scheduling half of the server, for view-model tests: each RPC answers with
 * what the test scripted (or UNIMPLEMENTED), and every request is kept for the test to inspect.
 * Runs over real Netty so the view models use their real stubs, deadlines and error translation.
 * WatchAppointments is a real stream: {@link #events()} publishes events to it and breaks it.
 * {@link #stop()} and {@link #restart()} take the whole server away and bring it back on the same port.
 */
public final class FakeClinicServer implements AutoCloseable {

    private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> requests = new ConcurrentHashMap<>();
    private final FakeAppointmentStream events = new FakeAppointmentStream();
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private volatile Server server;
    private final int port;
    private final ServerConnection connection;
    private final org.medconnect.desktop.platform.ServerCalls calls;

    public FakeClinicServer() {
        for (ServiceDescriptor service : List.of(PatientServiceGrpc.getServiceDescriptor(),
                ScheduleServiceGrpc.getServiceDescriptor(), AppointmentServiceGrpc.getServiceDescriptor(),
                StaffServiceGrpc.getServiceDescriptor(), AuthServiceGrpc.getServiceDescriptor(),
                org.medconnect.proto.notification.v1.NotificationServiceGrpc.getServiceDescriptor(),
                org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc.getServiceDescriptor())) {
            services.add(definition(service));
        }
        server = listen(0);
        port = server.getPort();
        connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
        connection.connectTo(address());
        calls = new org.medconnect.desktop.platform.ServerCalls(new SameThreadTaskRunner(),
                new ServerErrors(this::address, ZoneOffset.UTC), new SessionState());
    }

    private Server listen(int onPort) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", onPort))
                .permitKeepAliveTime(20, java.util.concurrent.TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true);
        services.forEach(builder::addService);
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of this server. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The WatchAppointments stream: publish events, break it, make replay unavailable. */
    public FakeAppointmentStream events() {
        return events;
    }

    /** The server goes away: open streams and connections break, new ones are refused. */
    public void stop() {
        server.shutdownNow();
        events.dropAll();
        try {
            server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Back on the same port, with the same scripted answers and the same event history. */
    public void restart() {
        server = listen(port);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ServerServiceDefinition definition(ServiceDescriptor service) {
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service);
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            String name = method.getFullMethodName();
            if (method.getFullMethodName().equals(AppointmentServiceGrpc.getWatchAppointmentsMethod().getFullMethodName())) {
                definition.addMethod(AppointmentServiceGrpc.getWatchAppointmentsMethod(),
                        ServerCalls.asyncServerStreamingCall(events::watch));
                continue;
            }
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
    public <Q, R> FakeClinicServer on(MethodDescriptor<Q, R> method, Function<Q, R> answer) {
        answers.put(method.getFullMethodName(), request -> answer.apply((Q) request));
        return this;
    }

    /** Answers with each response in turn (a failure when it is a StatusRuntimeException), then repeats the last. */
    public <Q, R> FakeClinicServer onInTurn(MethodDescriptor<Q, R> method, Object... outcomes) {
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
    public <Q, R> List<Q> requests(MethodDescriptor<Q, R> method) {
        return new ArrayList<>((List<Q>) (List<?>) requests.getOrDefault(method.getFullMethodName(), List.of()));
    }

    public <Q, R> Q lastRequest(MethodDescriptor<Q, R> method) {
        List<Q> all = requests(method);
        if (all.isEmpty()) {
            throw new AssertionError("no call of " + method.getFullMethodName());
        }
        return all.getLast();
    }

    public ServerConnection connection() {
        return connection;
    }

    public org.medconnect.desktop.platform.ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        events.dropAll();
        server.shutdownNow();
    }
}
