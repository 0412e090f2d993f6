package org.medconnect.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the server runs on: either the one {@code db.url} names, or an embedded
 * PostgreSQL whose data lives under {@code <home>/pgdata} and survives restarts. Owns the
 * connection pool and migrates the schema with Flyway before anything else touches it.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DB_NAME = "medconnect";

    /**
     * The name this process's pool connections give PostgreSQL ({@code application_name}), unique per
     * process: a console restore tells another instance's connections from its own by it (decision 0047).
     */
    public static final String CONNECTION_NAME = "medconnect server " + ProcessHandle.current().pid() + "-"
            + java.util.HexFormat.of().toHexDigits((short) new java.security.SecureRandom().nextInt());

    /** How often the health monitor looks while the database answers, and while it does not (decision 0019). */
    private static final Duration PROBE_WHILE_UP = Duration.ofMillis(500);
    private static final Duration PROBE_WHILE_DOWN = Duration.ofMillis(250);

    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final String jdbcUrl;
    private final String description;
    private final DSLContext dsl;
    private final DatabaseHealth health;
    private Connection probeConnection;

    private Database(EmbeddedDatabase embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbcUrl = ((WaitingDataSource) pool.getDataSource()).jdbcUrl();
        this.description = description;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        this.health = new DatabaseHealth(this::probe, PROBE_WHILE_UP, PROBE_WHILE_DOWN,
                embedded == null ? () -> {} : embedded::restartIfStopped);
        // While the database is known down, the pool's new connections wait for it rather than fail (decision 0046).
        ((WaitingDataSource) pool.getDataSource()).waitFor(health);
        // The pool's idle connections died with the database: drop them without a warning each (on the way
        // down, and again before calls are let in on the way back up).
        health.addListener(up -> {
            var bean = pool.getHikariPoolMXBean();
            if (bean != null) {
                bean.softEvictConnections();
            }
        });
        health.start();
    }

    /** Starts (or connects to) the database, then migrates it. */
    public static Database open(ServerConfig config) {
        return open(config, true);
    }

    /**
     * Starts (or connects to) the database and leaves its schema as it is: for restoring a
     * backup, which migrates only to the backup's version (see {@link #migrateTo}).
     */
    public static Database openWithoutMigrating(ServerConfig config) {
        return open(config, false);
    }

    private static Database open(ServerConfig config, boolean migrate) {
        if (config.dbUrl().isPresent()) {
            String url = config.dbUrl().get();
            HikariDataSource pool = pool(url, config.dbUser(), config.dbPassword(), config.dbPoolSize());
            if (migrate) {
                migrate(pool);
            }
            return new Database(null, pool, url.replaceAll("\\?.*", "") + " (user " + config.dbUser() + ")");
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.home());
        try {
            createDatabaseIfMissing(embedded.adminDataSource());
            String url = embedded.jdbcUrl(EMBEDDED_DB_NAME);
            HikariDataSource pool = pool(url, "postgres", "postgres", config.dbPoolSize());
            if (migrate) {
                migrate(pool);
            }
            return new Database(embedded, pool, "embedded PostgreSQL, data in " + embedded.dataDir() + " (port " + embedded.port() + ")");
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** Connects to an already running database, e.g. the one tests share; migrates it. */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        HikariDataSource pool = pool(jdbcUrl, user, password, poolSize);
        migrate(pool);
        return new Database(null, pool, jdbcUrl);
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        try {
            return pool(new WaitingDataSource(url), user, password, size);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot connect to the database at " + url + " as '" + user + "': "
                    + rootMessage(e) + ". Check MEDCONNECT_DB_URL, MEDCONNECT_DB_USER and MEDCONNECT_DB_PASSWORD.");
        }
    }

    /** The server's pool over {@code source}, as configured for production; tests build it over a source they control. */
    static HikariDataSource pool(WaitingDataSource source, String user, String password, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("medconnect");
        hc.setDataSource(source);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        // Calls are refused at once while the health monitor knows the database is down; this
        // bounds only the calls caught in the moment before it notices, and a pool worn out by load.
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        hc.setInitializationFailTimeout(10_000);
        return new HikariDataSource(hc);
    }

    /** Connects to an already running database and leaves its schema as it is. */
    public static Database connectWithoutMigrating(String jdbcUrl, String user, String password, int poolSize) {
        return new Database(null, pool(jdbcUrl, user, password, poolSize), jdbcUrl);
    }

    /** Migrates to the given version, or to the newest this server knows when empty. */
    public void migrateTo(java.util.Optional<String> version) {
        var config = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
        version.ifPresent(config::target);
        config.load().migrate();
    }

    /** The newest schema version this server's migrations reach. */
    public org.flywaydb.core.api.MigrationVersion newestKnownSchemaVersion() {
        var all = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().info().all();
        return java.util.Arrays.stream(all).map(org.flywaydb.core.api.MigrationInfo::getVersion)
                .filter(java.util.Objects::nonNull).max(java.util.Comparator.naturalOrder()).orElseThrow();
    }

    private static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database schema migrated to version {} ({} migrations applied)",
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    private static void createDatabaseIfMissing(DataSource admin) {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DB_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("create database " + EMBEDDED_DB_NAME + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the embedded database", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    /**
     * One look at the database on a connection of the monitor's own (so a pool worn out by load
     * does not read as an outage): {@code select 1}, reconnecting after any failure.
     */
    private synchronized void probe() throws SQLException {
        try {
            if (probeConnection == null) {
                Properties props = new Properties();
                props.setProperty("user", pool.getUsername());
                if (pool.getPassword() != null) {
                    props.setProperty("password", pool.getPassword());
                }
                props.setProperty("connectTimeout", "1");
                props.setProperty("loginTimeout", "2");
                props.setProperty("socketTimeout", "2");
                props.setProperty("ApplicationName", "medconnect-health");
                probeConnection = DriverManager.getConnection(jdbcUrl, props);
            }
            try (Statement st = probeConnection.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
                rs.next();
            }
        } catch (SQLException e) {
            closeProbe();
            throw e;
        }
    }

    private synchronized void closeProbe() {
        if (probeConnection != null) {
            try {
                probeConnection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            probeConnection = null;
        }
    }

    /** Whether the database can be reached, watched all the time; gRPC health and {@link DatabaseGate} follow it. */
    public DatabaseHealth health() {
        return health;
    }

    /** The embedded PostgreSQL's postmaster pid, for fault tests; empty with an external database. */
    public java.util.Optional<Long> embeddedPostmasterPid() {
        return embedded == null ? java.util.Optional.empty() : java.util.Optional.of(embedded.postmasterPid());
    }

    public DSLContext dsl() {
        return dsl;
    }

    private HikariDataSource reportPool;
    private DSLContext reportDsl;

    /**
     * The reports' own small pool (decision 0027): read-only sessions on the reporting URL, or on this
     * database when none is set, so a dashboard can never take the front desk's connections. Made on
     * first use and kept; it opens no connection until a report runs.
     */
    public synchronized DSLContext reportDsl(ServerConfig.Reports settings) {
        if (reportDsl == null) {
            HikariConfig hc = new HikariConfig();
            hc.setPoolName("medconnect-reports");
            hc.setJdbcUrl(settings.dbUrl().orElse(jdbcUrl));
            hc.setUsername(settings.dbUrl().isPresent() ? settings.dbUser() : pool.getUsername());
            hc.setPassword(settings.dbUrl().isPresent() ? settings.dbPassword() : pool.getPassword());
            hc.setMaximumPoolSize(settings.poolSize());
            hc.setMinimumIdle(0);
            hc.setIdleTimeout(60_000);
            hc.setReadOnly(true);
            hc.setConnectionInitSql("set default_transaction_read_only = on");
            hc.setConnectionTimeout(2_000);
            hc.addDataSourceProperty("connectTimeout", "2");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
            hc.setInitializationFailTimeout(-1);
            reportPool = new HikariDataSource(hc);
            reportDsl = DSL.using(reportPool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            log.info("Reports read from {} (read-only pool of {})",
                    settings.dbUrl().map(u -> u.replaceAll("\\?.*", "")).orElse("the main database"), settings.poolSize());
        }
        return reportDsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pool, for a long-lived LISTEN. The caller closes it.
     */
    public java.sql.Connection openDedicatedConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl, pool.getUsername(), pool.getPassword());
    }

    /** Human-readable "which database", printed at start-up; never contains the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        health.close();
        closeProbe();
        synchronized (this) {
            if (reportPool != null) {
                reportPool.close();
            }
        }
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
