package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medconnect.server.auth.SessionRepository.OpenSession;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;

class RecentSessionsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneOffset.UTC);
    private final RecentSessions recent = new RecentSessions();
    private final UUID maria = UUID.randomUUID();
    private final byte[] token = {1, 2, 3};

    private OpenSession session(UUID user) {
        return new OpenSession(new Principal(user, "maria", "Maria", Role.RECEPTIONIST, false, token), true, NOW, NOW.plusHours(12));
    }

    @Test
    void aLookedUpSessionIsRememberedUntilItsUserIsForgotten() {
        recent.put(token, session(maria), recent.mark());
        assertThat(recent.get(token)).isPresent();

        recent.forgetUser(UUID.randomUUID()); // someone else
        assertThat(recent.get(token)).isPresent();

        recent.forgetUser(maria);
        assertThat(recent.get(token)).isEmpty();
    }

    @Test
    void aLookUpThatRacedADeactivationIsNotRemembered() {
        long mark = recent.mark();           // the call starts reading the session row...
        recent.forgetUser(maria);            // ...an admin deactivates Maria meanwhile...
        recent.put(token, session(maria), mark); // ...and the row it read (still active) arrives late
        assertThat(recent.get(token)).isEmpty();
    }

    @Test
    void signingOutForgetsThatSessionOnly() {
        byte[] other = {9, 9};
        recent.put(token, session(maria), recent.mark());
        recent.put(other, session(maria), recent.mark());
        recent.forget(token);
        assertThat(recent.get(token)).isEmpty();
        assertThat(recent.get(other)).isPresent();
    }
}
