package org.medconnect.desktop.absence;

import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceRequest;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsResponse;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;

/**
 * The two RPCs the absence screen uses, answering what the test scripts and keeping every
 * absence request; over real Netty so the view model runs its real stubs and error translation.
 */
final class FakeAbsenceServer implements AutoCloseable {

    private volatile List<Doctor> doctors = List.of();
    private volatile Function<HandleDoctorAbsenceRequest, HandleDoctorAbsenceResponse> absence =
            r -> HandleDoctorAbsenceResponse.getDefaultInstance();
    private final List<HandleDoctorAbsenceRequest> requests = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    FakeAbsenceServer() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new ScheduleServiceGrpc.ScheduleServiceImplBase() {
                        @Override
                        public void listDoctors(ListDoctorsRequest request, StreamObserver<ListDoctorsResponse> observer) {
                            observer.onNext(ListDoctorsResponse.newBuilder().addAllDoctors(doctors).build());
                            observer.onCompleted();
                        }
                    })
                    .addService(new AppointmentServiceGrpc.AppointmentServiceImplBase() {
                        @Override
                        public void handleDoctorAbsence(HandleDoctorAbsenceRequest request,
                                                        StreamObserver<HandleDoctorAbsenceResponse> observer) {
                            requests.add(request);
                            try {
                                observer.onNext(absence.apply(request));
                                observer.onCompleted();
                            } catch (StatusRuntimeException e) {
                                observer.onError(e);
                            }
                        }
                    })
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String address = "127.0.0.1:" + server.getPort();
        connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
        connection.connectTo(address);
        calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> address, ZoneOffset.UTC), new SessionState());
    }

    FakeAbsenceServer doctors(Doctor... list) {
        doctors = List.of(list);
        return this;
    }

    FakeAbsenceServer onAbsence(Function<HandleDoctorAbsenceRequest, HandleDoctorAbsenceResponse> answer) {
        absence = answer;
        return this;
    }

    List<HandleDoctorAbsenceRequest> requests() {
        return requests;
    }

    HandleDoctorAbsenceRequest lastRequest() {
        return requests.getLast();
    }

    ServerConnection connection() {
        return connection;
    }

    ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        server.shutdownNow();
    }
}
