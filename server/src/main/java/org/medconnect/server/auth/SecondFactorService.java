package org.medconnect.server.auth;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bouncycastle.util.encoders.Base32;
import org.jooq.DSLContext;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.auth.AuthEventRepository.Kind;
import org.medconnect.server.auth.SessionRepository.EndReason;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.StepUp;
import org.medconnect.shared.staff.StaffRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second factor: enrolling an authenticator app (TOTP, RFC 6238) with a QR code and ten one-time
 * recovery codes, finishing a sign-in with a code, stepping up before sensitive operations, and the
 * staff "forgot password" code by email. Codes, secrets and tokens are never logged.
 */
public final class SecondFactorService implements StepUp {

    private static final Logger log = LoggerFactory.getLogger(SecondFactorService.class);
    private static final String ISSUER = "MedConnect";
    private static final int RECOVERY_CODES = 10;
    private static final Duration RESET_CODE_LIFETIME = Duration.ofMinutes(15);
    private static final int RESET_CODES_PER_HOUR = 3;
    private static final int RESET_CODE_TRIES = 5;
    private static final String BAD_RESET_CODE = "The code is not right or has expired. Ask for a new one.";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new secret to show once: for typing by hand, as an otpauth:// URI, and that URI as a QR code (PNG). */
    public record Enrolment(String secret, String otpauthUri, byte[] qrPng) {
        @Override
        public String toString() {
            return "Enrolment[secret hidden]";
        }
    }

    /** Recovery codes to show once; the full session when the enrolment finished a sign-in. */
    public record Confirmed(List<String> recoveryCodes, Optional<AuthService.SignedIn> session) {}

    /** The full session after a verified code, and how many recovery codes are left. */
    public record Verified(AuthService.SignedIn session, int recoveryCodesLeft) {}

    /** The caller's second factor as the Security page shows it. */
    public record Status(boolean enrolled, boolean required, int recoveryCodesLeft, Optional<Instant> enrolledAt) {}

    /** How a forgotten-password code travels. */
    public enum ResetDelivery { EMAIL, ASK_ADMIN }

    /** What to tell the user who asked for a code. */
    public record ResetRequested(ResetDelivery delivery, String message) {}

    private sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {}
        record Refused<T>(DomainException reason) implements Outcome<T> {}

