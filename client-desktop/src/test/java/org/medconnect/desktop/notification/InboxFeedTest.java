package org.medconnect.desktop.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Backoff;
import org.medconnect.desktop.platform.live.ManualScheduler;
import org.medconnect.desktop.platform.live.TestUiThread;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.notification.v1.WatchNotificationsRequest;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;

/** The inbox stream reconnects the way the appointment stream does: after the shared backoff, reset once live. */
class InboxFeedTest {

    private final BlockingQueue<ServerCallStreamObserver<WatchNotificationsResponse>> streams = new LinkedBlockingQueue<>();
    private final List<Boolean> liveChanges = new CopyOnWriteArrayList<>();
    private final List<Integer> unreadCounts = new CopyOnWriteArrayList<>();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TestUiThread ui = new TestUiThread();
    private Server server;
    private ManagedChannel channel;
    private InboxFeed feed;

    @BeforeEach
    void startServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new NotificationServiceGrpc.NotificationServiceImplBase() {
                    @Override
                    public void watchNotifications(WatchNotificationsRequest request,
                                                   StreamObserver<WatchNotificationsResponse> responses) {
                        streams.add((ServerCallStreamObserver<WatchNotificationsResponse>) responses);
                    }
                }).build().start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        feed = new InboxFeed(() -> NotificationServiceGrpc.newStub(channel), () -> { }, ui, scheduler,
                new Backoff(InboxFeed.FIRST_RETRY, InboxFeed.MAX_RETRY, () -> 1.0), u -> unreadCounts.add(u.getUnreadCount()),
                liveChanges::add);
    }

    @AfterEach
    void stop() throws Exception {
        feed.close();
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        ui.close();
    }

    private ServerCallStreamObserver<WatchNotificationsResponse> nextStream() throws InterruptedException {
        ServerCallStreamObserver<WatchNotificationsResponse> stream = streams.poll(5, TimeUnit.SECONDS);
        assertThat(stream).as("a WatchNotifications call reached the server").isNotNull();
        return stream;
    }

    private static WatchNotificationsResponse unread(int count) {
        return WatchNotificationsResponse.newBuilder().setUnreadCount(count).build();
    }

    @Test
    void theFirstMessageMakesTheInboxLiveAndShowsTheCount() throws Exception {
        feed.start();
        nextStream().onNext(unread(3));

        await().atMost(Duration.ofSeconds(5)).until(() -> unreadCounts.equals(List.of(3)));
        assertThat(liveChanges).containsExactly(true);
    }

    @Test
    void aDroppedStreamIsOpenedAgainAfterOneSecondThenTwo() throws Exception {
        feed.start();
        nextStream().onError(Status.UNAVAILABLE.asRuntimeException());
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.pendingCount() == 1);
        assertThat(liveChanges).containsExactly(false);

        scheduler.runNext();
        nextStream().onError(Status.UNAVAILABLE.asRuntimeException());
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.pendingCount() == 1);

        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void onceLiveAgainTheNextDropWaitsOnlyTheFirstDelay() throws Exception {
        feed.start();
        nextStream().onError(Status.UNAVAILABLE.asRuntimeException());
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.pendingCount() == 1);
        scheduler.runNext();
        ServerCallStreamObserver<WatchNotificationsResponse> second = nextStream();
        second.onNext(unread(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> unreadCounts.equals(List.of(1)));

        second.onCompleted();
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.pendingCount() == 1);

        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(liveChanges).containsExactly(false, true, false);
    }

    @Test
    void signingOutCancelsTheStreamAndStopsRetrying() throws Exception {
        feed.start();
        ServerCallStreamObserver<WatchNotificationsResponse> stream = nextStream();

        feed.close();

        await().atMost(Duration.ofSeconds(5)).until(stream::isCancelled);
        assertThat(scheduler.pendingCount()).isZero();
        assertThat(liveChanges).isEmpty();
    }
}
