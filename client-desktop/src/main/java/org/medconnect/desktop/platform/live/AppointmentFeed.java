package org.medconnect.desktop.platform.live;

import org.medconnect.desktop.platform.Backoff;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc.AppointmentServiceStub;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.proto.appointment.v1.WatchAppointmentsResponse;
import org.medconnect.proto.appointment.v1.WatchCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workstation's one WatchAppointments stream for the signed-in session. Opens it from "now",
 * remembers the last sequence it saw, and after any break reconnects by itself (exponential backoff
 * with jitter) asking for everything after that sequence, so listeners get every change once and in
 * order. Tells listeners to reload when the server can no longer replay what was missed. Its state
 * and its listeners live on the {@link UiThread}; the gRPC callbacks only hand messages over to it.
 */
public final class AppointmentFeed implements AutoCloseable {

    /** Without a live stream for this long, the indicator says Offline rather than Reconnecting. */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(30);
    /** Messages requested ahead; one more is requested as each is handled, so a stuck UI pushes back on the server. */
    static final int PREFETCH = 32;
    static final String TOO_SLOW = "SUBSCRIBER_TOO_SLOW";
    static final String REPLAY_UNAVAILABLE = "REPLAY_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(AppointmentFeed.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    /** A registered listener; close it when the screen goes away for good. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Supplier<AppointmentServiceStub> stubs;
    private final Runnable wakeChannel;
    private final UiThread ui;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration offlineAfter;
    private final List<AppointmentListener> listeners = new CopyOnWriteArrayList<>();
    private Runnable sessionEnded = () -> { };
    private final ReadOnlyObjectWrapper<LiveState> state = new ReadOnlyObjectWrapper<>(LiveState.OFFLINE);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("Not signed in.");
    private final ReadOnlyObjectWrapper<Instant> lastConnected = new ReadOnlyObjectWrapper<>();

    // Everything below is touched on the UI thread only.
    private boolean running;
    private Attempt current;
    private Scheduler.Scheduled retry;
    private boolean hasSequence;
    private long lastSequence;
    private boolean reloadWhenLive;
    private boolean everLive;
    private Instant lostSince;
    private long delivered;

    /**
     * {@code stubs} gives the stub for each attempt (the channel may change); {@code wakeChannel} runs
     * before each retry, to cut short the channel's own reconnect backoff.
     */
    public AppointmentFeed(Supplier<AppointmentServiceStub> stubs, Runnable wakeChannel, UiThread ui, Scheduler scheduler,
                           Clock clock, Backoff backoff, Duration offlineAfter) {
        this.stubs = stubs;
        this.wakeChannel = wakeChannel;
        this.ui = ui;
        this.scheduler = scheduler;
        this.clock = clock;
        this.backoff = backoff;
        this.offlineAfter = offlineAfter;
    }

    /** The feed a signed-in workstation uses: the JavaFX thread, a daemon timer, 0.5 s to 15 s backoff. */
    public static AppointmentFeed forSession(ServerConnection connection, Clock clock) {
        return new AppointmentFeed(connection::appointmentsAsync, connection::resetConnectBackoff, UiThread.javafx(), Scheduler.daemon("medconnect-live"),
                clock, Backoff.standard(), OFFLINE_AFTER);
    }

