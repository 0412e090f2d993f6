package org.medconnect.server.platform;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Refuses every call at once with UNAVAILABLE ("the server's database is unavailable; retrying is
 * safe") while {@link DatabaseHealth} knows the database is down, so callers do not each wait on
 * the pool. Runs before authentication, which needs the database too. Not put on gRPC health.
 */
public final class DatabaseGate implements ServerInterceptor {

    private final DatabaseHealth health;
    private final ErrorMapper errors;

    public DatabaseGate(DatabaseHealth health, ErrorMapper errors) {
        this.health = health;
        this.errors = errors;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (health.isUp()) {
            return next.startCall(call, headers);
        }
        StatusRuntimeException status = errors.toStatus(ErrorMapper.databaseUnavailable());
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
        return new ServerCall.Listener<>() {};
    }
}
