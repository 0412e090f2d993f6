package org.medconnect.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.Principal;

class ServerCallsTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final SessionState session = new SessionState();
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "clinic:50051", ZoneOffset.UTC), session);
    private final List<CallFailure> ended = new ArrayList<>();
    private final List<CallFailure> shown = new ArrayList<>();

    ServerCallsTest() {
        calls.onSessionEnded(ended::add);
    }

    private void callAndFail(Throwable failure) {
        calls.call(new SimpleBooleanProperty(), () -> "never", r -> { }, shown::add);
        runner.fail(failure);
    }

    @Test
    void anEndedSessionOpensTheReSignInPromptAndTheScreenStillGetsTheFailure() {
        session.principalProperty().set(Principal.newBuilder().setUsername("maria").build());

        callAndFail(Failures.reason(Status.Code.UNAUTHENTICATED, "Session expired.", "SESSION_EXPIRED"));

        assertThat(ended).hasSize(1);
        assertThat(shown).extracting(CallFailure::message)
                .containsExactly("Your session ended (idle for too long). Sign in again to continue.");
    }

    @Test
    void wrongPasswordAtSignInIsNotAnEndedSession() {
        callAndFail(Failures.reason(Status.Code.UNAUTHENTICATED, "The username or password is not right.", "WRONG_CREDENTIALS"));

        assertThat(ended).isEmpty();
    }

    @Test
    void connectionStateFollowsCallResults() {
        callAndFail(Status.UNAVAILABLE.asRuntimeException());
        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionState.LOST);

        calls.call(new SimpleBooleanProperty(), () -> "ok", r -> { }, shown::add);
        runner.succeed("ok");

        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aDownDatabaseShowsInTheStatusBarUntilACallSucceeds() {
        callAndFail(Failures.reason(Status.Code.UNAVAILABLE, "The server's database is unavailable; retrying is safe.",
                "DATABASE_UNAVAILABLE"));

        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionState.DATABASE_UNAVAILABLE);
        assertThat(session.connectionProperty().get().label()).isEqualTo("Server's database unavailable, retrying");
        assertThat(shown).extracting(CallFailure::message)
                .containsExactly("The server's database is unavailable; retrying is safe.");

        calls.call(new SimpleBooleanProperty(), () -> "ok", r -> { }, shown::add);
        runner.succeed("ok");

        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void busyFlagIsSetForTheDurationOfTheCall() {
        SimpleBooleanProperty busy = new SimpleBooleanProperty();
        calls.call(busy, () -> "ok", r -> { }, shown::add);
        assertThat(busy.get()).isTrue();

        runner.succeed("ok");

        assertThat(busy.get()).isFalse();
    }

    @Test
    void aStepUpRefusalAsksForACodeAndRetriesTheSameCall() {
        List<Runnable> retries = new ArrayList<>();
        calls.onStepUpRequired((failure, retry, giveUp) -> retries.add(retry));
        List<String> results = new ArrayList<>();
        calls.call(new SimpleBooleanProperty(), () -> "reset", results::add, shown::add);
        runner.fail(Failures.reason(Status.Code.FAILED_PRECONDITION, "Confirm it is you.", "STEP_UP_REQUIRED"));

        assertThat(shown).isEmpty();
        assertThat(retries).hasSize(1);
        retries.getFirst().run();
        runner.succeed("reset");

        assertThat(results).containsExactly("reset");
    }

    @Test
    void aCancelledStepUpShowsTheRefusal() {
        calls.onStepUpRequired((failure, retry, giveUp) -> giveUp.run());

        callAndFail(Failures.reason(Status.Code.FAILED_PRECONDITION, "Confirm it is you.", "STEP_UP_REQUIRED"));

        assertThat(shown).extracting(CallFailure::reason).containsExactly("STEP_UP_REQUIRED");
    }
}
