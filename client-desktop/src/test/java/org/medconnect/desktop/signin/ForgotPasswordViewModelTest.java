package org.medconnect.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** "Forgot password?" on the sign-in card against the real server, with and without a mail server. */
class ForgotPasswordViewModelTest {

    @TempDir
    Path home;
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
    private final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(),
            new ServerErrors(connection::address, ZoneOffset.UTC), new SessionState());

    @AfterEach
    void close() {
        connection.close();
    }

    private SignInViewModel signInCard(TestClinic clinic, String username) {
        SignInViewModel card = new SignInViewModel(connection, calls, new DesktopPreferences(home), "TEST-PC");
        card.serverAddressProperty().set(clinic.address());
        card.usernameProperty().set(username);
        return card;
    }

    @Nested
    class WithAMailServer {

        @RegisterExtension
        final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

        @Test
        void theEmailedCodeSetsANewPasswordAndTheCardSaysSo() throws Exception {
            ServerConfig config = TestConfig.defaults();
            config = config.withReminders(config.reminders().withSmtp(new ServerConfig.Smtp("127.0.0.1",
                    mail.getSmtp().getPort(), "", "", "clinic@clinic.test", false)));
            try (TestClinic clinic = TestClinic.start(java.time.Clock.systemUTC(), config)) {
                clinic.createUser("maria.lopez", "Old-password-2026", "RECEPTIONIST", "Maria Lopez", false);
                SignInViewModel card = signInCard(clinic, "maria.lopez");
                ForgotPasswordViewModel forgot = card.forgotPassword();

                forgot.requestCode();

                assertThat(forgot.messageProperty().get()).isEmpty();
                assertThat(forgot.stageProperty().get()).isEqualTo(ForgotPasswordViewModel.Stage.CODE);
                assertThat(forgot.infoProperty().get()).isNotEmpty();
                assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
                Matcher code = Pattern.compile("\\b([0-9]{8})\\b").matcher(GreenMailUtil.getBody(mail.getReceivedMessages()[0]));
                assertThat(code.find()).isTrue();

                forgot.codeProperty().set(code.group(1));
                forgot.newPasswordProperty().set("short");
                forgot.repeatPasswordProperty().set("short");
                forgot.reset();
                assertThat(forgot.newErrorProperty().get()).as("the shared password rules, before sending").isNotEmpty();

                forgot.newPasswordProperty().set("Brand-new-pass-77");
                forgot.repeatPasswordProperty().set("Brand-new-pass-77");
                forgot.reset();

                assertThat(forgot.messageProperty().get()).isEmpty();
                assertThat(card.noteProperty().get()).isEqualTo("Your password was changed. Sign in with the new one.");
                java.util.List<SignInResponse> signedIn = new java.util.ArrayList<>();
                card.onSignedIn(signedIn::add);
                card.passwordProperty().set("Brand-new-pass-77");
                card.signIn();
                assertThat(signedIn).as(card.messageProperty().get()).hasSize(1);
            }
        }

        @Test
        void aWrongCodeIsRefusedNextToTheCodeField() {
            ServerConfig config = TestConfig.defaults();
            config = config.withReminders(config.reminders().withSmtp(new ServerConfig.Smtp("127.0.0.1",
                    mail.getSmtp().getPort(), "", "", "clinic@clinic.test", false)));
            try (TestClinic clinic = TestClinic.start(java.time.Clock.systemUTC(), config)) {
                clinic.createUser("maria.lopez", "Old-password-2026", "RECEPTIONIST", "Maria Lopez", false);
                ForgotPasswordViewModel forgot = signInCard(clinic, "maria.lopez").forgotPassword();
                forgot.requestCode();
                forgot.codeProperty().set("00000000");
                forgot.newPasswordProperty().set("Brand-new-pass-77");
                forgot.repeatPasswordProperty().set("Brand-new-pass-77");

                forgot.reset();

                assertThat(forgot.codeErrorProperty().get() + forgot.messageProperty().get()).isNotEmpty();
            }
        }
    }

    @Test
    void withoutAMailServerItSaysToAskAnAdministrator() {
        try (TestClinic clinic = TestClinic.start()) {
            clinic.createUser("maria.lopez", "Old-password-2026", "RECEPTIONIST", "Maria Lopez", false);
            ForgotPasswordViewModel forgot = signInCard(clinic, "maria.lopez").forgotPassword();

            forgot.requestCode();

            assertThat(forgot.stageProperty().get()).isEqualTo(ForgotPasswordViewModel.Stage.ASK_ADMIN);
            assertThat(forgot.infoProperty().get()).containsIgnoringCase("ask an administrator");
        }
    }

    @Test
    void aPasswordAgainstTheSharedRulesIsRefusedWithoutCallingTheServer() {
        org.medconnect.desktop.platform.ScriptedTaskRunner runner = new org.medconnect.desktop.platform.ScriptedTaskRunner();
        ServerCalls scripted = new ServerCalls(runner, new ServerErrors(connection::address, ZoneOffset.UTC), new SessionState());
        ForgotPasswordViewModel forgot = new ForgotPasswordViewModel(connection, scripted, "localhost:1", "maria.lopez");
        forgot.codeProperty().set("48120375");
        forgot.newPasswordProperty().set("short");
        forgot.repeatPasswordProperty().set("short");

        forgot.reset();

        assertThat(forgot.newErrorProperty().get()).isEqualTo("A password needs at least 10 characters.");
        assertThat(runner.pendingCount()).isZero();
    }

    @Test
    void asksForTheUsernameBeforeCallingTheServer() {
        ForgotPasswordViewModel forgot = new ForgotPasswordViewModel(connection, calls, "localhost:1", "  ");

        forgot.requestCode();

        assertThat(forgot.messageProperty().get()).isEqualTo("Enter your username.");
        assertThat(forgot.stageProperty().get()).isEqualTo(ForgotPasswordViewModel.Stage.REQUEST);
    }
}
