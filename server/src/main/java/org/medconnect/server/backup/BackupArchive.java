package org.medconnect.server.backup;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.backup.BackupRepository.Sequence;
import org.medconnect.server.backup.BackupRepository.Table;

/**
 * What is inside a backup (decision 0024): a zip with one binary COPY per table under
 * {@code tables/}, the documents folder under {@code documents/}, and {@code manifest.json}
 * last (it holds the checksums of everything before it). Written and read as streams.
 */
public final class BackupArchive {

    static final String FORMAT = "medconnect-backup";
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** One table in the backup. */
    public record TableEntry(String name, List<String> columns, List<String> orderBy, long rows, long bytes, String sha256) {
        Table table() {
            return new Table(name, columns, orderBy);
        }
    }

    /** One document file, path relative to the documents folder with / separators. */
    public record DocumentEntry(String path, long bytes, String sha256) {}

    /** The manifest: what the backup holds and how to check it. */
    public record Manifest(String format, int formatVersion, String schemaVersion, String createdAt, String postgresVersion,
                           List<TableEntry> tables, List<Sequence> sequences, List<DocumentEntry> documents) {
        public long totalRows() {
            return tables.stream().mapToLong(TableEntry::rows).sum();
        }
    }

    private BackupArchive() {}

    /**
     * Writes the whole backup of the database behind {@code c} (one REPEATABLE READ READ
     * ONLY snapshot, so every table is from the same moment) and of {@code documents} if
     * that folder exists. Leaves {@code out} closed.
     */
    public static Manifest write(Connection c, Optional<Path> documents, OutputStream out, Instant now) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            var repo = new BackupRepository(c);
            repo.execute("set transaction isolation level repeatable read, read only");
            String schema = repo.schemaVersion().orElseThrow(() -> new IllegalStateException("The database has no Flyway history"));
            List<TableEntry> tables = new ArrayList<>();
            int n = 0;
            for (Table t : repo.tables()) {
                long rows = repo.count(t);
                zip.putNextEntry(new ZipEntry(String.format("tables/%03d-%s.copy", ++n, t.name())));
                var counting = new Counting(zip);
                var digest = new DigestOutputStream(counting, sha256());
                repo.copyOut(t, digest);
                zip.closeEntry();
                tables.add(new TableEntry(t.name(), t.columns(), t.orderBy(), rows, counting.count,
                        hex(digest.getMessageDigest())));
            }
            List<Sequence> sequences = repo.sequences();
            String pg = repo.serverVersion();
            c.commit();
            List<DocumentEntry> docs = new ArrayList<>();
            if (documents.isPresent() && Files.isDirectory(documents.get())) {
                Path root = documents.get();
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    zip.putNextEntry(new ZipEntry("documents/" + rel));
                    var counting = new Counting(zip);
                    var digest = new DigestOutputStream(counting, sha256());
                    Files.copy(f, digest);
                    zip.closeEntry();
                    docs.add(new DocumentEntry(rel, counting.count, hex(digest.getMessageDigest())));
                }
            }
            Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, schema, now.toString(), pg, tables, sequences, docs);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            return manifest;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Reads the whole (decrypted) archive once, checks every table and document against the
     * manifest and returns it; touches nothing. Throws {@link BackupRefused} on any mismatch.
     */
    public static Manifest check(InputStream decrypted) throws IOException {
        Map<String, String> hashes = new java.util.HashMap<>();
        Manifest manifest = null;
        try (ZipInputStream zip = new ZipInputStream(decrypted)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(MANIFEST)) {
                    manifest = parse(zip.readAllBytes());
                } else {
                    var digest = new DigestInputStream(zip, sha256());
                    digest.transferTo(OutputStream.nullOutputStream());
                    hashes.put(e.getName(), hex(digest.getMessageDigest()));
                }
            }
        }
        if (manifest == null) {
            throw new BackupRefused("This backup has no manifest: it is incomplete.");
        }
        int n = 0;
        for (TableEntry t : manifest.tables()) {
            String name = String.format("tables/%03d-%s.copy", ++n, t.name());
            if (!t.sha256().equals(hashes.remove(name))) {
                throw new BackupRefused("Table " + t.name() + " in this backup does not match its checksum.");
            }
        }
        for (DocumentEntry d : manifest.documents()) {
            if (!d.sha256().equals(hashes.remove("documents/" + d.path()))) {
                throw new BackupRefused("Document " + d.path() + " in this backup does not match its checksum.");
            }
        }
        if (!hashes.isEmpty()) {
            throw new BackupRefused("This backup holds files its manifest does not list.");
        }
        return manifest;
    }

    /** Streams each table's COPY data (in manifest order) and each document to the loaders. */
    interface Loader {
        void table(TableEntry table, InputStream data) throws SQLException, IOException;

        void document(DocumentEntry document, InputStream data) throws IOException;
    }

    static void load(InputStream decrypted, Manifest manifest, Loader loader) throws IOException, SQLException {
        Map<String, TableEntry> tables = new java.util.HashMap<>();
        int n = 0;
        for (TableEntry t : manifest.tables()) {
            tables.put(String.format("tables/%03d-%s.copy", ++n, t.name()), t);
        }
        Map<String, DocumentEntry> docs = manifest.documents().stream()
                .collect(Collectors.toMap(d -> "documents/" + d.path(), Function.identity()));
        try (ZipInputStream zip = new ZipInputStream(decrypted)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                TableEntry t = tables.get(e.getName());
                DocumentEntry d = docs.get(e.getName());
                if (t != null || d != null) {
                    var digest = new DigestInputStream(zip, sha256());
                    InputStream once = new java.io.FilterInputStream(digest) {
                        @Override
                        public void close() {
                            // the zip stream stays open for the next entry
                        }
                    };
                    if (t != null) {
                        loader.table(t, once);
                    } else {
                        loader.document(d, once);
                    }
                    digest.transferTo(OutputStream.nullOutputStream());
                    String expected = t != null ? t.sha256() : d.sha256();
                    if (!expected.equals(hex(digest.getMessageDigest()))) {
                        throw new BackupRefused("The backup changed while it was being restored (" + e.getName() + ").");
                    }
                }
            }
        }
    }

    static Manifest parse(byte[] json) {
        try {
            Manifest m = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Manifest.class);
            if (m == null || !FORMAT.equals(m.format()) || m.tables() == null || m.schemaVersion() == null) {
                throw new BackupRefused("This backup's manifest is not one MedConnect wrote.");
            }
            if (m.formatVersion() > FORMAT_VERSION) {
                throw new BackupRefused("This backup uses archive format " + m.formatVersion() + "; this server reads up to "
                        + FORMAT_VERSION + ".");
            }
            return new Manifest(m.format(), m.formatVersion(), m.schemaVersion(), m.createdAt(), m.postgresVersion(), m.tables(),
                    m.sequences() == null ? List.of() : m.sequences(), m.documents() == null ? List.of() : m.documents());
        } catch (JsonParseException e) {
            throw new BackupRefused("This backup's manifest cannot be read.");
        }
    }

    static String toJson(Manifest m) {
        return GSON.toJson(m);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** Counts bytes and never closes what is under it. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the zip entry is closed by the writer
        }
    }
}