        default T get() {
            return switch (this) {
                case Done<T> d -> d.value();
                case Refused<T> r -> throw r.reason();
            };
        }
    }

    private final DSLContext dsl;
    private final AuthService auth;
    private final SecondFactorKey key;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Set<Role> requiredRoles;
    private final Duration stepUpWindow;
    private final Optional<StaffMailer> mailer;
    private final RecentSessions recent;
    private final Totp totp = Totp.standard();

    public SecondFactorService(DSLContext dsl, AuthService auth, SecondFactorKey key, PasswordHasher hasher, Clock clock,
                               Set<Role> requiredRoles, Duration stepUpWindow, Optional<StaffMailer> mailer, RecentSessions recent) {
        this.dsl = dsl;
        this.auth = auth;
        this.key = key;
        this.hasher = hasher;
        this.clock = clock;
        this.requiredRoles = Set.copyOf(requiredRoles);
        this.stepUpWindow = stepUpWindow;
        this.mailer = mailer;
        this.recent = recent;
    }

    // ---- enrolment

    /**
     * A new secret for the caller. A half-done sign-in may enrol only when it has no authenticator yet
     * (else the password alone could replace the second factor); replacing a confirmed one needs a step-up.
     */
    public Enrolment beginEnrolment(Principal caller) {
        var repo = new SecondFactorRepository(dsl);
        boolean confirmed = repo.hasConfirmed(caller.userId());
        if (confirmed && caller.secondFactorPending()) {
            throw new DomainException.FailedPrecondition("SECOND_FACTOR_REQUIRED",
                    "Enter the code from your authenticator app to finish signing in.");
        }
        if (confirmed) {
            require(caller, "replace your authenticator app");
        }
        byte[] secret = new byte[20]; // 160 bits, as RFC 4226 recommends for HMAC-SHA1
        RANDOM.nextBytes(secret);
        repo.savePending(caller.userId(), key.seal(secret, caller.userId().toString()), now());
        String base32 = Base32.toBase32String(secret).replace("=", "");
        String label = URLEncoder.encode(ISSUER + ":" + caller.username(), StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
        return new Enrolment(base32, uri, qrPng(uri));
    }

    /**
     * Confirms the secret from {@link #beginEnrolment} with its first code: it replaces any earlier one, ten
     * new recovery codes replace the old, and a half-done sign-in becomes a full session.
     */
    public Confirmed confirmEnrolment(Principal caller, String code, String address) {
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new SecondFactorRepository(tx);
            var authenticator = repo.find(caller.userId()).filter(a -> a.pendingSecret().isPresent())
                    .orElseThrow(() -> new DomainException.FailedPrecondition("ENROLMENT_NOT_STARTED",
                            "Start the enrolment again: there is no new authenticator waiting for its first code."));
            if (authenticator.confirmed() && caller.secondFactorPending()) {
                throw new DomainException.FailedPrecondition("SECOND_FACTOR_REQUIRED",
                        "Enter the code from your authenticator app to finish signing in.");
            }
            byte[] secret = key.open(authenticator.pendingSecret().get(), caller.userId().toString());
            OptionalLong step = totp.match(secret, code, clock.instant(), -1);
            if (step.isEmpty()) {
                return new Outcome.Refused<Confirmed>(auth.wrongSecondFactor(tx, caller, address, now));
            }
            repo.confirmPending(caller.userId(), step.getAsLong(), now);
            List<String> codes = new ArrayList<>();
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 0; i < RECOVERY_CODES; i++) {
                String c = recoveryCode();
                codes.add(c);
                hashes.add(recoveryHash(caller, c));
            }
            repo.replaceRecoveryCodes(caller.userId(), hashes, now);
            new AuthEventRepository(tx).record(Kind.TOTP_ENROLLED, caller.username(), caller.userId(), address, null, null, now);
            log.info("{} enrolled an authenticator app", caller.username());
            if (caller.secondFactorPending()) {
                return new Outcome.Done<>(new Confirmed(codes, Optional.of(auth.completeSecondFactor(tx, caller, address, now))));
            }
            repo.markSessionVerified(caller.sessionTokenHash(), now); // a fresh code: counts as a step-up
            return new Outcome.Done<>(new Confirmed(codes, Optional.empty()));
        }).get();
    }

    /** Whether the caller has an authenticator app, whether their role requires one, and the recovery codes left. */
    public Status status(Principal caller) {
        var repo = new SecondFactorRepository(dsl);
        Optional<OffsetDateTime> confirmedAt = repo.confirmedAt(caller.userId());
        return new Status(confirmedAt.isPresent(), requiredRoles.contains(caller.role()),
                confirmedAt.isPresent() ? repo.recoveryCodesLeft(caller.userId()) : 0, confirmedAt.map(OffsetDateTime::toInstant));
    }

    /**
     * Ten new recovery codes replace every earlier one (used or not), after a step-up: whoever holds an open
     * session must not be able to mint codes that outlive it. Shown once; only their hashes are kept.
     */
    public List<String> regenerateRecoveryCodes(Principal caller) {
        if (!new SecondFactorRepository(dsl).hasConfirmed(caller.userId())) {
            throw new DomainException.FailedPrecondition("ENROLMENT_REQUIRED",
                    "Set up an authenticator app first: recovery codes come with it.");
        }
        require(caller, "make new recovery codes");
        OffsetDateTime now = now();
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String c = recoveryCode();
            codes.add(c);
            hashes.add(recoveryHash(caller, c));
        }
        dsl.transaction(cfg -> {
            new SecondFactorRepository(cfg.dsl()).replaceRecoveryCodes(caller.userId(), hashes, now);
            AuditTrail.in(cfg.dsl()).record(caller.userId(), "RECOVERY_CODES_REGENERATED", "staff", caller.userId(),
                    RECOVERY_CODES + " new recovery codes", now);
        });
        log.info("{} made new recovery codes", caller.username());
        return List.copyOf(codes);
    }

    // ---- sign-in

    /** Finishes a half-done sign-in with a code from the app or a recovery code; wrong ones count towards the lock. */
    public Verified verifySignIn(Principal caller, String code, String recoveryCode, String address) {
        if (!caller.secondFactorPending()) {
            throw new DomainException.FailedPrecondition("ALREADY_SIGNED_IN", "This session is already signed in.");
        }
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var throttle = new SignInThrottleRepository(tx).lock(caller.username());
            if (throttle.lockedUntil().filter(now::isBefore).isPresent()) {
                new SessionRepository(tx).end(caller.sessionTokenHash(), EndReason.SIGNED_OUT, now);
                return new Outcome.Refused<Verified>(new DomainException.Unauthenticated("ACCOUNT_LOCKED",
                        "Too many wrong tries: sign-in is locked for now. Try again later, or ask an administrator.",
                        throttle.lockedUntil().get().toInstant()));
            }
            var repo = new SecondFactorRepository(tx);
            var authenticator = repo.find(caller.userId()).filter(SecondFactorRepository.Authenticator::confirmed)
                    .orElseThrow(() -> new DomainException.FailedPrecondition("ENROLMENT_REQUIRED",
                            "Your account has no authenticator app yet: enrol one to finish signing in."));
            boolean ok;
            if (recoveryCode != null && !recoveryCode.isBlank()) {
                ok = repo.useRecoveryCode(caller.userId(), recoveryHash(caller, recoveryCode), now);
                if (ok) {
                    new AuthEventRepository(tx).record(Kind.RECOVERY_CODE_USED, caller.username(), caller.userId(), address,
                            null, repo.recoveryCodesLeft(caller.userId()) + " left", now);
                }
            } else {
                ok = accepted(repo, caller, authenticator, code);
            }
            if (!ok) {
                return new Outcome.Refused<Verified>(auth.wrongSecondFactor(tx, caller, address, now));
            }
            return new Outcome.Done<>(new Verified(auth.completeSecondFactor(tx, caller, address, now),
                    repo.recoveryCodesLeft(caller.userId())));
        }).get();
    }

    /** Right now (±1 step) and not used before: the step is recorded so the same code cannot be replayed. */
    private boolean accepted(SecondFactorRepository repo, Principal caller, SecondFactorRepository.Authenticator authenticator,
                             String code) {
        byte[] secret = key.open(authenticator.sealedSecret().orElseThrow(), caller.userId().toString());
        OptionalLong step = totp.match(secret, code, clock.instant(), authenticator.lastUsedStep());
        // The conditional update also refuses a code another server instance accepted a moment ago.
        return step.isPresent() && repo.useStep(caller.userId(), step.getAsLong());
    }

    // ---- step-up

    /** Verifies a fresh code on a full session: sensitive operations are then allowed for a few minutes. */
    public Instant stepUp(Principal caller, String code, String address) {
        OffsetDateTime now = now();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new SecondFactorRepository(tx);
            var authenticator = repo.find(caller.userId()).filter(SecondFactorRepository.Authenticator::confirmed)
                    .orElseThrow(() -> new DomainException.FailedPrecondition("ENROLMENT_REQUIRED",
                            "Enrol an authenticator app first (your profile, Second factor)."));
            new SignInThrottleRepository(tx).lock(caller.username());
            if (!accepted(repo, caller, authenticator, code)) {
                return new Outcome.Refused<Instant>(auth.wrongSecondFactor(tx, caller, address, now));
            }
            repo.markSessionVerified(caller.sessionTokenHash(), now);
            new SignInThrottleRepository(tx).clear(caller.username());
            new AuthEventRepository(tx).record(Kind.STEP_UP, caller.username(), caller.userId(), address, null, null, now);
            return new Outcome.Done<>(now.plus(stepUpWindow).toInstant());
        }).get();
    }

    @Override
    public void require(Principal actor, String action) {
        var repo = new SecondFactorRepository(dsl);
        if (!requiredRoles.contains(actor.role()) && !repo.hasConfirmed(actor.userId())) {
            // No second factor to ask for: the clinic does not require one for this role and the user has none.
            return;
        }
        OffsetDateTime since = now().minus(stepUpWindow);
        if (repo.sessionVerifiedAt(actor.sessionTokenHash()).filter(at -> !at.isBefore(since)).isPresent()) {
            return;
        }
        throw new DomainException.FailedPrecondition(StepUp.REASON, "To " + action
                + ", confirm it is you: enter a code from your authenticator app (it then counts for "
                + stepUpWindow.toMinutes() + " minutes).");
    }

    // ---- forgot password

    /** Emails a one-time code when a mail server is configured; the answer is the same whether the username exists. */
    public ResetRequested requestPasswordReset(String rawUsername, String address) {
        if (mailer.isEmpty()) {
            return new ResetRequested(ResetDelivery.ASK_ADMIN,
                    "This clinic's server does not send email. Ask an administrator to reset your password.");
        }
        String username = StaffRules.normalizeUsername(rawUsername);
        ResetRequested answer = new ResetRequested(ResetDelivery.EMAIL, "If " + username + " is a MedConnect account, a code "
                + "is on its way to its email address. It works once, for " + RESET_CODE_LIFETIME.toMinutes() + " minutes.");
        OffsetDateTime now = now();
        Optional<Account> account = new AccountRepository(dsl).findByUsername(username).filter(Account::active);
        if (account.isEmpty()) {
            return answer;
        }
        Account a = account.get();
        String code = String.format(Locale.ROOT, "%08d", RANDOM.nextInt(100_000_000));
        Optional<String> email = dsl.transactionResult(cfg -> {
            var repo = new SecondFactorRepository(cfg.dsl());
            new SignInThrottleRepository(cfg.dsl()).lock(username); // serialises parallel requests for one user
            if (repo.resetCodesSince(a.id(), now.minusHours(1)) >= RESET_CODES_PER_HOUR) {
                log.info("Password reset code for {} not sent: {} already in the last hour", username, RESET_CODES_PER_HOUR);
                return Optional.<String>empty();
            }
            repo.addResetCode(a.id(), key.hash("reset", a.id().toString(), code), now, now.plus(RESET_CODE_LIFETIME));
            new AuthEventRepository(cfg.dsl()).record(Kind.PASSWORD_RESET_CODE_SENT, username, a.id(), address, null, null, now);
            return new AccountRepository(cfg.dsl()).email(a.id());
        });
        email.ifPresent(to -> {
            try {
                mailer.get().send(to, "Your MedConnect password reset code",
                        "Hello " + a.displayName() + ",\n\nSomeone (we hope you) asked to reset the MedConnect password of "
                                + username + ". The code is:\n\n    " + code + "\n\nIt works once, for "
                                + RESET_CODE_LIFETIME.toMinutes() + " minutes. If you did not ask, ignore this email "
                                + "and tell your administrator.\n");
                log.info("Password reset code for {} sent by email", username);
            } catch (Exception e) {
                log.warn("Password reset code for {} could not be sent: {}", username, e.getClass().getSimpleName());
            }
        });
        return answer;
    }

    /** Sets a new password with an emailed code: single use, expires, few tries; open sessions end. */
    public void resetPasswordWithCode(String rawUsername, String code, String newPassword, String address) {
        String username = StaffRules.normalizeUsername(rawUsername);
        StaffRules.checkNewPassword(newPassword, username).ifPresent(problem -> {
            throw DomainException.InvalidInput.of("new_password", problem);
        });
        Account a = new AccountRepository(dsl).findByUsername(username).filter(Account::active)
                .orElseThrow(() -> DomainException.InvalidInput.of("code", BAD_RESET_CODE));
        String newHash = hasher.hash(newPassword);
        OffsetDateTime now = now();
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var repo = new SecondFactorRepository(tx);
            var open = repo.openResetCode(a.id(), now);
            if (open.isEmpty() || open.get().attempts() >= RESET_CODE_TRIES) {
                return new Outcome.Refused<Boolean>(DomainException.InvalidInput.of("code", BAD_RESET_CODE));
            }
            if (!MessageDigest.isEqual(open.get().hash(), key.hash("reset", a.id().toString(), typed))) {
                repo.countResetAttempt(open.get().id());
                return new Outcome.Refused<Boolean>(DomainException.InvalidInput.of("code", BAD_RESET_CODE));
            }
            repo.useResetCodes(a.id(), now);
            new AccountRepository(tx).changePassword(a.id(), newHash, false, now);
            new SessionRepository(tx).endAllOf(a.id(), EndReason.PASSWORD_RESET, now, null);
            new SignInThrottleRepository(tx).clear(username);
            new AuthEventRepository(tx).record(Kind.PASSWORD_RESET_BY_CODE, username, a.id(), address, null, null, now);
            return new Outcome.Done<>(true);
        }).get();
        recent.forgetUser(a.id());
        log.info("{} reset their password with an emailed code", username);
    }

    // ---- helpers

    private byte[] recoveryHash(Principal caller, String code) {
        return key.hash("recovery", caller.userId().toString(), normalizeRecovery(code));
    }

    static String normalizeRecovery(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** 16 base32 characters (80 bits) in groups of four: XXXX-XXXX-XXXX-XXXX. */
    static String recoveryCode() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        String raw = Base32.toBase32String(bytes);
        return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12, 16);
    }

    static byte[] qrPng(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            int scale = 6;
            BufferedImage image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot draw the QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
