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
}
