package org.medconnect.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medconnect.server.audit.AuditTrail;
import org.medconnect.server.audit.AuditService;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.backup.BackupService;
import org.medconnect.server.platform.ConfigException;
import org.medconnect.server.platform.ConfigLoader;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.prescription.paper.PrescriptionSigner;

/**
 * The administrator's command line, run against the configured database (the same settings
 * as the server): {@code audit verify}, {@code backup [--to=file]}, {@code restore --from=file}; and
 * {@code verify-prescription}, which needs none of it (a pharmacy's offline check of a QR code).
 * With the embedded database the server must be stopped first (one PostgreSQL per home); with
 * MEDCONNECT_DB_URL they run beside a live server.
 */
public final class AdminCommand {

    static final int OK = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;

    private static final String USAGE_TEXT = """
            Usage:
              medconnect audit verify            walk the audit hash chain; exit 1 and name the first broken link if any
              medconnect backup [--to=FILE]      encrypted backup to FILE, or to MEDCONNECT_BACKUP_DIR (default <home>/backups)
              medconnect restore --from=FILE     restore into an EMPTY database (a new MEDCONNECT_HOME or MEDCONNECT_DB_URL)
              medconnect verify-prescription --key=PEM-FILE (--payload=TEXT | --payload-file=FILE)
                                                 offline check of a prescription's QR code against the clinic's public key
                                                 (GetVerificationKey); exit 0 when the signature holds, 1 when it does not
            The key is <home>/backup.key (made on the first backup; keep a copy elsewhere) or MEDCONNECT_BACKUP_PASSPHRASE.""";

    private AdminCommand() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv()));
    }

    static int run(List<String> args, Map<String, String> env) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            System.out.println(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        if (args.getFirst().equals("verify-prescription")) {
            // Needs no server, database or configuration: a pharmacy runs it with the published key.
            return verifyPrescription(args, env);
        }
        try {
            ServerConfig config = new ConfigLoader(env).load();
            return switch (args.getFirst()) {
                case "audit" -> args.size() == 2 && args.get(1).equals("verify") ? auditVerify(config) : usage("audit verify");
                case "backup" -> backup(config, env, option(args, "--to").map(p -> resolve(env, p)));
                case "restore" -> option(args, "--from").map(from -> restore(config, env, resolve(env, from)))
                        .orElseGet(() -> usage("restore --from=FILE"));
                default -> usage(args.getFirst());
            };
        } catch (BackupRefused e) {
            System.err.println("medconnect: refused: " + e.getMessage());
            return REFUSED;
        } catch (ConfigException | UncheckedIOException e) {
            System.err.println("medconnect: " + e.getMessage());
            return USAGE;
        }
    }

    private static int verifyPrescription(List<String> args, Map<String, String> env) {
        Optional<String> keyFile = option(args, "--key");
        Optional<String> payload = option(args, "--payload");
        Optional<String> payloadFile = option(args, "--payload-file");
        if (keyFile.isEmpty() || payload.isPresent() == payloadFile.isPresent()) {
            return usage("verify-prescription --key=PEM-FILE --payload=TEXT");
        }
        try {
            PublicKey key = PrescriptionSigner.readPem(Files.readString(Path.of(resolve(env, keyFile.get())), StandardCharsets.US_ASCII));
            String text = payload.isPresent() ? payload.get()
                    : Files.readString(Path.of(resolve(env, payloadFile.get())), StandardCharsets.UTF_8).strip();
            PrescriptionSigner.OfflineResult result = PrescriptionSigner.verifyWith(key, text);
            (result.valid() ? System.out : System.err).println((result.valid() ? "VALID: " : "NOT VALID: ") + result.explanation());
            if (result.valid()) {
                System.out.println("The signature proves the clinic issued this code; ask the clinic (VerifyPrescription) whether "
                        + "it is still current.");
            }
            return result.valid() ? OK : BROKEN;
        } catch (IOException e) {
            System.err.println("medconnect: cannot read " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            System.err.println("medconnect: " + e.getMessage());
            return USAGE;
        }
    }

    private static int usage(String what) {
        System.err.println("medconnect: cannot understand '" + what + "'.\n" + USAGE_TEXT);
        return USAGE;
    }

    private static Optional<String> option(List<String> args, String name) {
        return args.stream().skip(1).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
                .filter(s -> !s.isBlank()).findFirst();
    }

    /** A path typed by the user, against the folder they typed it in (the launcher changes folder). */
    private static String resolve(Map<String, String> env, String path) {
        String caller = env.get("MEDCONNECT_CALLER_DIR");
        return caller == null || caller.isBlank() ? path : Path.of(caller).resolve(path).toString();
    }

    private static int auditVerify(ServerConfig config) {
        try (Database db = Database.open(config)) {
            System.out.println("Verifying the audit chain in " + db.description() + " ...");
            var result = new AuditService(db.dsl(), Clock.systemUTC()).verify();
            if (result.intact()) {
                System.out.printf("Audit chain intact: %d entries (%d sign-in records) verified. Chain head %s%n",
                        result.entriesChecked(), result.signInRecordsChecked(), result.headHash());
                System.out.println("Note the chain head somewhere else: a later verify whose chain no longer passes through it "
                        + "shows the whole trail was rewritten.");
                return OK;
            }
            var b = result.firstBreak().orElseThrow();
            System.out.println("AUDIT CHAIN BROKEN (" + b.problem() + ")");
            System.out.println("  first broken link: entry id " + b.entryId() + ", chain position " + b.chainSeq()
                    + b.at().map(t -> ", written " + t).orElse(""));
            System.out.println("  expected: " + b.expected());
            System.out.println("  found:    " + b.found());
            System.out.println("  " + b.explanation());
            return BROKEN;
        }
    }

    private static int backup(ServerConfig config, Map<String, String> env, Optional<String> to) {
        var settings = BackupService.Settings.from(config.home(), env);
        try (Database db = Database.open(config)) {
            var service = new BackupService(settings, db, Clock.systemUTC());
            var made = to.isPresent() ? service.backupTo(Path.of(to.get()), Optional.empty())
                    : service.backupToFolder(Optional.empty());
            System.out.printf("Backup written: %s (%,d bytes; %d tables, %,d rows, %d documents; schema version %s)%n",
                    made.file(), made.bytes(), made.manifest().tables().size(), made.manifest().totalRows(),
                    made.manifest().documents().size(), made.manifest().schemaVersion());
            if (settings.passphrase().isEmpty()) {
                System.out.println("Encrypted with " + settings.keyFile() + ": keep a copy of that key away from this machine.");
            }
            return OK;
        }
    }

    private static int restore(ServerConfig config, Map<String, String> env, String from) {
        var settings = BackupService.Settings.from(config.home(), env);
        try (Database db = Database.openWithoutMigrating(config)) {
            System.out.println("Restoring into " + db.description());
            var restored = BackupService.restore(db, Path.of(from), settings, System.out::println);
            db.dsl().transaction(cfg -> AuditTrail.in(cfg.dsl()).record(null, "DATABASE_RESTORED", "backup",
                    Path.of(from).getFileName().toString(), "backup of " + restored.manifest().createdAt() + ", schema "
                            + restored.manifest().schemaVersion() + " now " + restored.schemaVersionNow(),
                    OffsetDateTime.now(ZoneOffset.UTC)));
            System.out.println("Restore complete (schema version " + restored.schemaVersionNow() + "). Start the server as usual.");
            return OK;
        }
    }
}
