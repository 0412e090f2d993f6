package org.medconnect.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;

class ChangePasswordViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });
    private final ChangePasswordViewModel model = new ChangePasswordViewModel(connection,
            new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState()), "maria");

    private void fill(String current, String fresh, String repeat) {
        model.currentPasswordProperty().set(current);
        model.newPasswordProperty().set(fresh);
        model.repeatPasswordProperty().set(repeat);
    }

    @Test
    void refusesAShortPasswordWithTheSharedRuleMessage() {
        fill("Temporary-123", "short", "short");

        model.submit();

        assertThat(model.newErrorProperty().get()).isEqualTo("A password needs at least 10 characters.");
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void refusesAPasswordContainingTheUsername() {
        fill("Temporary-123", "maria-2026-long", "maria-2026-long");

        model.submit();

        assertThat(model.newErrorProperty().get()).isEqualTo("The password must not contain the username.");
    }

    @Test
    void refusesWhenTheRepeatDiffers() {
        fill("Temporary-123", "Blue-Harbour-77", "Blue-Harbour-78");

        model.submit();

        assertThat(model.repeatErrorProperty().get()).isEqualTo("The two new passwords are not the same.");
        assertThat(model.newErrorProperty().get()).isEmpty();
    }

    @Test
    void showsTheServersWordsWhenTheCurrentPasswordIsWrong() {
        fill("Wrong-password", "Blue-Harbour-77", "Blue-Harbour-77");

        model.submit();
        runner.fail(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.", "VALIDATION",
                "current_password", "The current password is not right."));

        assertThat(model.currentErrorProperty().get()).isEqualTo("The current password is not right.");
        assertThat(model.newPasswordProperty().get()).isEqualTo("Blue-Harbour-77");
    }
}
