package org.medconnect.server.platform;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs one unary handler body and sends either its response or the mapped error. */
public final class GrpcCalls {

    private final ErrorMapper errors;

    public GrpcCalls(ErrorMapper errors) {
        this.errors = errors;
    }

    public <T> void unary(StreamObserver<T> observer, Supplier<T> body) {
        T response;
        try {
            response = body.get();
        } catch (RuntimeException | Error e) {
            observer.onError(errors.toStatus(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /** Runs the start of a server-streaming handler; an error thrown while starting ends the stream. */
    public <T> void stream(StreamObserver<T> observer, Runnable start) {
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            observer.onError(errors.toStatus(e));
        }
    }

    /** Ends a stream with the mapped error. */
    public <T> void fail(StreamObserver<T> observer, Throwable error) {
        observer.onError(errors.toStatus(error));
    }
}
