package org.medconnect.desktop.testing;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentEventKind;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.proto.appointment.v1.WatchCheckpoint;

/**
 * WatchAppointments as the contract describes it, for workstation tests: a gapless event log, replay
 * after a sequence then a live checkpoint, "from now" starting with a checkpoint, the request's
 * filters, and the failures a client must survive (too slow, replay unavailable, server gone).
 */
public final class FakeAppointmentStream {

    private final List<AppointmentEvent> log = new ArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<WatchAppointmentsRequest> requests = new CopyOnWriteArrayList<>();
    private long replayFloor;
    private int replayOverlap;
    private Status refusal;

    private record Subscriber(WatchAppointmentsRequest request, ServerCallStreamObserver<WatchAppointmentsResponse> observer) {}

    synchronized void watch(WatchAppointmentsRequest request, StreamObserver<WatchAppointmentsResponse> observer) {
        requests.add(request);
        if (refusal != null) {
            observer.onError(refusal.asRuntimeException());
            return;
        }
        ServerCallStreamObserver<WatchAppointmentsResponse> stream = (ServerCallStreamObserver<WatchAppointmentsResponse>) observer;
        if (request.hasAfterSequence()) {
            long after = request.getAfterSequence();
            if (after < replayFloor) {
                observer.onError(Status.OUT_OF_RANGE.withDescription("REPLAY_UNAVAILABLE: events before "
                        + replayFloor + " are gone").asRuntimeException());
                return;
            }
            for (AppointmentEvent event : log) {
                if (event.getSequence() > after - replayOverlap && matches(request, event)) {
                    observer.onNext(WatchAppointmentsResponse.newBuilder().setEvent(event).build());
                }
            }
        }
        observer.onNext(checkpoint(true));
        Subscriber subscriber = new Subscriber(request, stream);
        subscribers.add(subscriber);
        stream.setOnCancelHandler(() -> subscribers.remove(subscriber));
    }

    private WatchAppointmentsResponse checkpoint(boolean live) {
        return WatchAppointmentsResponse.newBuilder()
                .setCheckpoint(WatchCheckpoint.newBuilder().setSequence(log.size()).setLive(live)).build();
    }

    /** Commits a change: numbered next, kept for replay, sent to every matching open stream. */
    public synchronized AppointmentEvent publish(AppointmentEventKind kind, Appointment appointment) {
        return publish(AppointmentEvent.newBuilder().setKind(kind).setAppointment(appointment));
    }

    /** As {@link #publish(AppointmentEventKind, Appointment)}, for a MOVED event with its previous_* fields. */
    public synchronized AppointmentEvent publish(AppointmentEvent.Builder event) {
        Instant now = Instant.now();
        AppointmentEvent numbered = event.setSequence(log.size() + 1L)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())).build();
        log.add(numbered);
        for (Subscriber subscriber : subscribers) {
            if (matches(subscriber.request(), numbered)) {
                try {
                    subscriber.observer().onNext(WatchAppointmentsResponse.newBuilder().setEvent(numbered).build());
                } catch (RuntimeException closed) {
                    subscribers.remove(subscriber);
                }
            }
        }
        return numbered;
    }

    /** Ends every open stream with {@code status} (e.g. RESOURCE_EXHAUSTED for a slow subscriber). */
    public synchronized void endAll(Status status) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.observer().onError(status.asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                // cancelled by the client meanwhile
            }
        }
        subscribers.clear();
    }

    synchronized void dropAll() {
        subscribers.clear();
    }

    /** New watches fail with {@code status} until {@link #accept()}; null accepts. */
    public synchronized void refuse(Status status) {
        this.refusal = status;
    }

    public synchronized void accept() {
        this.refusal = null;
    }

    /** Events up to this sequence can no longer be replayed: a resume from before it gets OUT_OF_RANGE. */
    public synchronized void forgetUpTo(long sequence) {
        this.replayFloor = sequence;
    }

    /** Misbehaves on purpose: a resume replays this many events the client has already seen. */
    public synchronized void replayOverlap(int events) {
        this.replayOverlap = events;
    }

    public List<WatchAppointmentsRequest> requests() {
        return List.copyOf(requests);
    }

    public int openStreams() {
        return subscribers.size();
    }

    public synchronized long lastSequence() {
        return log.size();
    }

    private static boolean matches(WatchAppointmentsRequest request, AppointmentEvent event) {
        Appointment a = event.getAppointment();
        if (!request.getLocationId().isEmpty() && !request.getLocationId().equals(a.getLocationId())
                && !request.getLocationId().equals(event.getPreviousLocationId())) {
            return false;
        }
        if (request.getDoctorIdsCount() > 0 && !request.getDoctorIdsList().contains(a.getDoctorId())
                && !request.getDoctorIdsList().contains(event.getPreviousDoctorId())) {
            return false;
        }
        if (request.hasFrom() || request.hasTo()) {
            return within(request, a.getStartsAt()) || event.hasPreviousStartsAt() && within(request, event.getPreviousStartsAt());
        }
        return true;
    }

    private static boolean within(WatchAppointmentsRequest request, Timestamp at) {
        long s = at.getSeconds();
        return (!request.hasFrom() || s >= request.getFrom().getSeconds()) && (!request.hasTo() || s < request.getTo().getSeconds());
    }
}
