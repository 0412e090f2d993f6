package org.medconnect.server.bench;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every call inside the server, from the arrival of its headers to the moment the
 * server closes it (authentication, the handler, the database): the server-side latency,
 * without the client's and the loopback's share.
 */
final class ServerTimings implements ServerInterceptor {

    private final Map<String, Samples> byMethod = new ConcurrentHashMap<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        String method = call.getMethodDescriptor().getBareMethodName();
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (status.isOk()) {
                    byMethod.computeIfAbsent(method, m -> new Samples()).add(System.nanoTime() - start);
                }
                super.close(status, trailers);
            }
        };
        return next.startCall(timed, headers);
    }

    /** Forgets everything recorded so far, e.g. the warm-up. */
    void reset() {
        byMethod.clear();
    }

    /** What was recorded for a method (bare name, e.g. "SearchSlots") since the last reset. */
    Samples of(String method) {
        return byMethod.getOrDefault(method, new Samples());
    }
}
