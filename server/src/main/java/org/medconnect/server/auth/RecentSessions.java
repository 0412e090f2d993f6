package org.medconnect.server.auth;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.medconnect.server.auth.SessionRepository.OpenSession;

/**
 * Sessions this server instance looked up in the last second, so a burst of calls from one
 * workstation (a screen opening, a booking) costs one session look-up instead of one per
 * call (decision 0016). Sign-out, password changes, deactivation and any edit of an account
 * made through this instance forget the entry at once; a change made through another
 * instance is seen here within {@link #FRESH_FOR}. Expiry and idle time are still judged
 * on every call, from the remembered session.
 */
public final class RecentSessions {

    /** How long a looked-up session is trusted without asking the database again. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);
    // Far above the sessions one instance serves; only a flood of distinct tokens reaches it.
    private static final int PRUNE_ABOVE = 10_000;

    private record Entry(OpenSession session, long checkedAtNanos) {}

    private final Clock clock;

    private final ConcurrentHashMap<ByteBuffer, Entry> byToken = new ConcurrentHashMap<>();
    private final long freshNanos = FRESH_FOR.toNanos();
    /** Counts forgettings, so a look-up that raced one is not remembered (see {@link #put}). */
    private final AtomicLong forgettings = new AtomicLong();

    /** Freshness judged by the system clock. */
    public RecentSessions() {
        this(Clock.systemUTC());
    }

    /** Freshness judged by {@code clock}, so tests move time instead of sleeping. */
    public RecentSessions(Clock clock) {
        this.clock = clock;
    }

    /** Taken before looking a session up; {@link #put} needs it. */
    long mark() {
        return forgettings.get();
    }

    Optional<OpenSession> get(byte[] tokenHash) {
        Entry e = byToken.get(ByteBuffer.wrap(tokenHash));
        if (e == null || stale(e, nanos())) {
            return Optional.empty();
        }
        return Optional.of(e.session());
    }

    /**
     * Remembers a session looked up after {@code mark}. If anything was forgotten since (say a
     * deactivation committed while the look-up read the row as it was), it is not remembered:
     * the next call asks the database again.
     */
    void put(byte[] tokenHash, OpenSession session, long mark) {
        if (byToken.size() > PRUNE_ABOVE) {
            long now = nanos();
            byToken.values().removeIf(e -> stale(e, now));
        }
        ByteBuffer key = ByteBuffer.wrap(tokenHash.clone());
        Entry entry = new Entry(session, nanos());
        byToken.put(key, entry);
        if (forgettings.get() != mark) {
            byToken.remove(key, entry);
        }
    }

    void forget(byte[] tokenHash) {
        forgettings.incrementAndGet();
        byToken.remove(ByteBuffer.wrap(tokenHash));
    }

    /** Forgets every session of this user: their account changed (deactivated, password, role). */
    public void forgetUser(UUID userId) {
        forgettings.incrementAndGet();
        byToken.values().removeIf(e -> e.session().principal().userId().equals(userId));
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Too old, or from the future (the wall clock stepped back): ask the database again. */
    private boolean stale(Entry e, long now) {
        long age = now - e.checkedAtNanos();
        return age < 0 || age >= freshNanos;
    }
}
