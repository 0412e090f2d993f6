package org.medconnect.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.medconnect.server.notification.InboxWatchers.Update;
import org.medconnect.server.notification.NotificationModel.Kind;
import org.medconnect.server.notification.NotificationModel.Notification;

/** The inbox stream sends only while the connection takes more, and what waits is bounded. */
class InboxFlowControlTest {

    static final class Recorder implements InboxWatchers.Sink {
        final List<Update> sent = new CopyOnWriteArrayList<>();
        volatile boolean ready;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void send(Update update) {
            sent.add(update);
        }
    }

    static Notification item(long id) {
        return new Notification(id, Kind.BOOKED, "Booked", "Ana Silva, Tue 10:00", Instant.EPOCH, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static List<Notification> items(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> to + from - i).mapToObj(InboxFlowControlTest::item).toList();
    }

    final Recorder screen = new Recorder();
    final InboxWatchers.Watcher watcher = new InboxWatchers.Watcher(UUID.randomUUID(), screen, () -> {});

    @Test
    void nothingIsSentWhileTheConnectionIsFull() {
        watcher.offer(new Update(1, items(1, 1)));
        assertThat(screen.sent).isEmpty();
    }

    @Test
    void whatWaitedGoesOutAsOneUpdateWithTheLatestCountWhenTheConnectionTakesMore() {
        watcher.offer(new Update(1, items(1, 1)));
        watcher.offer(new Update(2, items(2, 2)));
        watcher.offer(new Update(3, items(3, 3)));
        screen.ready = true;
        watcher.flush();
        assertThat(screen.sent).hasSize(1);
        assertThat(screen.sent.getFirst().unreadCount()).isEqualTo(3);
        assertThat(screen.sent.getFirst().fresh()).extracting(Notification::id).containsExactly(3L, 2L, 1L);
    }

    @Test
    void whatWaitsIsBoundedToTheNewestItems() {
        for (long i = 1; i <= 100; i++) {
            watcher.offer(new Update((int) i, items(i, i)));
        }
        screen.ready = true;
        watcher.flush();
        assertThat(screen.sent).hasSize(1);
        assertThat(screen.sent.getFirst().fresh()).hasSize(InboxWatchers.NEWEST)
                .extracting(Notification::id).startsWith(100L, 99L).doesNotContain(1L);
        assertThat(screen.sent.getFirst().unreadCount()).isEqualTo(100);
    }

    @Test
    void aReadyConnectionGetsEachUpdateAtOnce() {
        screen.ready = true;
        watcher.offer(new Update(1, items(1, 1)));
        watcher.offer(new Update(2, items(2, 2)));
        assertThat(screen.sent).extracting(Update::unreadCount).containsExactly(1, 2);
    }
}
