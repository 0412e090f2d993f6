package org.medconnect.desktop.platform;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;

/**
 * The one way view models call the server: in the background, with a busy flag, failures translated,
 * connection state kept current, and an ended session reported to whoever shows the re-sign-in prompt.
 */
public final class ServerCalls {

    private final TaskRunner runner;
    private final ServerErrors errors;
    private final SessionState session;
    private Consumer<CallFailure> sessionEndedHandler = failure -> {};
    private Consumer<CallFailure> passwordChangeHandler = failure -> {};
    private StepUpHandler stepUpHandler;

    /** Answers STEP_UP_REQUIRED: asks for a code, then runs {@code retry}, or {@code giveUp} to report the refusal. */
    @FunctionalInterface
    public interface StepUpHandler {
        void stepUp(CallFailure failure, Runnable retry, Runnable giveUp);
    }

    public ServerCalls(TaskRunner runner, ServerErrors errors, SessionState session) {
        this.runner = runner;
        this.errors = errors;
        this.session = session;
    }

    public void onSessionEnded(Consumer<CallFailure> handler) {
        this.sessionEndedHandler = handler;
    }

    public void onPasswordChangeRequired(Consumer<CallFailure> handler) {
        this.passwordChangeHandler = handler;
    }

    /** Sensitive calls refused for want of a recent second-factor code go to {@code handler} and are retried after it. */
    public void onStepUpRequired(StepUpHandler handler) {
        this.stepUpHandler = handler;
    }

    public <T> void call(BooleanProperty busy, Callable<T> work, Consumer<T> onSuccess, Consumer<CallFailure> onFailure) {
        busy.set(true);
        runner.run(work, result -> {
            busy.set(false);
            session.connectionProperty().set(ConnectionState.CONNECTED);
            onSuccess.accept(result);
        }, thrown -> {
            busy.set(false);
            CallFailure failure = errors.translate(thrown);
            if (failure.databaseUnavailable()) {
                session.connectionProperty().set(ConnectionState.DATABASE_UNAVAILABLE);
            } else if (failure.serverUnreachable()) {
                session.connectionProperty().set(ConnectionState.LOST);
            } else if (failure.code() != io.grpc.Status.Code.UNKNOWN && failure.code() != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                session.connectionProperty().set(ConnectionState.CONNECTED);
            }
            if (failure.is(ServerErrors.STEP_UP_REQUIRED) && stepUpHandler != null) {
                stepUpHandler.stepUp(failure, () -> call(busy, work, onSuccess, onFailure), () -> onFailure.accept(failure));
                return;
            }
            onFailure.accept(failure);
            if (failure.sessionExpired() && session.principal().isPresent()) {
                sessionEndedHandler.accept(failure);
            } else if (failure.is(ServerErrors.PASSWORD_CHANGE_REQUIRED) && session.principal().isPresent()) {
                passwordChangeHandler.accept(failure);
            }
        });
    }

    public ServerErrors errors() {
        return errors;
    }
}
