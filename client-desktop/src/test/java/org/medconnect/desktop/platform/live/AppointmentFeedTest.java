package org.medconnect.desktop.platform.live;

import org.awaitility.Awaitility;
import org.medconnect.desktop.platform.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.testing.FakeClinicServer;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentEventKind;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.WatchAppointmentsRequest;
import org.medconnect.server.testing.MutableClock;

/** The workstation's live feed against a fake WatchAppointments stream, with the timer turned by hand. */
class AppointmentFeedTest {

    private final FakeClinicServer server = new FakeClinicServer();
    private final TestUiThread ui = new TestUiThread();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    // Jitter fixed at the middle: each wait is 3/4 of its ceiling.
    private final AppointmentFeed feed = new AppointmentFeed(server.connection()::appointmentsAsync,
            server.connection()::resetConnectBackoff, ui, scheduler, clock,
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), () -> 0.5), Duration.ofSeconds(30));
    private final Recorder heard = new Recorder();

    @AfterEach
    void tearDown() {
        feed.close("test over");
        ui.get(() -> null);
        server.close();
        ui.close();
    }

    /** What a screen would hear. */
    static final class Recorder implements AppointmentListener {
        final List<Long> sequences = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile int reloads;

        @Override
        public void appointmentChanged(AppointmentEvent event) {
            sequences.add(event.getSequence());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void reloadNeeded() {
            reloads++;
        }
    }

    private static Appointment appointment(String id, long version) {
        return Appointment.newBuilder().setAppointmentId(id).setVersion(version)
                .setStatus(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN).build();
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            server.events().publish(AppointmentEventKind.APPOINTMENT_EVENT_KIND_UPDATED, appointment("a" + i, i + 1));
        }
    }

    private void goLive() {
        feed.listen(heard);
        feed.start();
        ui.await("live", () -> feed.stateProperty().get() == LiveState.LIVE);
    }

    private LiveState state() {
        return ui.get(() -> feed.stateProperty().get());
    }

    private String detail() {
        return ui.get(() -> feed.detailProperty().get());
    }

    private void awaitRetryScheduled() {
        ui.await("a retry to be scheduled", () -> scheduler.pendingCount() == 1);
    }

    @Nested
    class Starting {

        @Test
        void watchesFromNowAndGoesLiveAtTheFirstCheckpoint() {
            publish(3); // history before sign-in is not replayed
            goLive();

            WatchAppointmentsRequest first = server.events().requests().getFirst();
            assertThat(first.hasAfterSequence()).isFalse();
            assertThat(ui.get(feed::lastSequence)).hasValue(3);
            assertThat(heard.sequences).isEmpty();
            assertThat(detail()).startsWith("Live since 08:00:00");
            assertThat(ui.get(() -> feed.lastConnectedProperty().get())).isEqualTo(clock.instant());
        }

        @Test
        void asksScreensThatLoadedBeforeTheStreamToLoadAgainOnce() {
            goLive();
            assertThat(heard.reloads).isEqualTo(1);
        }

        @Test
        void saysConnectingUntilTheFirstCheckpoint() {
            server.events().refuse(Status.UNAVAILABLE);
            feed.start();
            awaitRetryScheduled();
            assertThat(state()).isEqualTo(LiveState.RECONNECTING);
            assertThat(detail()).startsWith("Connecting for live updates (the server cannot be reached). Trying again in 0.4 s");
        }
    }

    @Test
    void deliversEachEventOnceInOrderOnTheUiThread() {
        goLive();
        publish(3);
        ui.await("three events", () -> heard.sequences.size() == 3);
        assertThat(heard.sequences).containsExactly(1L, 2L, 3L);
        assertThat(heard.threads).containsOnly("test-ui");
        assertThat(ui.get(feed::lastSequence)).hasValue(3);
    }

    @Nested
    class Reconnecting {

        @Test
        void resumesAfterTheLastSequenceAndAppliesNoEventTwice() {
            goLive();
            publish(2);
            ui.await("two events", () -> heard.sequences.size() == 2);

            server.events().endAll(Status.UNAVAILABLE.withDescription("connection reset"));
            awaitRetryScheduled();
            assertThat(state()).isEqualTo(LiveState.RECONNECTING);
            assertThat(detail()).contains("Connection lost at 08:00:00").contains("will be caught up");
            server.events().publish(AppointmentEventKind.APPOINTMENT_EVENT_KIND_CHECKED_IN, appointment("late-1", 1));
            server.events().publish(AppointmentEventKind.APPOINTMENT_EVENT_KIND_BOOKED, appointment("late-2", 1));
            server.events().replayOverlap(2); // a server replaying too much must not show changes twice

            scheduler.runNext();
            ui.await("live again", () -> feed.stateProperty().get() == LiveState.LIVE);

            WatchAppointmentsRequest resume = server.events().requests().getLast();
            assertThat(resume.hasAfterSequence()).isTrue();
            assertThat(resume.getAfterSequence()).isEqualTo(2);
            assertThat(heard.sequences).containsExactly(1L, 2L, 3L, 4L);
            assertThat(detail()).contains("Reconnected at 08:00:00 and caught up on 2 changes");
            assertThat(heard.reloads).as("a resume needs no reload").isEqualTo(1);

            publish(1);
            ui.await("the next live event", () -> heard.sequences.size() == 5);
            assertThat(heard.sequences.getLast()).isEqualTo(5L);
        }

        @Test
        void aSubscriberTooSlowResumesFromItsLastSequence() {
            goLive();
            publish(4);
            ui.await("four events", () -> heard.sequences.size() == 4);
            server.events().endAll(Status.RESOURCE_EXHAUSTED.withDescription("SUBSCRIBER_TOO_SLOW"));
            awaitRetryScheduled();
            assertThat(detail()).contains("fell behind");

            scheduler.runNext();
            ui.await("live again", () -> feed.stateProperty().get() == LiveState.LIVE);
            assertThat(server.events().requests().getLast().getAfterSequence()).isEqualTo(4);
            assertThat(heard.sequences).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        void backoffGrowsWhileTheServerRefusesAndStartsOverOnceLive() {
            goLive();
            server.events().refuse(Status.UNAVAILABLE);
            server.events().endAll(Status.UNAVAILABLE);
            for (int i = 0; i < 7; i++) {
                awaitRetryScheduled();
                scheduler.runNext();
            }
            awaitRetryScheduled();
            assertThat(scheduler.delays()).extracting(Duration::toMillis)
                    .containsExactly(375L, 750L, 1500L, 3000L, 6000L, 11250L, 11250L, 11250L);

            server.events().accept();
            scheduler.runNext();
            ui.await("live again", () -> feed.stateProperty().get() == LiveState.LIVE);
            server.events().endAll(Status.UNAVAILABLE);
            awaitRetryScheduled();
            assertThat(scheduler.delays().getLast()).isEqualTo(Duration.ofMillis(375));
        }

        @Test
        void replayUnavailableMeansWatchFromNowAndReloadTheScreens() {
            goLive();
            publish(2);
            ui.await("two events", () -> heard.sequences.size() == 2);
            server.events().endAll(Status.UNAVAILABLE);
            awaitRetryScheduled();
            publish(3);
            server.events().forgetUpTo(4);

            scheduler.runNext(); // asks for after 2: gone
            awaitRetryScheduled();
            assertThat(server.events().requests().getLast().getAfterSequence()).isEqualTo(2);
            assertThat(detail()).contains("can no longer be replayed");
            assertThat(heard.reloads).isEqualTo(1);

            scheduler.runNext(); // from now
            ui.await("live again", () -> feed.stateProperty().get() == LiveState.LIVE);
            assertThat(server.events().requests().getLast().hasAfterSequence()).isFalse();
            ui.await("the reload request", () -> heard.reloads == 2);
            assertThat(heard.sequences).containsExactly(1L, 2L);
            assertThat(ui.get(feed::lastSequence)).hasValue(5);
            assertThat(detail()).contains("the screens loaded again");
        }

        @Test
        void theServerGoingAwaySaysReconnectingThenOfflineThenLiveAgain() {
            goLive();
            server.stop();
            ui.await("reconnecting", () -> feed.stateProperty().get() == LiveState.RECONNECTING);
            awaitRetryScheduled();

            clock.advance(Duration.ofSeconds(31));
            scheduler.runNext();
            ui.await("offline", () -> feed.stateProperty().get() == LiveState.OFFLINE);
            assertThat(detail()).startsWith("Offline since 08:00:00: the server cannot be reached.")
                    .contains("Last connected at 08:00:00");

            server.restart();
            publish(1);
            // The channel may still be reconnecting when the first retry goes out: retry as the timer would.
            Awaitility.await("live again after the restart").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (scheduler.pendingCount() > 0) {
                            scheduler.runNext();
                        }
                        return state() == LiveState.LIVE;
                    });
            assertThat(detail()).contains("Reconnected at 08:00:31 and caught up on 1 change ");
            assertThat(heard.sequences).containsExactly(1L);
        }

        @Test
        void anEndedSessionShowsOfflineAtOnce() {
            goLive();
            server.events().refuse(Status.UNAUTHENTICATED.withDescription("SESSION_EXPIRED"));
            server.events().endAll(Status.UNAUTHENTICATED.withDescription("SESSION_EXPIRED"));
            ui.await("offline", () -> feed.stateProperty().get() == LiveState.OFFLINE);
            assertThat(detail()).contains("session has ended; sign in again");
        }
    }

    @Nested
    class Stopping {

        @Test
        void signingOutClosesTheStreamAndStopsRetrying() {
            goLive();
            ui.await("the server to hold the stream", () -> server.events().openStreams() == 1);
            feed.stop("Signed out.");
            ui.await("offline", () -> feed.stateProperty().get() == LiveState.OFFLINE);
            ui.await("the stream closed on the server", () -> server.events().openStreams() == 0);
            publish(1);
            assertThat(detail()).isEqualTo("Signed out.");
            assertThat(scheduler.pendingCount()).isZero();
            assertThat(heard.sequences).isEmpty();
        }

        @Test
        void aClosedSubscriptionHearsNothingMore() {
            AppointmentFeed.Subscription other = feed.listen(new Recorder());
            goLive();
            Recorder second = new Recorder();
            AppointmentFeed.Subscription subscription = feed.listen(second);
            publish(1);
            ui.await("first event", () -> second.sequences.size() == 1);
            subscription.close();
            other.close();
            publish(1);
            ui.await("second event", () -> heard.sequences.size() == 2);
            assertThat(second.sequences).containsExactly(1L);
        }
    }
}
