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

    /**
     * A benchmark's own name for a call, e.g. which report panel it asked for: calls carrying it are
     * recorded under "method/label" as well as under the method.
     */
    static final Metadata.Key<String> LABEL = Metadata.Key.of("x-bench-label", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, Samples> byMethod = new ConcurrentHashMap<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        String method = call.getMethodDescriptor().getBareMethodName();
        String label = headers.get(LABEL);
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (status.isOk()) {
                    long nanos = System.nanoTime() - start;
                    byMethod.computeIfAbsent(method, m -> new Samples()).add(nanos);
                    if (label != null) {
                        byMethod.computeIfAbsent(method + "/" + label, m -> new Samples()).add(nanos);
                    }
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

    /** What was recorded for a method (bare name, e.g. "SearchSlots", or "GetReportPanel/label") since the last reset. */
    Samples of(String method) {
        return byMethod.getOrDefault(method, new Samples());
    }
}
