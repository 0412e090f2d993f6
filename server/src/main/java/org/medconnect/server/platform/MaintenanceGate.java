package org.medconnect.server.platform;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes the whole server for a moment while it does something no call may see half-done (a
 * restore from a backup, decision 0047): every call arriving meanwhile is answered at once with
 * UNAVAILABLE and a message saying why (a retry later is safe), except calls of the method doing
 * the work, which are ABORTED (it is already under way). {@link #close} waits for the calls
 * already under way to finish, so none of them writes into what is being replaced. Live
 * (server-streaming) calls are not waited for: whoever closes the gate ends them. Runs first,
 * before the database gate and authentication, which need the database.
 */
public final class MaintenanceGate implements ServerInterceptor {

    /** Why the gate is closed, as callers read it. */
    public record Closed(String reason, String message, String busyMethod, String busyReason, String busyMessage) {}

    private final ErrorMapper errors;
    private final AtomicReference<Closed> closed = new AtomicReference<>();
    private final Object lock = new Object();
    private int underWay;

    public MaintenanceGate(ErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        boolean counted = call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.SERVER_STREAMING;
        synchronized (lock) {
            Closed now = closed.get();
            if (now != null) {
                refuse(call, now);
                return new ServerCall.Listener<>() {};
            }
            if (counted) {
                underWay++;
            }
        }
        if (!counted) {
            return next.startCall(call, headers);
        }
        AtomicBoolean done = new AtomicBoolean();
        Runnable finished = () -> {
            if (done.compareAndSet(false, true)) {
                synchronized (lock) {
                    underWay--;
                    lock.notifyAll();
                }
            }
        };
        ServerCall<Q, R> tracked = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    finished.run();
                }
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(tracked, headers);
        } catch (RuntimeException e) {
            finished.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    finished.run();
                }
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    finished.run();
                }
            }
        };
    }

    private <Q, R> void refuse(ServerCall<Q, R> call, Closed why) {
        DomainException answer = call.getMethodDescriptor().getFullMethodName().equals(why.busyMethod())
                ? new DomainException.Aborted(why.busyReason(), why.busyMessage())
                : new DomainException.Unavailable(why.reason(), why.message());
        StatusRuntimeException status = errors.toStatus(answer);
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    }

    /**
     * Closes the gate, then waits up to {@code drain} for the calls under way to finish. Returns
     * false (gate left open) when it was already closed, and when calls were still running after
     * {@code drain} (gate opened again).
     *
     * @param own how many of the counted calls under way belong to the closer itself (0 when it is server-streaming)
     */
    public boolean close(Closed why, Duration drain, int own) throws InterruptedException {
        synchronized (lock) {
            if (!closed.compareAndSet(null, why)) {
                return false;
            }
            long until = System.nanoTime() + drain.toNanos();
            while (underWay > own) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    closed.set(null);
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Lets calls in again. */
    public void open() {
        closed.set(null);
    }

    /** Why the gate is closed, if it is. */
    public Optional<Closed> state() {
        return Optional.ofNullable(closed.get());
    }

    /** Counted calls under way now (for tests). */
    public int underWay() {
        synchronized (lock) {
            return underWay;
        }
    }
}
