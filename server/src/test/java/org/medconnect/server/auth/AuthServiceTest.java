package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.auth.AuthEventRepository.Kind;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

class AuthServiceTest {

    private static final String PASSWORD = "reception-pass-1";

    private MutableClock clock;
    private Database db;
    private ClinicServices services;
    private AuthService auth;

    @BeforeEach
    void freshClinic() {
        clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        db = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), db, clock);
        auth = services.auth();
        create("maria.lopez", Role.RECEPTIONIST, false);
    }

    private void create(String username, Role role, boolean mustChange) {
        services.staff().createUser(null, new NewUser(Optional.empty(), username, username.equals("maria.lopez") ? "Maria Lopez" : "Grace Whitfield", username + "@clinic.test", "",
                Optional.of(role), Optional.empty(), PASSWORD), mustChange);
    }

    private List<Kind> recordedKinds(String username) {
        return new AuthEventRepository(db.dsl()).latestFor(username, 50).stream().map(AuthEventRepository.AuthEvent::kind).toList().reversed();
    }

    @Nested
    class SigningIn {
        @Test
        void rightPasswordGivesASessionAndIsRecordedWithTheAddress() {
            var signedIn = auth.signIn("Maria.Lopez ", PASSWORD, "FRONT-DESK-1", "10.0.0.7:5000");
            assertThat(signedIn.token()).hasSizeGreaterThan(40);
            assertThat(signedIn.principal().role()).isEqualTo(Role.RECEPTIONIST);
            assertThat(signedIn.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
            var event = new AuthEventRepository(db.dsl()).latestFor("maria.lopez", 1).getFirst();
            assertThat(event.kind()).isEqualTo(Kind.SIGNED_IN);
            assertThat(event.clientAddress()).isEqualTo("10.0.0.7:5000");
        }

        @Test
        void wrongPasswordAndUnknownUserGetTheSameAnswer() {
            var wrong = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("maria.lopez", "nope-nope-nope", null, "a"));
            var unknown = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("nobody", "nope-nope-nope", null, "a"));
            assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage()).isEqualTo("Wrong username or password.");
            assertThat(wrong.reason()).isEqualTo(unknown.reason()).isEqualTo("WRONG_CREDENTIALS");
            assertThat(recordedKinds("nobody")).containsExactly(Kind.WRONG_PASSWORD);
        }

        @Test
        void fiveWrongPasswordsLockForFifteenMinutesSayingUntilWhen() {
            for (int i = 0; i < 4; i++) {
                assertThat(catchThrowableOfType(DomainException.Unauthenticated.class,
                        () -> auth.signIn("maria.lopez", "wrong-password", null, "a")).reason()).isEqualTo("WRONG_CREDENTIALS");
            }
            var fifth = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("maria.lopez", "wrong-password", null, "a"));
            assertThat(fifth.reason()).isEqualTo("ACCOUNT_LOCKED");
            assertThat(fifth.lockedUntil()).contains(Instant.parse("2026-11-23T09:15:00Z"));
            assertThat(fifth.getMessage()).contains("locked until 09:15");

            var whileLocked = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("maria.lopez", PASSWORD, null, "a"));
            assertThat(whileLocked.reason()).isEqualTo("ACCOUNT_LOCKED");

            clock.advance(Duration.ofMinutes(15));
            assertThat(auth.signIn("maria.lopez", PASSWORD, null, "a").principal().username()).isEqualTo("maria.lopez");
            assertThat(recordedKinds("maria.lopez")).containsSubsequence(Kind.WRONG_PASSWORD, Kind.LOCKED, Kind.REFUSED_LOCKED, Kind.SIGNED_IN);
        }

        @Test
        void unknownUsernamesLockTheSameWaySoLockingRevealsNothing() {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> auth.signIn("ghost", "wrong-password", null, "a"));
            }
            var fifth = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("ghost", "wrong-password", null, "a"));
            assertThat(fifth.reason()).isEqualTo("ACCOUNT_LOCKED");
        }

        @Test
        void aRightPasswordResetsTheCountOfWrongOnes() {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> auth.signIn("maria.lopez", "wrong-password", null, "a"));
            }
            auth.signIn("maria.lopez", PASSWORD, null, "a");
            var next = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.signIn("maria.lopez", "wrong-password", null, "a"));
            assertThat(next.reason()).isEqualTo("WRONG_CREDENTIALS");
        }

        @Test
        void parallelGuessesCannotGetPastTheLimit() throws Exception {
            var pool = Executors.newFixedThreadPool(8);
            List<Callable<String>> guesses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                guesses.add(() -> {
                    try {
                        auth.signIn("maria.lopez", "guess-number-x", null, "attacker");
                        return "IN";
                    } catch (DomainException.Unauthenticated e) {
                        return e.reason();
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(guesses)) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            // Exactly five guesses were judged; the rest met the lock.
            assertThat(outcomes).filteredOn("WRONG_CREDENTIALS"::equals).hasSize(4);
            assertThat(outcomes).filteredOn("ACCOUNT_LOCKED"::equals).hasSize(8);
            assertThat(recordedKinds("maria.lopez")).filteredOn(Kind.WRONG_PASSWORD::equals).hasSize(5);
        }

        @Test
        void aDeactivatedAccountIsToldSoOnlyWithTheRightPassword() {
            var admin = adminPrincipal();
            var maria = services.staff().listUsers(new org.medconnect.server.staff.StaffModel.UserQuery("maria", Optional.empty(), true, 10, 0)).items().getFirst();
            services.staff().deactivate(admin, maria.id());
            assertThat(catchThrowableOfType(DomainException.Unauthenticated.class,
                    () -> auth.signIn("maria.lopez", "wrong-password", null, "a")).reason()).isEqualTo("WRONG_CREDENTIALS");
            assertThat(catchThrowableOfType(DomainException.Unauthenticated.class,
                    () -> auth.signIn("maria.lopez", PASSWORD, null, "a")).reason()).isEqualTo("ACCOUNT_INACTIVE");
        }
    }

    @Nested
    class Sessions {
        @Test
        void aSessionEndsAfterFifteenIdleMinutes() {
            var signedIn = auth.signIn("maria.lopez", PASSWORD, null, "a");
            clock.advance(Duration.ofMinutes(14));
            auth.authenticate(signedIn.token());
            clock.advance(Duration.ofMinutes(14));
            auth.authenticate(signedIn.token()); // still alive: used 14 minutes ago
            clock.advance(Duration.ofMinutes(16));
            var expired = catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.authenticate(signedIn.token()));
            assertThat(expired.reason()).isEqualTo("SESSION_EXPIRED");
            assertThat(recordedKinds("maria.lopez")).endsWith(Kind.SESSION_ENDED);
        }

        @Test
        void aSessionEndsAfterTwelveHoursHoweverBusy() {
            var signedIn = auth.signIn("maria.lopez", PASSWORD, null, "a");
            for (int i = 0; i < 12 * 6; i++) {
                clock.advance(Duration.ofMinutes(10));
                if (i < 12 * 6 - 1) {
                    auth.authenticate(signedIn.token());
                }
            }
            assertThatThrownBy(() -> auth.authenticate(signedIn.token())).hasMessageContaining("session has ended");
        }

        @Test
        void signingOutEndsTheSession() {
            var signedIn = auth.signIn("maria.lopez", PASSWORD, null, "a");
            auth.signOut(auth.authenticate(signedIn.token()), "a");
            assertThatThrownBy(() -> auth.authenticate(signedIn.token())).isInstanceOf(DomainException.Unauthenticated.class);
            assertThat(recordedKinds("maria.lopez")).endsWith(Kind.SIGNED_OUT);
        }

        @Test
        void aLiveStreamsSessionIsCheckedWithoutKeepingItAliveAndEndsOnSignOutOrIdleness() {
            var first = auth.signIn("maria.lopez", PASSWORD, null, "a");
            var second = auth.signIn("maria.lopez", PASSWORD, null, "b");
            var firstHash = java.nio.ByteBuffer.wrap(auth.authenticate(first.token()).sessionTokenHash());
            var secondHash = java.nio.ByteBuffer.wrap(auth.authenticate(second.token()).sessionTokenHash());
            assertThat(auth.stillOpen(java.util.Set.of(firstHash, secondHash))).containsExactlyInAnyOrder(firstHash, secondHash);

            auth.signOut(auth.authenticate(first.token()), "a");
            assertThat(auth.stillOpen(java.util.Set.of(firstHash, secondHash))).containsExactly(secondHash);

            // Checking is not activity: a screen that only watches still times out.
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofMinutes(4));
                auth.stillOpen(java.util.Set.of(secondHash));
            }
            assertThat(auth.stillOpen(java.util.Set.of(secondHash))).isEmpty();
        }

        @Test
        void aMadeUpTokenIsRefused() {
            assertThatThrownBy(() -> auth.authenticate("not-a-token")).isInstanceOf(DomainException.Unauthenticated.class);
        }
    }

    /** Sessions looked up in the last second are remembered (RecentSessions); what ends them must still bite. */
    @Nested
    class RememberedSessions {
        private UUID mariaId() {
            return services.staff().listUsers(new org.medconnect.server.staff.StaffModel.UserQuery("maria", Optional.empty(), true, 10, 0))
                    .items().getFirst().id();
        }

        @Test
        void deactivationRefusesAJustUsedSessionAtOnce() {
            var admin = adminPrincipal();
            var token = auth.signIn("maria.lopez", PASSWORD, null, "a").token();
            auth.authenticate(token);
            services.staff().deactivate(admin, mariaId());
            assertThat(catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.authenticate(token)).reason())
                    .isEqualTo("SESSION_EXPIRED");
        }

        @Test
        void aPasswordResetRefusesAJustUsedSessionAtOnce() {
            var admin = adminPrincipal();
            var token = auth.signIn("maria.lopez", PASSWORD, null, "a").token();
            auth.authenticate(token);
            services.staff().resetPassword(admin, mariaId(), "temporary-pass-9");
            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(DomainException.Unauthenticated.class);
        }

        @Test
        void aNewRoleAppliesFromTheNextCall() {
            var admin = adminPrincipal();
            var token = auth.signIn("maria.lopez", PASSWORD, null, "a").token();
            assertThat(auth.authenticate(token).role()).isEqualTo(Role.RECEPTIONIST);
            services.staff().updateUser(admin, new org.medconnect.server.staff.StaffModel.UserChanges(mariaId(), "Maria Lopez",
                    "maria.lopez@clinic.test", "", Optional.of(Role.ADMIN), Optional.empty()));
            assertThat(auth.authenticate(token).role()).isEqualTo(Role.ADMIN);
        }

        @Test
        void idlenessIsJudgedOnEveryCallEvenWhenRemembered() {
            var token = auth.signIn("maria.lopez", PASSWORD, null, "a").token();
            auth.authenticate(token);
            clock.advance(Duration.ofMinutes(16));
            assertThat(catchThrowableOfType(DomainException.Unauthenticated.class, () -> auth.authenticate(token)).reason())
                    .isEqualTo("SESSION_EXPIRED");
            assertThat(recordedKinds("maria.lopez")).endsWith(Kind.SESSION_ENDED);
        }

        @Test
        void aSignOutThroughAnotherInstanceIsRefusedHereWithinASecond() {
            ClinicServices other = new ClinicServices(TestConfig.defaults(), db, clock);
            var token = auth.signIn("maria.lopez", PASSWORD, null, "a").token();
            auth.authenticate(token); // remembered here
            other.auth().signOut(other.auth().authenticate(token), "b");
            auth.authenticate(token); // still remembered here, for up to a second
            clock.advance(RecentSessions.FRESH_FOR);
            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(DomainException.Unauthenticated.class);
        }
    }

    @Nested
    class ChangingPassword {
        @Test
        void needsTheCurrentPasswordAndEndsOtherSessionsButThisOne() {
            var desk = auth.signIn("maria.lopez", PASSWORD, "desk", "a");
            var laptop = auth.signIn("maria.lopez", PASSWORD, "laptop", "b");
            var me = auth.authenticate(desk.token());

            var wrongCurrent = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> auth.changePassword(me, "not-it-at-all", "a-brand-new-pass", "a"));
            assertThat(wrongCurrent.errors().getFirst().field()).isEqualTo("current_password");

            auth.changePassword(me, PASSWORD, "a-brand-new-pass", "a");
            assertThat(auth.authenticate(desk.token()).username()).isEqualTo("maria.lopez");
            assertThatThrownBy(() -> auth.authenticate(laptop.token())).isInstanceOf(DomainException.Unauthenticated.class);
            assertThat(auth.signIn("maria.lopez", "a-brand-new-pass", null, "a").principal().passwordChangeRequired()).isFalse();
        }

        @Test
        void refusesAWeakOrUnchangedPassword() {
            var me = auth.authenticate(auth.signIn("maria.lopez", PASSWORD, null, "a").token());
            assertThat(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> auth.changePassword(me, PASSWORD, "short", "a")).errors().getFirst().field()).isEqualTo("new_password");
            assertThat(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> auth.changePassword(me, PASSWORD, PASSWORD, "a")).getMessage()).contains("different");
        }

        @Test
        void clearsTheMustChangeFlag() {
            create("new.nurse", Role.RECEPTIONIST, true);
            var signedIn = auth.signIn("new.nurse", PASSWORD, null, "a");
            assertThat(signedIn.principal().passwordChangeRequired()).isTrue();
            var changed = auth.changePassword(auth.authenticate(signedIn.token()), PASSWORD, "my-own-secret-1", "a");
            assertThat(changed.passwordChangeRequired()).isFalse();
            assertThat(auth.authenticate(signedIn.token()).passwordChangeRequired()).isFalse();
        }
    }

    private org.medconnect.server.platform.Principal adminPrincipal() {
        create("grace.admin", Role.ADMIN, false);
        return auth.authenticate(auth.signIn("grace.admin", PASSWORD, null, "a").token());
    }
}
