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
    private Runnable answered = () -> {};
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

    /** Runs on the FX thread whenever the server answered a call (the session's idle clock starts again). */
    public void onAnswered(Runnable handler) {
        this.answered = handler;
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
            session.callAnswered(ConnectionState.CONNECTED);
            answered.run();
            onSuccess.accept(result);
        }, thrown -> {
            busy.set(false);
            CallFailure failure = errors.translate(thrown);
            if (failure.databaseUnavailable()) {
                session.callAnswered(ConnectionState.DATABASE_UNAVAILABLE);
            } else if (failure.serverUnreachable()) {
                session.callAnswered(ConnectionState.LOST);
            } else if (failure.code() != io.grpc.Status.Code.UNKNOWN && failure.code() != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                session.callAnswered(ConnectionState.CONNECTED);
            }
            if (!failure.serverUnreachable() && !failure.sessionExpired() && failure.code() != io.grpc.Status.Code.UNKNOWN
                    && failure.code() != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                answered.run(); // a refusal is an answer: the session was used
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
