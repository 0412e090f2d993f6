package org.medconnect.server.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the connection pool gets its new connections (decision 0046): while {@link DatabaseHealth} knows the
 * database is down, a new connection waits for it to come back instead of failing. HikariCP's connection adder
 * backs off after every failed attempt (10 ms, doubling up to 5 s), so during an outage of a few seconds it fell
 * asleep for seconds and was still asleep after the database returned, while every call waited on an empty pool
 * until its timeout. Waiting here means it never fails while the outage is known, and connects the moment the
 * monitor sees the database again. A connection that fails while the database is thought up makes the monitor
 * look at once.
 */
final class WaitingDataSource implements DataSource {

    private final DataSource target;
    private final String jdbcUrl;
    private volatile DatabaseHealth health;

    WaitingDataSource(String jdbcUrl) {
        this(jdbcUrl, driver(jdbcUrl));
    }

    /** Over another source of connections to {@code jdbcUrl} (tests: one that can play an outage). */
    WaitingDataSource(String jdbcUrl, DataSource target) {
        this.jdbcUrl = jdbcUrl;
        this.target = target;
    }

    private static DataSource driver(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setConnectTimeout(2);
        ds.setTcpKeepAlive(true);
        // Names this server's connections, so a live restore can see other instances (decision 0047).
        ds.setApplicationName(Database.CONNECTION_NAME);
        return ds;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** From now on, new connections wait while {@code health} says the database is down. */
    void waitFor(DatabaseHealth health) {
        this.health = health;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(null, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        DatabaseHealth h = health;
        if (h != null) {
            try {
                h.awaitUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the pool is shutting down
                throw new SQLTransientConnectionException("Interrupted while waiting for the database to come back", "08001", e);
            }
        }
        try {
            return user == null ? target.getConnection() : target.getConnection(user, password);
        } catch (SQLException e) {
            if (h != null) {
                h.suspect();
            }
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used: the driver logs through java.util.logging
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
