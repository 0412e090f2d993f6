package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The server's connection pool across an outage of a few seconds (decision 0046), over a source of
 * connections that can play one: while the health monitor knows the database is down the pool makes
 * no connection attempts (HikariCP would otherwise back off for seconds), and the first call after the
 * database's return gets a connection instead of timing out on an empty pool.
 */
class PoolRecoveryTest {

    /**
     * Long enough that HikariCP's connection adder, failing from the start of the outage, would be in the
     * middle of a 5-second back-off sleep when the database returns (failures at 0, 10, 30 ... 2550 ms, then
     * asleep until 5110 ms and 10110 ms): a call then would wait its full 2 s connection timeout and fail.
     */
    private static final Duration OUTAGE = Duration.ofMillis(6_300);

    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger attemptsWhileKnownDown = new AtomicInteger();
    private DatabaseHealth health;
    private HikariDataSource pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        if (health != null) {
            health.close();
        }
    }

    @Test
    void theFirstCallAfterTheDatabaseReturnsGetsAConnectionAndNoneIsTriedWhileItIsKnownDown() throws Exception {
        String url = TestDatabase.jdbcUrl();
        PGSimpleDataSource real = new PGSimpleDataSource();
        real.setURL(url);
        health = new DatabaseHealth(() -> {
            if (!reachable.get()) {
                throw new SQLException("Connection refused", "08001");
            }
        }, Duration.ofMillis(50), Duration.ofMillis(50), () -> { }).start();
        WaitingDataSource source = new WaitingDataSource(url, new OutageSource(real));
        source.waitFor(health);
        pool = Database.pool(source, "postgres", "postgres", 3);
        // As the server does: the pool's idle connections are dropped when the database goes away.
        health.addListener(up -> pool.getHikariPoolMXBean().softEvictConnections());
        selectOne();

        reachable.set(false);
        assertThat(within(Duration.ofSeconds(5), () -> !health.isUp())).as("the monitor sees the outage").isTrue();
        Thread.sleep(OUTAGE.toMillis());
        reachable.set(true);
        assertThat(within(Duration.ofSeconds(5), health::isUp)).as("the monitor sees the database back").isTrue();

        assertThat(selectOne()).as("the first call after the database's return").isEqualTo(1);
        assertThat(attemptsWhileKnownDown).as("connection attempts while the database was known down").hasValue(0);
    }

    private int selectOne() throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    /** The real database, or "connection refused" while {@link #reachable} is false. */
    private final class OutageSource extends PGSimpleDataSource {

        private final DataSource real;

        OutageSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            if (!reachable.get()) {
                if (!health.isUp()) {
                    attemptsWhileKnownDown.incrementAndGet();
                }
                throw new SQLException("Connection refused", "08001");
            }
            return real.getConnection(user, password);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return getConnection("postgres", "postgres");
        }
    }
}
