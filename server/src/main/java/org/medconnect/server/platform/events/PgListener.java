package org.medconnect.server.platform.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connection per server instance that LISTENs on named channels and hands
 * each NOTIFY payload to the handlers of its channel, on this listener's own thread.
 *
 * <p>NOTIFY is a wake-up call, not the data: a notification can be lost while the
 * connection is down. So handlers also get {@code Optional.empty()} after every reconnect and
 * every {@code idleWake} without traffic, and then read what they need from the tables.
 */
public final class PgListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgListener.class);

    /** Opens a connection outside any pool; the listener owns and closes it. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final ConnectionSource connections;
    private final Duration idleWake;
    private final Map<String, List<Consumer<Optional<String>>>> handlers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public PgListener(ConnectionSource connections, Duration idleWake) {
        this.connections = connections;
        this.idleWake = idleWake;
        this.thread = Thread.ofPlatform().daemon().name("medconnect-pg-listener").unstarted(this::run);
    }

    /** Registers a handler; call before {@link #start()}. */
    public PgListener on(String channel, Consumer<Optional<String>> handler) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel names are lower_case: " + channel);
        }
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /** Connects and LISTENs before returning, so no NOTIFY sent after this call is missed. */
    public PgListener start() {
        try {
            connect();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot LISTEN for events: " + e.getMessage(), e);
        }
        thread.start();
        return this;
    }

    private void connect() throws SQLException {
        Connection c = connections.open();
        try (Statement s = c.createStatement()) {
            for (String channel : handlers.keySet()) {
                s.execute("LISTEN " + channel);
            }
        }
        connection = c;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                if (connection == null) {
                    connect();
                    backoff = Duration.ofMillis(200);
                    log.info("Event listener reconnected");
                    wakeAll();
                }
                PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications((int) idleWake.toMillis());
                if (notes == null || notes.length == 0) {
                    wakeAll();
                    continue;
                }
                for (PGNotification n : notes) {
                    deliver(n.getName(), Optional.ofNullable(n.getParameter()));
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Event listener lost its database connection ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                closeConnection();
                sleep(backoff);
                // Capped at a second: the live feed should resume within about a second of the database's return.
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void wakeAll() {
        for (String channel : handlers.keySet()) {
            deliver(channel, Optional.empty());
        }
    }

    private void deliver(String channel, Optional<String> payload) {
        for (var h : handlers.getOrDefault(channel, List.of())) {
            try {
                h.accept(payload);
            } catch (RuntimeException e) {
                log.error("Event handler for channel {} failed", channel, e);
            }
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        closeConnection();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