    /** Registers a listener; events and reload requests reach it on the UI thread. */
    public Subscription listen(AppointmentListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Runs on the UI thread when the server ends the stream because the session is over. */
    public void onSessionEnded(Runnable handler) {
        this.sessionEnded = handler;
    }

    /** Opens the stream (from now). Call once, after sign-in. */
    public void start() {
        ui.run(() -> {
            if (running) {
                return;
            }
            running = true;
            lostSince = clock.instant();
            show(LiveState.RECONNECTING, "Connecting to the server for live updates…");
            connect();
        });
    }

    /** Skips the wait and tries now (a click on the indicator). */
    public void reconnectNow() {
        ui.run(() -> {
            if (running && current == null) {
                cancelRetry();
                wakeChannel.run();
                connect();
            }
        });
    }

    /** Ends the stream for good (sign-out, window closed); the indicator says why. */
    public void stop(String why) {
        ui.run(() -> {
            running = false;
            cancelRetry();
            Attempt open = current;
            current = null;
            if (open != null) {
                open.cancel();
            }
            show(LiveState.OFFLINE, why);
        });
    }

    @Override
    public void close() {
        close("Signed out.");
    }

    /** Stops for good and ends the timer thread. */
    public void close(String why) {
        stop(why);
        scheduler.shutdown();
    }

    private void connect() {
        if (!running || current != null) {
            return;
        }
        retry = null;
        WatchAppointmentsRequest.Builder request = WatchAppointmentsRequest.newBuilder();
        if (hasSequence) {
            request.setAfterSequence(lastSequence);
        } else {
            // From now: whatever a screen loaded before this point may be older than the stream, so it reloads once live.
            reloadWhenLive = true;
        }
        Attempt attempt = new Attempt(hasSequence);
        current = attempt;
        try {
            stubs.get().watchAppointments(request.build(), attempt);
        } catch (RuntimeException e) {
            ended(attempt, Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e));
        }
    }

    private void received(Attempt attempt, WatchAppointmentsResponse response) {
        if (attempt != current) {
            return; // a stream we have already given up on
        }
        switch (response.getMessageCase()) {
            case EVENT -> event(attempt, response.getEvent());
            case CHECKPOINT -> checkpoint(attempt, response.getCheckpoint());
            default -> log.debug("Ignoring an empty WatchAppointments message");
        }
        attempt.requestOne();
    }

    private void event(Attempt attempt, AppointmentEvent event) {
        if (hasSequence && event.getSequence() <= lastSequence) {
            log.debug("Dropping event {} already seen (last {})", event.getSequence(), lastSequence);
            return;
        }
        hasSequence = true;
        lastSequence = event.getSequence();
        if (!attempt.live) {
            attempt.caughtUp++;
        }
        delivered++;
        for (AppointmentListener listener : listeners) {
            try {
                listener.appointmentChanged(event);
            } catch (RuntimeException e) {
                log.error("A screen failed to apply appointment event {}", event.getSequence(), e);
            }
        }
    }

    private void checkpoint(Attempt attempt, WatchCheckpoint checkpoint) {
        if (!hasSequence || checkpoint.getSequence() > lastSequence) {
            hasSequence = true;
            lastSequence = checkpoint.getSequence();
        }
        if (checkpoint.getLive() && !attempt.live) {
            attempt.live = true;
            becameLive(attempt);
        }
    }

    private void becameLive(Attempt attempt) {
        Instant now = clock.instant();
        backoff.reset();
        lastConnected.set(now);
        String text;
        if (!everLive) {
            text = "Live since " + at(now) + ": changes made on any workstation appear here as they happen.";
        } else if (attempt.resumed) {
            text = "Reconnected at " + at(now) + " and caught up on " + changes(attempt.caughtUp)
                    + " made while the connection was down.";
        } else {
            text = "Reconnected at " + at(now) + "; the screens loaded again because the missed changes could not be replayed.";
        }
        log.info("Live appointment updates {} (after sequence {}, {} replayed)", everLive ? "resumed" : "started",
                lastSequence, attempt.caughtUp);
        everLive = true;
        lostSince = null;
        show(LiveState.LIVE, text);
        if (reloadWhenLive) {
            reloadWhenLive = false;
            for (AppointmentListener listener : listeners) {
                try {
                    listener.reloadNeeded();
                } catch (RuntimeException e) {
                    log.error("A screen failed to reload", e);
                }
            }
        }
    }

