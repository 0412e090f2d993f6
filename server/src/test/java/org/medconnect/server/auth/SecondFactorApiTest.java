package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusRequest;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusResponse;
import org.medconnect.proto.auth.v1.RegenerateRecoveryCodesRequest;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentResponse;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentResponse;
import org.medconnect.proto.auth.v1.SecondFactorStep;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.auth.v1.SignOutRequest;
import org.medconnect.proto.auth.v1.StepUpRequest;
import org.medconnect.proto.auth.v1.VerifySecondFactorRequest;
import org.medconnect.proto.auth.v1.WhoAmIRequest;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.ResetPasswordRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.proto.staff.v1.UpdateUserRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** The second factor as a workstation meets it, through the access policy and the interceptor. */
class SecondFactorApiTest {

    private static final String PASSWORD = "a-good-password-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:10Z"));
    private MedConnectServer server;
    private ManagedChannel channel;
    private ClinicServices services;
    private String maria;

    @BeforeEach
    void start() throws Exception {
        String name = "second-factor-" + UUID.randomUUID();
        ServerConfig config = TestConfig.defaults().withSecondFactor(new ServerConfig.SecondFactor(
                Set.of(org.medconnect.server.platform.Role.ADMIN), Duration.ofMinutes(5), Duration.ofMinutes(5)));
        services = new ClinicServices(config, TestDatabase.fresh(), clock);
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        createUser("grace", org.medconnect.server.platform.Role.ADMIN);
        maria = createUser("maria", org.medconnect.server.platform.Role.RECEPTIONIST);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    private String createUser(String username, org.medconnect.server.platform.Role role) {
        return services.staff().createUser((UUID) null, new NewUser(Optional.empty(), username, "Name " + username,
                username + "@clinic.test", "", Optional.of(role), Optional.empty(), PASSWORD), false).id().toString();
    }

    private AuthServiceGrpc.AuthServiceBlockingStub auth(String token) {
        var stub = AuthServiceGrpc.newBlockingStub(channel);
        return token == null ? stub : stub.withCallCredentials(Calls.bearer(token));
    }

    private StaffServiceGrpc.StaffServiceBlockingStub staff(String token) {
        return StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token));
    }

    private SignInResponse signIn(String username) {
        return auth(null).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build());
    }

    private static String code(byte[] secret, Instant at) {
        return Totp.standard().codeAt(secret, at);
    }

    private static byte[] secretOf(BeginTotpEnrolmentResponse enrolment) {
        String b32 = enrolment.getSecret();
        return Base32.decode(b32 + "=".repeat((8 - b32.length() % 8) % 8));
    }

    /** Signs grace in (owing enrolment), enrols, and returns her secret and full session token. */
    private record Enrolled(byte[] secret, String token, List<String> recoveryCodes) {}

    private Enrolled enrolGrace() {
        SignInResponse pending = signIn("grace");
        BeginTotpEnrolmentResponse enrolment = auth(pending.getSessionToken()).beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance());
        byte[] secret = secretOf(enrolment);
        ConfirmTotpEnrolmentResponse confirmed = auth(pending.getSessionToken()).confirmTotpEnrolment(
                ConfirmTotpEnrolmentRequest.newBuilder().setCode(code(secret, clock.instant())).build());
        return new Enrolled(secret, confirmed.getSession().getSessionToken(), confirmed.getRecoveryCodesList());
    }

    @Nested
    class Enrolment {

        @Test
        void anAdminWithoutAnAuthenticatorMustEnrolBeforeGettingAFullSession() {
            SignInResponse pending = signIn("grace");

            assertThat(pending.getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_ENROL);
            Throwable refused = catchThrowable(() -> staff(pending.getSessionToken()).listUsers(ListUsersRequest.getDefaultInstance()));
            assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.reason(refused)).isEqualTo("SECOND_FACTOR_REQUIRED");
            // The half-done sign-in may still say who it is and sign out.
            assertThat(auth(pending.getSessionToken()).whoAmI(WhoAmIRequest.getDefaultInstance()).getPrincipal().getUsername()).isEqualTo("grace");
        }

        @Test
        void enrolmentGivesAnOtpauthUriAndAQrCodeOfIt() throws Exception {
            SignInResponse pending = signIn("grace");
            BeginTotpEnrolmentResponse enrolment = auth(pending.getSessionToken()).beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance());

            assertThat(enrolment.getOtpauthUri()).startsWith("otpauth://totp/MedConnect%3Agrace?secret=" + enrolment.getSecret())
                    .contains("issuer=MedConnect", "algorithm=SHA1", "digits=6", "period=30");
            assertThat(secretOf(enrolment)).hasSize(20);
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(enrolment.getQrPng().toByteArray()));
            int[] pixels = png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth());
            String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(png.getWidth(), png.getHeight(), pixels)))).getText();
            assertThat(decoded).isEqualTo(enrolment.getOtpauthUri());
        }

        @Test
        void confirmingWithTheFirstCodeGivesTenRecoveryCodesAndAFullSession() {
            Enrolled grace = enrolGrace();

            assertThat(grace.recoveryCodes()).hasSize(10).doesNotHaveDuplicates()
                    .allSatisfy(c -> assertThat(c).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
            assertThat(staff(grace.token()).listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount()).isEqualTo(2);
        }

        @Test
        void aWrongFirstCodeDoesNotEnrol() {
            SignInResponse pending = signIn("grace");
            auth(pending.getSessionToken()).beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance());

            Throwable wrong = catchThrowable(() -> auth(pending.getSessionToken()).confirmTotpEnrolment(
                    ConfirmTotpEnrolmentRequest.newBuilder().setCode("000000").build()));

            assertThat(Calls.code(wrong)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(signIn("grace").getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_ENROL);
        }

        @Test
        void aSignInThatOwesACodeCannotReplaceTheAuthenticator() {
            enrolGrace();
            SignInResponse pending = signIn("grace");

            Throwable refused = catchThrowable(() -> auth(pending.getSessionToken()).beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance()));

            assertThat(Calls.reason(refused)).isEqualTo("SECOND_FACTOR_REQUIRED");
        }

        @Test
        void aReceptionistSignsInInOneStepUntilSheEnrolsOfHerOwnAccord() {
            SignInResponse first = signIn("maria");
            assertThat(first.getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_UNSPECIFIED);

            byte[] secret = secretOf(auth(first.getSessionToken()).beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance()));
            auth(first.getSessionToken()).confirmTotpEnrolment(ConfirmTotpEnrolmentRequest.newBuilder()
                    .setCode(code(secret, clock.instant())).build());

            assertThat(signIn("maria").getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_VERIFY);
        }
    }

    @Nested
    class SigningInWithACode {

        @Test
        void theRightCodeGivesAFullSessionWithANewToken() {
            Enrolled grace = enrolGrace();
            clock.advance(Duration.ofSeconds(30));
            SignInResponse pending = signIn("grace");
            assertThat(pending.getSecondFactorStep()).isEqualTo(SecondFactorStep.SECOND_FACTOR_STEP_VERIFY);

            var verified = auth(pending.getSessionToken()).verifySecondFactor(VerifySecondFactorRequest.newBuilder()
                    .setCode(code(grace.secret(), clock.instant())).build());

            assertThat(verified.getSession().getSessionToken()).isNotEqualTo(pending.getSessionToken());
            assertThat(verified.getRecoveryCodesLeft()).isEqualTo(10);
            assertThat(staff(verified.getSession().getSessionToken()).listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount()).isEqualTo(2);
            // The short-lived token is spent.
            assertThat(Calls.code(catchThrowable(() -> auth(pending.getSessionToken()).whoAmI(WhoAmIRequest.getDefaultInstance()))))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        @Test
        void theSameCodeCannotBeUsedTwice() {
            Enrolled grace = enrolGrace();
            clock.advance(Duration.ofSeconds(30));
            String observed = code(grace.secret(), clock.instant());
            auth(signIn("grace").getSessionToken()).verifySecondFactor(VerifySecondFactorRequest.newBuilder().setCode(observed).build());

            SignInResponse attacker = signIn("grace");
            Throwable replay = catchThrowable(() -> auth(attacker.getSessionToken())
                    .verifySecondFactor(VerifySecondFactorRequest.newBuilder().setCode(observed).build()));

            assertThat(Calls.code(replay)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            clock.advance(Duration.ofSeconds(30));
            assertThat(auth(attacker.getSessionToken()).verifySecondFactor(VerifySecondFactorRequest.newBuilder()
                    .setCode(code(grace.secret(), clock.instant())).build()).getSession().getSessionToken()).isNotEmpty();
        }

        @Test
        void aRecoveryCodeWorksOnce() {
            Enrolled grace = enrolGrace();
            String recovery = grace.recoveryCodes().get(3);

            var first = auth(signIn("grace").getSessionToken()).verifySecondFactor(
                    VerifySecondFactorRequest.newBuilder().setRecoveryCode(recovery.toLowerCase().replace("-", " ")).build());
            assertThat(first.getRecoveryCodesLeft()).isEqualTo(9);

            Throwable again = catchThrowable(() -> auth(signIn("grace").getSessionToken()).verifySecondFactor(
                    VerifySecondFactorRequest.newBuilder().setRecoveryCode(recovery).build()));
            assertThat(Calls.code(again)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void wrongCodesWarnBeforeTheLastTryAndThenLock() {
            enrolGrace();
            String token = signIn("grace").getSessionToken();
            VerifySecondFactorRequest wrong = VerifySecondFactorRequest.newBuilder().setCode("000000").build();
            for (int i = 1; i <= 3; i++) {
                assertThat(Calls.message(catchThrowable(() -> auth(token).verifySecondFactor(wrong)))).doesNotContain("One more");
            }
            assertThat(Calls.message(catchThrowable(() -> auth(token).verifySecondFactor(wrong))))
                    .contains("One more wrong try locks sign-in for 15 minutes");

            Throwable locked = catchThrowable(() -> auth(token).verifySecondFactor(wrong));

            assertThat(Calls.code(locked)).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(Calls.reason(locked)).isEqualTo("ACCOUNT_LOCKED");
            assertThat(Calls.reason(catchThrowable(() -> signIn("grace")))).isEqualTo("ACCOUNT_LOCKED");
        }

        @Test
        void aRightPasswordDoesNotResetTheCountOfWrongCodes() {
            enrolGrace();
            VerifySecondFactorRequest wrong = VerifySecondFactorRequest.newBuilder().setCode("000000").build();
            for (int i = 0; i < 4; i++) {
                String token = signIn("grace").getSessionToken(); // a fresh sign-in each time
                catchThrowable(() -> auth(token).verifySecondFactor(wrong));
            }
            String token = signIn("grace").getSessionToken();

            assertThat(Calls.reason(catchThrowable(() -> auth(token).verifySecondFactor(wrong)))).isEqualTo("ACCOUNT_LOCKED");
        }

        @Test
        void wrongPasswordsWarnBeforeTheLastTry() {
            SignInRequest wrong = SignInRequest.newBuilder().setUsername("maria").setPassword("not-her-password").build();
            for (int i = 1; i <= 3; i++) {
                assertThat(Calls.message(catchThrowable(() -> auth(null).signIn(wrong)))).doesNotContain("One more");
            }
            assertThat(Calls.message(catchThrowable(() -> auth(null).signIn(wrong))))
                    .isEqualTo("Wrong username or password. One more wrong try locks sign-in for 15 minutes.");
            assertThat(Calls.reason(catchThrowable(() -> auth(null).signIn(wrong)))).isEqualTo("ACCOUNT_LOCKED");
        }
    }

    @Nested
    class StepUp {

        @Test
        void aPasswordResetRightAfterSignInNeedsNoNewCode() {
            Enrolled grace = enrolGrace();

            staff(grace.token()).resetPassword(ResetPasswordRequest.newBuilder().setUserId(maria)
                    .setTemporaryPassword("temporary-pass-22").build());
        }

        @Test
        void aPasswordResetMinutesLaterAsksForAFreshCodeThenWorks() {
            Enrolled grace = enrolGrace();
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            ResetPasswordRequest reset = ResetPasswordRequest.newBuilder().setUserId(maria).setTemporaryPassword("temporary-pass-22").build();

            Throwable refused = catchThrowable(() -> staff(grace.token()).resetPassword(reset));
            assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.reason(refused)).isEqualTo("STEP_UP_REQUIRED");

            var until = auth(grace.token()).stepUp(StepUpRequest.newBuilder().setCode(code(grace.secret(), clock.instant())).build());
            assertThat(until.getValidUntil().getSeconds()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond());
            staff(grace.token()).resetPassword(reset);
        }

        @Test
        void aRoleChangeAsksForAFreshCodeButOtherEditsDoNot() {
            Enrolled grace = enrolGrace();
            clock.advance(Duration.ofMinutes(6));
            UpdateUserRequest rename = UpdateUserRequest.newBuilder().setUserId(maria).setDisplayName("Maria L.")
                    .setEmail("maria@clinic.test").setRole(Role.ROLE_RECEPTIONIST).build();
            staff(grace.token()).updateUser(rename);

            Throwable refused = catchThrowable(() -> staff(grace.token()).updateUser(rename.toBuilder().setRole(Role.ROLE_ADMIN).build()));

            assertThat(Calls.reason(refused)).isEqualTo("STEP_UP_REQUIRED");
        }

        @Test
        void aWrongStepUpCodeIsRefusedWithoutEndingTheSession() {
            Enrolled grace = enrolGrace();

            Throwable wrong = catchThrowable(() -> auth(grace.token()).stepUp(StepUpRequest.newBuilder().setCode("000000").build()));

            assertThat(Calls.code(wrong)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(auth(grace.token()).whoAmI(WhoAmIRequest.getDefaultInstance()).getPrincipal().getUsername()).isEqualTo("grace");
            auth(grace.token()).signOut(SignOutRequest.getDefaultInstance());
        }
    }

    @Nested
    class SecurityPage {

        private GetSecondFactorStatusResponse status(String token) {
            return auth(token).getSecondFactorStatus(GetSecondFactorStatusRequest.getDefaultInstance());
        }

        @Test
        void aReceptionistWithoutAnAuthenticatorSeesItOffAndNotRequired() {
            var status = status(signIn("maria").getSessionToken());

            assertThat(status.getEnrolled()).isFalse();
            assertThat(status.getRequired()).isFalse();
            assertThat(status.getRecoveryCodesLeft()).isZero();
            assertThat(status.hasEnrolledAt()).isFalse();
        }

        @Test
        void anEnrolledAdminSeesItOnRequiredAndTheRecoveryCodesLeft() {
            Enrolled grace = enrolGrace();
            auth(signIn("grace").getSessionToken()).verifySecondFactor(
                    VerifySecondFactorRequest.newBuilder().setRecoveryCode(grace.recoveryCodes().getFirst()).build());

            var status = status(grace.token());

            assertThat(status.getEnrolled()).isTrue();
            assertThat(status.getRequired()).isTrue();
            assertThat(status.getRecoveryCodesLeft()).isEqualTo(9);
            assertThat(status.getEnrolledAt().getSeconds()).isEqualTo(clock.instant().getEpochSecond());
        }

        @Test
        void newRecoveryCodesReplaceTheOldOnesAfterAStepUp() {
            Enrolled grace = enrolGrace();
            clock.advance(Duration.ofMinutes(6));
            Throwable refused = catchThrowable(() -> auth(grace.token()).regenerateRecoveryCodes(
                    RegenerateRecoveryCodesRequest.getDefaultInstance()));
            assertThat(Calls.reason(refused)).isEqualTo("STEP_UP_REQUIRED");
            auth(grace.token()).stepUp(StepUpRequest.newBuilder().setCode(code(grace.secret(), clock.instant())).build());

            List<String> fresh = auth(grace.token()).regenerateRecoveryCodes(RegenerateRecoveryCodesRequest.getDefaultInstance())
                    .getRecoveryCodesList();

            assertThat(fresh).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(grace.recoveryCodes());
            assertThat(status(grace.token()).getRecoveryCodesLeft()).isEqualTo(10);
            Throwable old = catchThrowable(() -> auth(signIn("grace").getSessionToken()).verifySecondFactor(
                    VerifySecondFactorRequest.newBuilder().setRecoveryCode(grace.recoveryCodes().getFirst()).build()));
            assertThat(Calls.code(old)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(auth(signIn("grace").getSessionToken()).verifySecondFactor(
                    VerifySecondFactorRequest.newBuilder().setRecoveryCode(fresh.getFirst()).build()).getRecoveryCodesLeft()).isEqualTo(9);
        }

        @Test
        void noRecoveryCodesWithoutAnAuthenticator() {
            Throwable refused = catchThrowable(() -> auth(signIn("maria").getSessionToken()).regenerateRecoveryCodes(
                    RegenerateRecoveryCodesRequest.getDefaultInstance()));

            assertThat(Calls.code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(Calls.reason(refused)).isEqualTo("ENROLMENT_REQUIRED");
        }

        @Test
        void aSignInThatStillOwesACodeCannotReadOrRegenerate() {
            enrolGrace();
            String pending = signIn("grace").getSessionToken();

            assertThat(Calls.reason(catchThrowable(() -> status(pending)))).isEqualTo("SECOND_FACTOR_REQUIRED");
            assertThat(Calls.reason(catchThrowable(() -> auth(pending).regenerateRecoveryCodes(
                    RegenerateRecoveryCodesRequest.getDefaultInstance())))).isEqualTo("SECOND_FACTOR_REQUIRED");
        }
    }
}
