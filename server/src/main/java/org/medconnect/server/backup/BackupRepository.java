package org.medconnect.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The SQL of backup and restore, on one JDBC connection: which tables and sequences the
 * application schema holds (from the catalog, so new tables are never forgotten), COPY out
 * and in, and the bookkeeping around them.
 */
final class BackupRepository {

    /** A table to copy: its columns (generated columns left out: PostgreSQL recomputes them) and sort key. */
    record Table(String name, List<String> columns, List<String> orderBy) {}

    /** A sequence's position. */
    record Sequence(String name, long lastValue, boolean isCalled) {}

    private final Connection c;

    BackupRepository(Connection c) {
        this.c = c;
    }

    /** Every table of the current schema, parents before children (foreign keys), then by name. */
    List<Table> tables() throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        query("""
                select c.relname, a.attname from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attgenerated = ''
                order by c.relname, a.attnum""", rs -> columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        Map<String, List<String>> keys = new HashMap<>();
        query("""
                select c.relname, a.attname from pg_index i
                join pg_class c on c.oid = i.indrelid
                join pg_namespace n on n.oid = c.relnamespace
                join lateral unnest(i.indkey) with ordinality k(attnum, pos) on true
                join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                where n.nspname = current_schema() and i.indisprimary
                order by c.relname, k.pos""", rs -> keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        Map<String, Set<String>> parents = new HashMap<>();
        query("""
                select c.relname, p.relname from pg_constraint f
                join pg_class c on c.oid = f.conrelid
                join pg_class p on p.oid = f.confrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and f.contype = 'f' and f.conrelid <> f.confrelid""",
                rs -> parents.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2)));
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String t : columns.keySet()) {
            visit(t, parents, columns.keySet(), visiting, ordered);
        }
        List<Table> out = new ArrayList<>();
        for (String t : ordered) {
            out.add(new Table(t, columns.get(t), keys.getOrDefault(t, List.of())));
        }
        return out;
    }

    private static void visit(String t, Map<String, Set<String>> parents, Set<String> all, Set<String> visiting, List<String> ordered) {
        if (ordered.contains(t) || !visiting.add(t)) {
            return;
        }
        for (String p : parents.getOrDefault(t, Set.of())) {
            if (all.contains(p)) {
                visit(p, parents, all, visiting, ordered);
            }
        }
        ordered.add(t);
    }

    List<Sequence> sequences() throws SQLException {
        List<String> names = new ArrayList<>();
        query("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind = 'S' order by c.relname""", rs -> names.add(rs.getString(1)));
        List<Sequence> out = new ArrayList<>();
        for (String s : names) {
            query("select last_value, is_called from " + ident(s), rs -> out.add(new Sequence(s, rs.getLong(1), rs.getBoolean(2))));
        }
        return out;
    }

    /** The latest applied Flyway version, if Flyway ever ran here. */
    Optional<String> schemaVersion() throws SQLException {
        if (!exists("flyway_schema_history")) {
            return Optional.empty();
        }
        List<String> v = new ArrayList<>();
        query("""
                select version from flyway_schema_history where success and version is not null
                order by installed_rank desc limit 1""", rs -> v.add(rs.getString(1)));
        return v.stream().findFirst();
    }

    String serverVersion() throws SQLException {
        List<String> v = new ArrayList<>();
        query("show server_version", rs -> v.add(rs.getString(1)));
        return v.getFirst();
    }

    /** How many tables, views and sequences the current schema has: zero for an empty database. */
    long relationCount() throws SQLException {
        long[] n = new long[1];
        query("""
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')""", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    long count(Table t) throws SQLException {
        long[] n = new long[1];
        query("select count(*) from " + ident(t.name()), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** COPY of the table in a fixed row order, so the same data always gives the same bytes. */
    long copyOut(Table t, OutputStream out) throws SQLException, IOException {
        String order = t.orderBy().isEmpty() ? "t::text" : String.join(", ", t.orderBy().stream().map(BackupRepository::ident).toList());
        String sql = "copy (select " + columnList(t) + " from " + ident(t.name()) + " t order by " + order + ") to stdout (format binary)";
        return copy().copyOut(sql, out);
    }

    long copyIn(Table t, InputStream in) throws SQLException, IOException {
        return copy().copyIn("copy " + ident(t.name()) + " (" + columnList(t) + ") from stdin (format binary)", in);
    }

    void truncateAll(List<Table> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        execute("truncate table " + String.join(", ", tables.stream().map(t -> ident(t.name())).toList()));
    }

    void setSequence(Sequence s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
            ps.setString(1, ident(s.name()));
            ps.setLong(2, s.lastValue());
            ps.setBoolean(3, s.isCalled());
            ps.execute();
        }
    }

    /**
     * Loads without firing triggers (the audit chain trigger would re-hash restored entries)
     * and without foreign-key checks. Needs a superuser; otherwise the user triggers of each
     * table are switched off for this transaction (the tables' owner may) and foreign keys
     * hold because tables load parents first.
     */
    void triggersOff(List<Table> tables) throws SQLException {
        execute("savepoint replica");
        try {
            execute("set local session_replication_role = replica");
            execute("release savepoint replica");
        } catch (SQLException notSuperuser) {
            execute("rollback to savepoint replica");
            for (Table t : tables) {
                execute("alter table " + ident(t.name()) + " disable trigger user");
            }
        }
    }

    void triggersOn(List<Table> tables) throws SQLException {
        List<String> role = new ArrayList<>();
        query("show session_replication_role", rs -> role.add(rs.getString(1)));
        if (role.getFirst().equals("replica")) {
            execute("set local session_replication_role = origin");
            return;
        }
        for (Table t : tables) {
            execute("alter table " + ident(t.name()) + " enable trigger user");
        }
    }

    /**
     * Drops the secondary indexes and the unique, exclusion and foreign-key constraints of the
     * schema and returns the statements that put them back, as pg_restore does: loading first
     * and indexing once is several times faster than maintaining every index row by row
     * (the exclusion constraints' GiST indexes most of all). Primary keys stay.
     */
    List<String> dropIndexesAndConstraints() throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> recreateConstraints = new ArrayList<>();
        List<String> recreateForeignKeys = new ArrayList<>();
        query("""
                select format('alter table %I drop constraint %I', c.relname, k.conname),
                       format('alter table %I add constraint %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid)),
                       k.contype
                from pg_constraint k
                join pg_class c on c.oid = k.conrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and k.contype in ('f', 'u', 'x')
                order by case k.contype when 'f' then 0 else 1 end, c.relname, k.conname""", rs -> {
            drops.add(rs.getString(1));
            (rs.getString(3).equals("f") ? recreateForeignKeys : recreateConstraints).add(rs.getString(2));
        });
        List<String> recreateIndexes = new ArrayList<>();
        query("""
                select format('drop index %I', ic.relname), pg_get_indexdef(i.indexrelid)
                from pg_index i
                join pg_class ic on ic.oid = i.indexrelid
                join pg_class c on c.oid = i.indrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and not i.indisprimary
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
                order by ic.relname""", rs -> {
            drops.add(rs.getString(1));
            recreateIndexes.add(rs.getString(2));
        });
        for (String d : drops) {
            execute(d);
        }
        List<String> recreate = new ArrayList<>(recreateIndexes);
        recreate.addAll(recreateConstraints);
        recreate.addAll(recreateForeignKeys);
        return recreate;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private boolean exists(String table) throws SQLException {
        boolean[] found = new boolean[1];
        try (PreparedStatement ps = c.prepareStatement("""
                select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relname = ?""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                found[0] = rs.next();
            }
        }
        return found[0];
    }

    private CopyManager copy() throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    private static String columnList(Table t) {
        return String.join(", ", t.columns().stream().map(BackupRepository::ident).toList());
    }

    /** A catalog name quoted as an SQL identifier. */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private interface Row {
        void take(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                row.take(rs);
            }
        }
    }
}
