package org.medconnect.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Plain SQL through the jOOQ context's connection (so inside its transaction), for the few
 * hot statements where building, rendering and mapping a jOOQ query cost more CPU than
 * PostgreSQL spends running it: booking and the day board (docs/performance.md). The SQL
 * stays in the repositories; values are bound by position, rows read by column number.
 * Failures come out as jOOQ's {@link DataAccessException}, like every other statement, so
 * {@link Constraints} reads them the same way.
 */
public final class Jdbc {

    /** Turns the current row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {}

    /** Every row of the result. */
    public static <T> List<T> list(DSLContext dsl, String sql, RowMapper<T> mapper, Object... binds) {
        return run(dsl, sql, binds, rs -> {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        });
    }

    /** The first row of the result, if there is one. */
    public static <T> Optional<T> first(DSLContext dsl, String sql, RowMapper<T> mapper, Object... binds) {
        return run(dsl, sql, binds, rs -> rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty());
    }

    /** Reads every row without collecting them (the mapper keeps what it needs). */
    public static void forEach(DSLContext dsl, String sql, RowMapper<?> mapper, Object... binds) {
        run(dsl, sql, binds, rs -> {
            while (rs.next()) {
                mapper.map(rs);
            }
            return null;
        });
    }

    /**
     * One query of several that {@link #readTogether} sends in one round trip. It reads its own
     * rows and then gives its result; the SQL and the row reading stay in the repository.
     */
    public abstract static class Read<T> {
        private final String sql;
        private final Object[] binds;
        private boolean done;

        protected Read(String sql, Object... binds) {
            this.sql = sql;
            this.binds = binds;
        }

        /** Takes the current row. */
        protected abstract void row(ResultSet rs) throws SQLException;

        /** What the rows said; only after the read has run. */
        protected abstract T result();

        /** Whether {@link #readTogether} (or {@link #read}) has run this read. */
        public final boolean hasRun() {
            return done;
        }

        /** The result, once {@link #readTogether} (or {@link #read}) has run this read. */
        public final T get() {
            if (!done) {
                throw new IllegalStateException("This read has not run yet");
            }
            return result();
        }
    }

    /** Runs one read on its own. */
    public static <T> T read(DSLContext dsl, Read<T> read) {
        readTogether(dsl, read);
        return read.get();
    }

    /**
     * Sends these queries to PostgreSQL in one message and reads their results in turn: one
     * round trip instead of one each (the driver sends statements separated by {@code ;} as
     * one batch with one sync). For independent reads on a hot path (decision 0016).
     */
    public static void readTogether(DSLContext dsl, Read<?>... reads) {
        StringBuilder sql = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        for (Read<?> r : reads) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(r.sql.strip());
            binds.addAll(java.util.Arrays.asList(r.binds));
        }
        String text = sql.toString();
        dsl.connection(c -> {
            try (PreparedStatement ps = prepare(c, text, binds.toArray())) {
                boolean isResult = ps.execute();
                for (Read<?> r : reads) {
                    if (!isResult) {
                        throw new SQLException("Expected a result set for each query read together");
                    }
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            r.row(rs);
                        }
                    }
                    r.done = true;
                    isResult = ps.getMoreResults();
                }
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + text.strip().lines().findFirst().orElse("") + " ...]; " + e.getMessage(), e);
            }
        });
    }

    /** A timestamptz column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A uuid column; null stays null. */
    public static java.util.UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, java.util.UUID.class);
    }

    private static <T> T run(DSLContext dsl, String sql, Object[] binds, RowMapper<T> reader) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
                return reader.map(rs);
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql.strip().lines().findFirst().orElse("") + " ...]; " + e.getMessage(), e);
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] binds) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < binds.length; i++) {
                Object v = binds[i] instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : binds[i];
                ps.setObject(i + 1, v);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
