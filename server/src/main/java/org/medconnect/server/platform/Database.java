package org.medconnect.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String description;
    private final DSLContext dsl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String description) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
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
        Path dataDir = config.home().resolve("pgdata");
        EmbeddedPostgres embedded = startEmbedded(dataDir);
        try {
            createDatabaseIfMissing(embedded.getPostgresDatabase());
            String url = embedded.getJdbcUrl("postgres", EMBEDDED_DB_NAME);
            HikariDataSource pool = pool(url, "postgres", "postgres", config.dbPoolSize());
            if (migrate) {
                migrate(pool);
            }
            return new Database(embedded, pool, "embedded PostgreSQL, data in " + dataDir + " (port " + embedded.getPort() + ")");
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
    }

    /** Connects to an already running database, e.g. the one tests share; migrates it. */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        HikariDataSource pool = pool(jdbcUrl, user, password, poolSize);
        migrate(pool);
        return new Database(null, pool, jdbcUrl);
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky starts PostgreSQL for throwaway test data (fsync and synchronous
                    // commit off); the clinic's own database must survive a power cut.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // The data sits on the workstation's or server's SSD: index lookups are
                    // cheap, so the day board joins patients by key instead of hashing the table.
                    .setServerConfig("random_page_cost", "1.1")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + rootMessage(e)
                    + ". Is another MedConnect server using this MEDCONNECT_HOME?");
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("medconnect");
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ConfigException("Cannot connect to the database at " + url + " as '" + user + "': "
                    + rootMessage(e) + ". Check MEDCONNECT_DB_URL, MEDCONNECT_DB_USER and MEDCONNECT_DB_PASSWORD.");
        }
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

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pool, for a long-lived LISTEN. The caller closes it.
     */
    public java.sql.Connection openDedicatedConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    /** Human-readable "which database", printed at start-up; never contains the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }
}