    private void ended(Attempt attempt, Status status) {
        if (attempt != current) {
            return;
        }
        current = null;
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        if (lostSince == null) {
            lostSince = now;
        }
        String reason = reasonOf(status);
        if (status.getCode() == Status.Code.OUT_OF_RANGE) {
            hasSequence = false; // watch from now and reload
        }
        Duration wait = backoff.next();
        log.info("Live appointment stream ended ({}: {}); trying again in {} ms", status.getCode(), reason, wait.toMillis());
        boolean signedOut = status.getCode() == Status.Code.UNAUTHENTICATED;
        boolean longGone = Duration.between(lostSince, now).compareTo(offlineAfter) >= 0;
        String retryText = "Trying again in " + seconds(wait) + ".";
        if (signedOut) {
            show(LiveState.OFFLINE, "Offline: " + reason + ". " + lastSeen() + " " + retryText);
            sessionEnded.run();
        } else if (longGone) {
            show(LiveState.OFFLINE, "Offline since " + at(lostSince) + ": " + reason + ". " + lastSeen()
                    + " Screens show what was last loaded. " + retryText);
        } else if (everLive) {
            show(LiveState.RECONNECTING, "Connection lost at " + at(lostSince) + " (" + reason + "). " + retryText
                    + " Changes made meanwhile will be caught up.");
        } else {
            show(LiveState.RECONNECTING, "Connecting for live updates (" + reason + "). " + retryText);
        }
        cancelRetry();
        retry = scheduler.schedule(wait, () -> {
            wakeChannel.run();
            ui.execute(this::connect);
        });
    }

    private static String reasonOf(Status status) {
        String why = switch (status.getCode()) {
            case UNAVAILABLE -> "the server cannot be reached";
            case RESOURCE_EXHAUSTED -> "this workstation fell behind";
            case OUT_OF_RANGE -> "missed changes can no longer be replayed, so the screens will load again";
            case UNAUTHENTICATED -> "your session has ended; sign in again";
            case PERMISSION_DENIED -> "this account may not watch appointments";
            case UNIMPLEMENTED -> "this server does not send live updates";
            case DEADLINE_EXCEEDED -> "the server did not answer in time";
            case CANCELLED -> "the stream was cancelled";
            default -> "the server reported " + status.getCode();
        };
        return why;
    }

    private String lastSeen() {
        return lastConnected.get() == null ? "Not connected yet in this session." : "Last connected at " + at(lastConnected.get()) + ".";
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    private void show(LiveState now, String text) {
        state.set(now);
        detail.set(text);
    }

    private String at(Instant instant) {
        return TIME.format(instant.atZone(clock.getZone()));
    }

    private static String seconds(Duration wait) {
        long tenths = Math.max(1, Math.round(wait.toMillis() / 100.0));
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : String.format(Locale.ENGLISH, "%.1f", tenths / 10.0)) + " s";
    }

    private static String changes(long n) {
        return org.medconnect.desktop.platform.Plural.of(n, "change", "changes");
    }

    public ReadOnlyObjectProperty<LiveState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Tooltip text: since when it is live, or why not and what it is doing about it. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastConnectedProperty() {
        return lastConnected.getReadOnlyProperty();
    }

    /** The last sequence seen (an event's or a checkpoint's); read on the UI thread. */
    public OptionalLong lastSequence() {
        return hasSequence ? OptionalLong.of(lastSequence) : OptionalLong.empty();
    }

    /** Whether the stream has been live at least once this session; read on the UI thread. */
    public boolean everLive() {
        return everLive;
    }

    /** Events handed to listeners so far; read on the UI thread. */
    public long delivered() {
        return delivered;
    }

    /** One open (or opening) stream; its callbacks come on gRPC threads and go straight to the UI thread. */
    private final class Attempt implements ClientResponseObserver<WatchAppointmentsRequest, WatchAppointmentsResponse> {

        final boolean resumed;
        boolean live;
        long caughtUp;
        private volatile ClientCallStreamObserver<WatchAppointmentsRequest> call;
        private volatile boolean cancelled;

        Attempt(boolean resumed) {
            this.resumed = resumed;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchAppointmentsRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(PREFETCH);
        }

        void requestOne() {
            ClientCallStreamObserver<WatchAppointmentsRequest> open = call;
            if (open != null && !cancelled) {
                open.request(1);
            }
        }

        void cancel() {
            cancelled = true;
            ClientCallStreamObserver<WatchAppointmentsRequest> open = call;
            if (open != null) {
                open.cancel("workstation stopped watching", null);
            }
        }

        @Override
        public void onNext(WatchAppointmentsResponse response) {
            ui.execute(() -> received(this, response));
        }

        @Override
        public void onError(Throwable t) {
            ui.execute(() -> ended(this, Status.fromThrowable(t)));
        }

        @Override
        public void onCompleted() {
            ui.execute(() -> ended(this, Status.UNAVAILABLE.withDescription("the server closed the stream")));
        }
    }
}
