package org.medconnect.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.auth.v1.SecondFactorStep;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.auth.v1.WhoAmIRequest;
import org.medconnect.server.auth.Totp;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Signing in with a second factor against the real server: enrolling on first sign-in, then a code. */
class SecondFactorViewModelTest {

    private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:10Z"));
    private static TestClinic clinic;

    @TempDir
    Path home;
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
    private final SessionState session = new SessionState();
    private final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(),
            new ServerErrors(connection::address, ZoneOffset.UTC), session);

    @BeforeAll
    static void startClinicRequiringASecondFactorForAdmins() {
        clinic = TestClinic.start(clock, TestConfig.defaults().withSecondFactor(
                new ServerConfig.SecondFactor(Set.of(Role.ADMIN), Duration.ofMinutes(5), Duration.ofMinutes(5))));
        clinic.createUser("grace.admin", "correct-horse-77", "ADMIN", "Grace Admin", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private SignInResponse signIn() {
        SignInViewModel signIn = new SignInViewModel(connection, calls, new DesktopPreferences(home), "TEST-PC");
        signIn.serverAddressProperty().set(clinic.address());
        signIn.usernameProperty().set("grace.admin");
        signIn.passwordProperty().set("correct-horse-77");
        List<SignInResponse> owed = new ArrayList<>();
        signIn.onSecondFactor(owed::add);
        signIn.onSignedIn(r -> { throw new AssertionError("signed in without a second factor"); });
        signIn.signIn();
        assertThat(owed).as(signIn.messageProperty().get()).hasSize(1);
        return owed.getFirst();
    }

    @Test
    void anAdminEnrolsOnFirstSignInNotesTheRecoveryCodesThenSignsInWithACode() {
        SignInResponse pending = signIn();
        assertThat(pending.getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_ENROL);
        SecondFactorViewModel enrol = new SecondFactorViewModel(connection, calls, pending);
        List<SignInResponse> signedIn = new ArrayList<>();
        enrol.onSignedIn(signedIn::add);

        enrol.beginEnrolment();
        assertThat(enrol.qrPngProperty().get()).isNotEmpty();
        byte[] secret = Base32.decode(enrol.secretProperty().get());
        enrol.codeProperty().set(Totp.standard().codeAt(secret, clock.instant()));
        enrol.submit();

        assertThat(enrol.stageProperty().get()).isEqualTo(SecondFactorViewModel.Stage.RECOVERY_CODES);
        assertThat(enrol.recoveryCodes()).hasSize(10);
        enrol.continueAfterRecoveryCodes();
        assertThat(signedIn).singleElement().satisfies(r -> assertThat(r.getSecondFactorStep())
                .isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_UNSPECIFIED));
        assertThat(connection.auth().whoAmI(WhoAmIRequest.getDefaultInstance()).getPrincipal().getUsername()).isEqualTo("grace.admin");

        clock.advance(Duration.ofSeconds(30));
        SignInResponse again = signIn();
        assertThat(again.getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_VERIFY);
        SecondFactorViewModel verify = new SecondFactorViewModel(connection, calls, again);
        verify.onSignedIn(signedIn::add);
        verify.codeProperty().set("000000");
        verify.submit();
        assertThat(verify.messageProperty().get()).contains("not right");
        verify.codeProperty().set(Totp.standard().codeAt(secret, clock.instant()));
        verify.submit();

        assertThat(signedIn).hasSize(2);
        assertThat(connection.auth().whoAmI(WhoAmIRequest.getDefaultInstance()).getPrincipal().getUsername()).isEqualTo("grace.admin");
    }
}
