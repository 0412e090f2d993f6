package org.medconnect.desktop.chart;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medconnect.desktop.platform.Backoff;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.UiThread;
import org.medconnect.proto.chart.v1.ChartEvent;
import org.medconnect.proto.chart.v1.WatchChartRequest;
import org.medconnect.proto.chart.v1.WatchChartResponse;

/**
 * One open chart's WatchChart subscription: resumes after the last sequence it saw, and when
 * the stream breaks reconnects after a {@link Backoff} pause, so no change is missed or seen
 * twice. Events are handed over on the UI thread.
 */
public final class ChartWatch implements AutoCloseable {

    private final ServerConnection connection;
    private final String patientId;
    private final UiThread ui;
    private final Consumer<ChartEvent> onEvent;
    private final Backoff backoff = Backoff.standard();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("medconnect-chart-watch").factory());
    private volatile long lastSequence;
    private volatile Context.CancellableContext call;
    private volatile boolean closed;

    public ChartWatch(ServerConnection connection, String patientId, long afterSequence, UiThread ui, Consumer<ChartEvent> onEvent) {
        this.connection = connection;
        this.patientId = patientId;
        this.lastSequence = afterSequence;
        this.ui = ui;
        this.onEvent = onEvent;
    }

    /** The last sequence handed over: a reconnect resumes after it. */
    public long lastSequence() {
        return lastSequence;
    }

    public void start() {
        if (closed) {
            return;
        }
        Context.CancellableContext context = Context.current().withCancellation();
        call = context;
        WatchChartRequest request = WatchChartRequest.newBuilder().setPatientId(patientId).setAfterSequence(lastSequence).build();
        context.run(() -> connection.chartStream().watchChart(request, new StreamObserver<>() {
            @Override
            public void onNext(WatchChartResponse r) {
                if (r.hasEvent()) {
                    ChartEvent e = r.getEvent();
                    if (e.getSequence() > lastSequence) {
                        lastSequence = e.getSequence();
                        ui.execute(() -> onEvent.accept(e));
                    }
                } else {
                    backoff.reset();
                }
            }

            @Override
            public void onError(Throwable t) {
                retry();
            }

            @Override
            public void onCompleted() {
                retry();
            }
        }));
    }

    private void retry() {
        if (closed) {
            return;
        }
        connection.resetConnectBackoff();
        retries.schedule(this::start, backoff.next().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        Context.CancellableContext current = call;
        if (current != null) {
            current.cancel(null);
        }
        retries.shutdownNow();
    }
}
