package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javafx.stage.Stage;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.VerifySecondFactorRequest;
import org.medconnect.server.auth.Totp;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Security sheet from a full session against the real server: a doctor sets up an authenticator app from
 * the header, notes the recovery codes, and from then on signs in with a code; when a sign-in leaves only two
 * recovery codes the workstation warns, and new codes from the Security sheet end the warning.
 */
@ExtendWith(ApplicationExtension.class)
class SecurityFlowTest {

    private static final String PASSWORD = "Consulting-room-2026";
    private static TestClinic clinic;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        clinic.createUser("d.mensah", PASSWORD, "DOCTOR", "Dr Kofi Mensah", false);
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address());
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void aDoctorEnrolsFromTheSecuritySheetSignsInWithACodeAndIsWarnedWhenRecoveryCodesRunLow(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("d.mensah", PASSWORD);
        ui.waitFor(() -> ui.shown("#open-security"), () -> "the workspace header");

        ui.click("#open-security");
        ui.waitForText("#security-status", "Off");
        assertThat(ui.shown("#security-regenerate")).as("no recovery codes to renew before the app").isFalse();
        ui.click("#security-enrol");
        ui.waitFor(() -> !ui.text("#security-secret").isEmpty(), () -> "the new secret");
        assertThat(robot.lookup("#security-qr").queryAs(javafx.scene.image.ImageView.class).getImage()).as("the QR code").isNotNull();
        byte[] secret = decode(ui.text("#security-secret"));
        ui.type("#security-code", Totp.standard().codeAt(secret, Instant.now()));
        ui.click("#security-confirm");
        ui.waitFor(() -> ui.shown("#security-recovery-codes"), () -> "the recovery codes");
        List<String> codes = Arrays.asList(ui.text("#security-recovery-codes").split("\n"));
        assertThat(codes).hasSize(10).allSatisfy(c -> assertThat(c).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
        assertThat(ui.shown("#security-copy")).isTrue();
        assertThat(ui.shown("#security-print")).isTrue();
        ui.click("#security-codes-done");
        ui.waitForText("#security-status", "On");
        assertThat(ui.text("#security-codes-left")).isEqualTo("10 of 10");
        ui.click("#security-close");

        ui.click("#sign-out");
        ui.signIn("d.mensah", PASSWORD);
        ui.waitFor(() -> ui.shown("#second-factor-code"), () -> "the second-factor card");
        // The enrolment used this 30-second step's code; the next step's is accepted too (one step either side).
        ui.type("#second-factor-code", Totp.standard().codeAt(secret, Instant.now().plusSeconds(30)));
        ui.click("#second-factor-submit");
        ui.waitFor(() -> ui.shown("#open-security"), () -> "the workspace after the code");
        assertThat(ui.shown("#dialog-message")).as("no warning with ten codes left").isFalse();

        // Seven sign-ins elsewhere with recovery codes leave three; the next one here leaves two.
        var auth = AuthServiceGrpc.newBlockingStub(clinic.channel());
        for (String used : codes.subList(0, 7)) {
            String pending = auth.signIn(SignInRequest.newBuilder().setUsername("d.mensah").setPassword(PASSWORD).build()).getSessionToken();
            auth.withCallCredentials(Calls.bearer(pending)).verifySecondFactor(VerifySecondFactorRequest.newBuilder().setRecoveryCode(used).build());
        }
        ui.click("#sign-out");
        ui.signIn("d.mensah", PASSWORD);
        ui.waitFor(() -> ui.shown("#second-factor-code"), () -> "the second-factor card");
        ui.click("#use-recovery-code");
        ui.type("#second-factor-code", codes.get(7));
        ui.click("#second-factor-submit");
        ui.waitForText("#dialog-message", "Only 2 recovery codes are left");
        ui.click("#inform-ok");

        ui.click("#open-security");
        ui.waitForText("#security-low-codes", "Only 2 recovery codes are left");
        assertThat(ui.text("#security-codes-left")).isEqualTo("2 of 10");
        ui.click("#security-regenerate");
        ui.waitFor(() -> ui.shown("#security-recovery-codes"), () -> "the new recovery codes");
        assertThat(ui.text("#security-recovery-codes").split("\n")).hasSize(10).doesNotContainAnyElementsOf(codes);
        ui.click("#security-codes-done");
        ui.waitForText("#security-codes-left", "10 of 10");
        assertThat(ui.shown("#security-low-codes")).isFalse();
    }

    private static byte[] decode(String base32) {
        return Base32.decode(base32 + "=".repeat((8 - base32.length() % 8) % 8));
    }
}
