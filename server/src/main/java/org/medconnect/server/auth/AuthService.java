package org.medconnect.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jooq.DSLContext;
import org.medconnect.server.auth.AuthEventRepository.Kind;
import org.medconnect.server.auth.SessionRepository.EndReason;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.SessionAuthenticator;
import org.medconnect.shared.staff.StaffRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, sign-out, password change and session checks. Failed attempts are counted per
 * typed username (existing or not) and lock it for a while; every outcome is recorded with
 * the caller's address. The wording never tells whether a username exists.
 */
public final class AuthService implements SessionAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    // Writing last_seen_at on every call would turn each read into a write; a minute of slack is harmless.
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);
    private static final String WRONG_CREDENTIALS = "Wrong username or password.";

    /**
     * Session and lock-out limits; which roles must use a second factor and how long the half of a sign-in
     * that still owes one lasts.
     */
    public record Settings(Duration idleTimeout, Duration maxLifetime, int lockoutAttempts, Duration lockoutDuration, ZoneId zone,
                           java.util.Set<Role> secondFactorRoles, Duration secondFactorPending) {

        public Settings(Duration idleTimeout, Duration maxLifetime, int lockoutAttempts, Duration lockoutDuration, ZoneId zone) {
            this(idleTimeout, maxLifetime, lockoutAttempts, lockoutDuration, zone, java.util.Set.of(), Duration.ofMinutes(5));
        }
    }

    /**
     * A new session: the token is shown to the client once and never stored. With a {@code step} other than
     * NONE it is the short-lived half of a sign-in that opens only the second-factor calls.
     */
    public record SignedIn(String token, Principal principal, Instant expiresAt, Duration idleTimeout, SecondFactorStep step) {
        public SignedIn(String token, Principal principal, Instant expiresAt, Duration idleTimeout) {
            this(token, principal, expiresAt, idleTimeout, SecondFactorStep.NONE);
        }
    }

    private sealed interface Attempt {
        record Success(SignedIn signedIn) implements Attempt {}
        record Refused(DomainException reason) implements Attempt {}
    }

    private final DSLContext dsl;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final Clock clock;
    private final Settings settings;
    private final String dummyHash;
    private final RecentSessions recent;

    public AuthService(DSLContext dsl, PasswordHasher hasher, SessionTokens tokens, Clock clock, Settings settings,
                       RecentSessions recent) {
        this.dsl = dsl;
        this.recent = recent;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
        // Verifying against this for unknown usernames makes their failure take as long as a real one.
        this.dummyHash = hasher.hash("no-such-user-" + System.nanoTime());
    }

    public SignedIn signIn(String rawUsername, String password, String workstation, String address) {
        String username = StaffRules.normalizeUsername(rawUsername);
        var missing = new org.medconnect.shared.validation.Validation();
        if (username.isEmpty()) {
            missing.add("username", "Enter your username.");
        }
        if (password == null || password.isEmpty()) {
            missing.add("password", "Enter your password.");
        }
        if (!missing.ok()) {
            throw new DomainException.InvalidInput(missing.errors());
        }
        // The outcome is committed first (counters, records), then a refusal is thrown.
        Attempt attempt = dsl.transactionResult(cfg -> attempt(cfg.dsl(), username, password, workstation, address));
        return switch (attempt) {
            case Attempt.Success s -> s.signedIn();
            case Attempt.Refused r -> throw r.reason();
        };
    }

    private Attempt attempt(DSLContext tx, String username, String password, String workstation, String address) {
        OffsetDateTime now = now();
        var throttles = new SignInThrottleRepository(tx);
        var events = new AuthEventRepository(tx);
        var throttle = throttles.lock(username);
        if (throttle.lockedUntil().filter(now::isBefore).isPresent()) {
            events.record(Kind.REFUSED_LOCKED, username, null, address, workstation, null, now);
            return new Attempt.Refused(locked(throttle.lockedUntil().get()));
        }
        Optional<Account> account = new AccountRepository(tx).findByUsername(username);
        boolean passwordOk = hasher.verify(password, account.map(Account::passwordHash).orElse(dummyHash)) && account.isPresent();
        if (!passwordOk) {
            events.record(Kind.WRONG_PASSWORD, username, account.map(Account::id).orElse(null), address, workstation, null, now);
            Optional<OffsetDateTime> lockedNow = countFailure(tx, throttle, username, account.map(Account::id).orElse(null),
                    address, workstation, "wrong passwords", now);
            if (lockedNow.isPresent()) {
                return new Attempt.Refused(locked(lockedNow.get()));
            }
            return new Attempt.Refused(new DomainException.Unauthenticated("WRONG_CREDENTIALS",
                    WRONG_CREDENTIALS + lastTryWarning(throttles.lock(username))));
        }
        Account a = account.get();
        SecondFactorStep step = new SecondFactorRepository(tx).hasConfirmed(a.id()) ? SecondFactorStep.VERIFY
                : settings.secondFactorRoles().contains(a.role()) ? SecondFactorStep.ENROL : SecondFactorStep.NONE;
        if (step == SecondFactorStep.NONE) {
            // With a second factor owed the count stays until the code is right: a known password must not
            // reset the tries an attacker has at guessing codes.
            throttles.clear(username);
        }
        if (!a.active()) {
            events.record(Kind.REFUSED_INACTIVE, username, a.id(), address, workstation, null, now);
            return new Attempt.Refused(new DomainException.Unauthenticated("ACCOUNT_INACTIVE",
                    "This account has been deactivated. Ask an administrator if you need access."));
        }
        if (step != SecondFactorStep.NONE) {
            String token = tokens.newToken();
            OffsetDateTime expires = now.plus(settings.secondFactorPending());
            new SessionRepository(tx).create(SessionTokens.hash(token), a.id(), now, expires, address, workstation, true, null);
            events.record(Kind.SECOND_FACTOR_NEEDED, username, a.id(), address, workstation, step.name(), now);
            Principal principal = new Principal(a.id(), a.username(), a.displayName(), a.role(), a.passwordChangeRequired(),
                    SessionTokens.hash(token), true);
            return new Attempt.Success(new SignedIn(token, principal, expires.toInstant(), settings.secondFactorPending(), step));
        }
        return new Attempt.Success(openSession(tx, a.id(), a.username(), a.displayName(), a.role(), a.passwordChangeRequired(),
                address, workstation, null, now));
    }

    /** A full session: the sign-in is complete ({@code secondFactorAt}: when a code was verified for it, or null). */
    private SignedIn openSession(DSLContext tx, java.util.UUID userId, String username, String displayName, Role role,
                                 boolean passwordChangeRequired, String address, String workstation,
                                 OffsetDateTime secondFactorAt, OffsetDateTime now) {
        String token = tokens.newToken();
        OffsetDateTime expires = now.plus(settings.maxLifetime());
        new SessionRepository(tx).create(SessionTokens.hash(token), userId, now, expires, address, workstation, false, secondFactorAt);
        new AccountRepository(tx).recordSignIn(userId, now);
        new AuthEventRepository(tx).record(Kind.SIGNED_IN, username, userId, address, workstation,
                secondFactorAt == null ? null : "with second factor", now);
        Principal principal = new Principal(userId, username, displayName, role, passwordChangeRequired, SessionTokens.hash(token));
        return new SignedIn(token, principal, expires.toInstant(), settings.idleTimeout());
    }

    /**
     * Completes a sign-in whose second factor was just verified in {@code tx}: the short-lived session ends
     * and a full one (a new token) begins; the failed-try count is cleared.
     */
    SignedIn completeSecondFactor(DSLContext tx, Principal pending, String address, OffsetDateTime now) {
        new SessionRepository(tx).end(pending.sessionTokenHash(), EndReason.SECOND_FACTOR_PASSED, now);
        new SignInThrottleRepository(tx).clear(pending.username());
        new AuthEventRepository(tx).record(Kind.SECOND_FACTOR_PASSED, pending.username(), pending.userId(), address, null, null, now);
        recent.forget(pending.sessionTokenHash());
        return openSession(tx, pending.userId(), pending.username(), pending.displayName(), pending.role(),
                pending.passwordChangeRequired(), address, null, now, now);
    }

    /**
     * A wrong second-factor code: counts towards the same lock as wrong passwords. Returns the refusal to
     * throw once {@code tx} has committed (a lock ends the half-done sign-in).
     */
    DomainException wrongSecondFactor(DSLContext tx, Principal principal, String address, OffsetDateTime now) {
        var throttles = new SignInThrottleRepository(tx);
        var throttle = throttles.lock(principal.username());
        new AuthEventRepository(tx).record(Kind.WRONG_SECOND_FACTOR, principal.username(), principal.userId(), address, null, null, now);
        Optional<OffsetDateTime> lockedNow = countFailure(tx, throttle, principal.username(), principal.userId(), address, null,
                "wrong codes", now);
        if (lockedNow.isPresent()) {
            if (principal.secondFactorPending()) {
                new SessionRepository(tx).end(principal.sessionTokenHash(), EndReason.SIGNED_OUT, now);
                recent.forget(principal.sessionTokenHash());
            }
            return locked(lockedNow.get());
        }
        return DomainException.InvalidInput.of("code", "That code is not right. Check the time on your phone and try the newest code."
                + lastTryWarning(throttles.lock(principal.username())));
    }

    /** Counts one failure; locks the username at the limit and returns until when. */
    private Optional<OffsetDateTime> countFailure(DSLContext tx, SignInThrottleRepository.Throttle throttle, String username,
                                                  java.util.UUID userId, String address, String workstation, String what,
                                                  OffsetDateTime now) {
        var throttles = new SignInThrottleRepository(tx);
        int failed = (throttle.lockedUntil().isPresent() ? 0 : throttle.failedCount()) + 1;
        if (failed >= settings.lockoutAttempts()) {
            OffsetDateTime until = now.plus(settings.lockoutDuration());
            throttles.save(username, 0, until, now);
            new AuthEventRepository(tx).record(Kind.LOCKED, username, userId, address, workstation,
                    failed + " " + what + " in a row", now);
            log.warn("Sign-in for '{}' locked until {} after {} failures (last from {})", username, until, failed, address);
            return Optional.of(until);
        }
        throttles.save(username, failed, null, now);
        return Optional.empty();
    }

    /** " One more wrong try locks sign-in for 15 minutes." when the next failure will lock; else "". */
    private String lastTryWarning(SignInThrottleRepository.Throttle throttle) {
        if (throttle.lockedUntil().isEmpty() && throttle.failedCount() == settings.lockoutAttempts() - 1) {
            return " One more wrong try locks sign-in for " + settings.lockoutDuration().toMinutes() + " minutes.";
        }
        return "";
    }

    Settings settings() {
        return settings;
    }

    OffsetDateTime nowUtc() {
        return now();
    }

    private DomainException locked(OffsetDateTime until) {
        String local = until.atZoneSameInstant(settings.zone()).format(DateTimeFormatter.ofPattern("HH:mm"));
        return new DomainException.Unauthenticated("ACCOUNT_LOCKED",
                "Too many wrong passwords: sign-in is locked until " + local
                        + ". Try again then, or ask an administrator to reset the password.",
                until.toInstant());
    }

    @Override
    public Principal authenticate(String token) {
        byte[] hash = SessionTokens.hash(token);
        OffsetDateTime now = now();
        var sessions = new SessionRepository(dsl);
        Optional<SessionRepository.OpenSession> remembered = recent.get(hash);
        if (remembered.isPresent() && ending(remembered.get(), now).isEmpty()
                && !remembered.get().lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            return remembered.get().principal();
        }
        // Not seen lately, or it looks ended or due a touch: ask the database, which decides.
        long mark = recent.mark();
        SessionRepository.OpenSession found = sessions.findOpen(hash).orElseThrow(() -> {
            if (remembered.isPresent()) {
                recent.forget(hash); // (made-up tokens never were remembered: nothing to forget)
            }
            return sessionEnded();
        });
        Optional<EndReason> ending = ending(found, now);
        if (ending.isPresent()) {
            recent.forget(hash);
            dsl.transaction(cfg -> {
                if (new SessionRepository(cfg.dsl()).end(hash, ending.get(), now)) {
                    new AuthEventRepository(cfg.dsl()).record(Kind.SESSION_ENDED, found.principal().username(),
                            found.principal().userId(), null, null, ending.get().name(), now);
                }
            });
            throw sessionEnded();
        }
        SessionRepository.OpenSession session = found;
        if (session.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            sessions.touch(hash, now);
            session = new SessionRepository.OpenSession(session.principal(), session.userActive(), now, session.expiresAt());
        }
        recent.put(hash, session, mark);
        return session.principal();
    }

    private Optional<EndReason> ending(SessionRepository.OpenSession session, OffsetDateTime now) {
        return !session.userActive() ? Optional.of(EndReason.DEACTIVATED)
                : !now.isBefore(session.expiresAt()) ? Optional.of(EndReason.EXPIRED)
                : !now.isBefore(session.lastSeenAt().plus(settings.idleTimeout())) ? Optional.of(EndReason.IDLE)
                : Optional.empty();
    }

    /**
     * Which of these sessions (by token hash) are still good now: not signed out, expired or
     * idle, and of an active user. Does not count as activity, so a screen that only watches
     * live changes still times out. For long-lived streams, which authenticate only once.
     */
    public java.util.Set<java.nio.ByteBuffer> stillOpen(java.util.Set<java.nio.ByteBuffer> tokenHashes) {
        if (tokenHashes.isEmpty()) {
            return java.util.Set.of();
        }
        OffsetDateTime now = now();
        return new SessionRepository(dsl).findOpen(tokenHashes.stream().map(b -> {
                    byte[] copy = new byte[b.remaining()];
                    b.duplicate().get(copy);
                    return copy;
                }).toList()).stream()
                .filter(s -> s.userActive() && now.isBefore(s.expiresAt())
                        && now.isBefore(s.lastSeenAt().plus(settings.idleTimeout())))
                .map(s -> java.nio.ByteBuffer.wrap(s.principal().sessionTokenHash()))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static DomainException sessionEnded() {
        return new DomainException.Unauthenticated("SESSION_EXPIRED",
                "Your session has ended. Please sign in again.");
    }

    public void signOut(Principal principal, String address) {
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            if (new SessionRepository(cfg.dsl()).end(principal.sessionTokenHash(), EndReason.SIGNED_OUT, now)) {
                new AuthEventRepository(cfg.dsl()).record(Kind.SIGNED_OUT, principal.username(), principal.userId(),
                        address, null, null, now);
            }
        });
        recent.forget(principal.sessionTokenHash());
    }

    /** Changes the caller's password; their other sessions end, this one goes on. */
    public Principal changePassword(Principal principal, String current, String next, String address) {
        StaffRules.checkNewPassword(next, principal.username()).ifPresent(problem -> {
            throw DomainException.InvalidInput.of("new_password", problem);
        });
        if (next.equals(current)) {
            throw DomainException.InvalidInput.of("new_password", "The new password must be different from the current one.");
        }
        Account account = new AccountRepository(dsl).findById(principal.userId())
                .orElseThrow(() -> new DomainException.NotFound("Your account no longer exists."));
        if (current == null || !hasher.verify(current, account.passwordHash())) {
            throw DomainException.InvalidInput.of("current_password", "The current password is not correct.");
        }
        String newHash = hasher.hash(next);
        OffsetDateTime now = now();
        dsl.transaction(cfg -> {
            new AccountRepository(cfg.dsl()).changePassword(principal.userId(), newHash, false, now);
            new SessionRepository(cfg.dsl()).endAllOf(principal.userId(), EndReason.PASSWORD_CHANGED, now, principal.sessionTokenHash());
            new AuthEventRepository(cfg.dsl()).record(Kind.PASSWORD_CHANGED, principal.username(), principal.userId(),
                    address, null, null, now);
        });
        recent.forgetUser(principal.userId());
        return new Principal(principal.userId(), principal.username(), principal.displayName(), principal.role(), false,
                principal.sessionTokenHash());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
