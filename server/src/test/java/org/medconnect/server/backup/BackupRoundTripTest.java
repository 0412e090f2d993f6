package org.medconnect.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.billing.BillingModel;
import org.medconnect.server.audit.AuditService;
import org.medconnect.server.backup.BackupCrypto.BackupRefused;
import org.medconnect.server.bootstrap.FirstStart;
import org.medconnect.server.platform.Database;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * A demo clinic with a row in every table goes through a backup and a restore into a new
 * database and comes back identical: same tables, same row counts, same bytes, and its
 * staff can sign in.
 */
class BackupRoundTripTest {

    private static Database source;
    private static ClinicServices services;
    private static BackupService backups;
    private static BackupService.Settings settings;
    private static Path home;
    private static Path backupFile;
    private static final java.util.List<Database> opened = new java.util.ArrayList<>();

    @BeforeAll
    static void demoClinicWithEveryTableFilled() throws Exception {
        source = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), source, Clock.systemUTC());
        new FirstStart(services, new PrintStream(OutputStream.nullOutputStream())).run(true);
        services.auth().signIn("admin", "demo-pass-2026", "TEST", "127.0.0.1:1");
        fillTablesTheDemoLeavesEmpty(source);
        billAVisit(services);
        printAndEmailAPrescription(services);
        home = Path.of("target", "backup-test", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(home.resolve("documents/2026/12"));
        Files.write(home.resolve("documents/2026/12/scan-1.pdf.enc"), new byte[] {1, 2, 3, 4, 5});
        settings = BackupService.Settings.from(home, Map.of());
        backups = new BackupService(settings, source, Clock.systemUTC());
        backupFile = backups.backupToFolder(Optional.empty()).file();
    }

    @AfterAll
    static void closeRestoredDatabases() {
        opened.forEach(Database::close);
    }

    /** A paid invoice: price list, tax rate, invoice and lines, the numbering counter, a payment and its archived receipt. */
    private static void billAVisit(ClinicServices services) {
        var billing = services.billing();
        UUID adminId = source.dsl().fetchSingle("select id from staff_user where username = 'admin'").get(0, UUID.class);
        var desk = new org.medconnect.server.platform.Principal(adminId, "admin", "Administrator",
                org.medconnect.server.platform.Role.ADMIN, false, new byte[32]);
        UUID vat = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT", "20", true)).id();
        billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0, Optional.of(BillingModel.LineKind.ITEM),
                "DRESS", "Dressing", Optional.empty(), Optional.empty(), 500, billing.currency(), Optional.of(vat), true));
        UUID patient = source.dsl().fetchSingle("select id from patient limit 1").get(0, UUID.class);
        var draft = billing.create(desk, Optional.of(UUID.randomUUID()), patient, List.of(new BillingModel.LineInput(Optional.empty(),
                "Dressing", "1", java.util.OptionalLong.of(500), "", 0, Optional.of(vat), Optional.of(BillingModel.LineKind.ITEM))),
                BillingModel.Details.NONE);
        var issued = billing.issue(desk, draft.id(), draft.version());
        var paid = billing.pay(desk, BillingModel.PaymentKind.PAYMENT, UUID.randomUUID(), issued.id(), BillingModel.PaymentMethod.CASH,
                600, "", "");
        billing.invoicePdf(issued.id());
        billing.receiptPdf(paid.payment().id());
    }

    /** The prescriber prints a signed demo prescription (archived PDF, signing key) and emails it (the outbox row). */
    private static void printAndEmailAPrescription(ClinicServices services) {
        var signed = source.dsl().fetchSingle("""
                select p.id, p.prescriber_id from prescription p where p.status <> 'DRAFT' order by p.created_at limit 1""");
        var doctor = new org.medconnect.server.platform.Principal(signed.get(1, UUID.class), "dr.okafor", "Dr. Amara Okafor",
                org.medconnect.server.platform.Role.DOCTOR, false, new byte[32]);
        services.prescriptionPapers().pdf(doctor, signed.get(0, UUID.class));
        services.prescriptionPapers().email(doctor, UUID.randomUUID(), signed.get(0, UUID.class), Optional.of("patient@example.test"));
    }

    /** Rows for the tables the demo seeding does not reach, so every table is tested. */
    private static void fillTablesTheDemoLeavesEmpty(Database db) {
        var tables = emptyTables(db);
        if (tables.contains("queue_reorder")) {
            db.dsl().execute("""
                    insert into queue_reorder (appointment_id, doctor_id, clinic_day, token_number, from_place, to_place, reason, actor_user_id)
                    select a.id, a.doctor_id, current_date, 1, 2, 1, 'Patient in pain', (select id from staff_user where username = 'admin')
                    from appointment a limit 1""");
        }
        if (tables.contains("queue_day")) {
            db.dsl().execute("""
                    insert into queue_day (doctor_id, clinic_day, last_token)
                    select a.doctor_id, current_date, 1 from appointment a limit 1""");
        }
        if (tables.contains("reminder")) {
            db.dsl().execute("""
                    insert into reminder (appointment_id, lead_minutes, due_at, state, next_attempt_at, sent_at, channel)
                    select a.id, 60, a.starts_at - interval '1 hour', 'SENT', a.starts_at, now(), 'outbox' from appointment a limit 1""");
        }
        if (tables.contains("reminder_outbox")) {
            db.dsl().execute("""
                    insert into reminder_outbox (reminder_id, recipient, subject, body)
                    select id, 'patient@example.test', 'Your appointment', 'See you soon' from reminder limit 1""");
        }
        if (tables.contains("staff_totp")) {
            // Sealed bytes as the second-factor service would store them; the backup copies bytes, it does not open them.
            db.dsl().execute("""
                    insert into staff_totp (user_id, secret_sealed, confirmed_at, updated_at)
                    select id, decode(repeat('ab', 40), 'hex'), now(), now() from staff_user where username = 'admin'""");
        }
        if (tables.contains("staff_recovery_code")) {
            db.dsl().execute("""
                    insert into staff_recovery_code (user_id, code_hash, created_at)
                    select id, sha256(convert_to('recovery', 'UTF8')), now() from staff_user where username = 'admin'""");
        }
        if (tables.contains("password_reset_code")) {
            db.dsl().execute("""
                    insert into password_reset_code (user_id, code_hash, created_at, expires_at)
                    select id, sha256(convert_to('reset', 'UTF8')), now(), now() + interval '15 minutes'
                    from staff_user where username = 'admin'""");
        }
        if (tables.contains("sign_in_throttle")) {
            db.dsl().execute("insert into sign_in_throttle (username, failed_count) values ('nobody', 1)");
        }
        fillChart(db, tables);
    }

    /** One of everything a chart holds (issue 12), written as the chart services would, so backups carry charts. */
    private static void fillChart(Database db, List<String> empty) {
        db.dsl().execute("""
                with a as (select id, patient_id, doctor_id from appointment order by starts_at limit 1)
                insert into encounter (id, patient_id, doctor_id, kind, status, started_at, signed_at, signed_by,
                                       updated_by, updated_at)
                select '00000000-0000-0000-0000-00000000e001', a.patient_id, a.doctor_id, 'WALK_IN', 'SIGNED', now(), now(),
                       a.doctor_id, a.doctor_id, now() from a""");
        String p = "(select patient_id from encounter where id = '00000000-0000-0000-0000-00000000e001')";
        String d = "(select doctor_id from encounter where id = '00000000-0000-0000-0000-00000000e001')";
        String e = "'00000000-0000-0000-0000-00000000e001'";
        for (String sql : List.of(
                "insert into note_template (owner_id, name, shortcut, subjective, updated_by, updated_at) values (null, 'Cough', 'cough', 'Cough for days', " + d + ", now())",
                "insert into encounter_note (encounter_id, patient_id, subjective, plan, updated_by, updated_at) values (" + e + ", " + p + ", 'Sore throat', 'Fluids', " + d + ", now())",
                "insert into encounter_addendum (encounter_id, patient_id, text, written_by, written_at) values (" + e + ", " + p + ", 'Swab negative', " + d + ", now())",
                "insert into allergy (patient_id, substance_code, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at) values (" + p + ", 'class:penicillins', 'Penicillins', 'DRUG_CLASS', 'Rash', 'MODERATE', " + d + ", now(), " + d + ", now())",
                "insert into allergy_review (patient_id, no_known_allergies, updated_by, updated_at) values (" + p + ", false, " + d + ", now())",
                "insert into problem (patient_id, encounter_id, icd10_code, title, created_by, created_at, updated_by, updated_at) values (" + p + ", " + e + ", 'J02.9', 'Acute pharyngitis, unspecified', " + d + ", now(), " + d + ", now())",
                "insert into medication (patient_id, drug_code, name, strength, started_on, started_by, created_by, created_at, updated_by, updated_at) values (" + p + ", 'lisinopril', 'lisinopril', '10 mg', current_date, " + d + ", " + d + ", now(), " + d + ", now())",
                "insert into vital_signs (patient_id, encounter_id, measured_at, systolic_mmhg, diastolic_mmhg, weight_kg, height_cm, recorded_by, recorded_at, updated_by, updated_at) values (" + p + ", " + e + ", now(), 128, 82, 70.5, 172, " + d + ", now(), " + d + ", now())",
                "insert into chart_document (id, patient_id, category, title, content_type, size_bytes, sha256, storage_name, wrapped_key, uploaded_by, uploaded_at, updated_by, updated_at) values ('00000000-0000-0000-0000-00000000d001', " + p + ", 'LAB_REPORT', 'Blood count', 'application/pdf', 5, sha256('x'), '00000000-0000-0000-0000-00000000d001.bin', decode('abcd', 'hex'), " + d + ", now(), " + d + ", now())",
                "insert into care_plan (patient_id, title, details, created_by, created_at, updated_by, updated_at) values (" + p + ", 'Blood pressure', 'Recheck monthly', " + d + ", now(), " + d + ", now())",
                "insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at, expires_at) values (" + p + ", (select id from staff_user where role = 'DOCTOR' and id <> " + d + " limit 1), 'BREAK_GLASS', 'Covering an emergency', (select id from staff_user where role = 'DOCTOR' and id <> " + d + " limit 1), now(), now() + interval '4 hours')",
                "insert into referral (patient_id, from_doctor_id, to_external, reason, created_by, created_at, updated_by, updated_at) values (" + p + ", " + d + ", 'City Cardiology', 'Murmur', " + d + ", now(), " + d + ", now())",
                "insert into follow_up (patient_id, doctor_id, due_on, created_by, created_at, updated_by, updated_at) values (" + p + ", " + d + ", current_date + 21, " + d + ", now(), " + d + ", now())",
                "insert into admission (patient_id, admitting_doctor_id, ward, bed, reason, admitted_at, created_by, created_at, updated_by, updated_at) values (" + p + ", " + d + ", 'Ward A', '3', 'Observation', now(), " + d + ", now(), " + d + ", now())",
                "insert into emergency_contact (patient_id, name, relationship, phone, updated_by, updated_at) values (" + p + ", 'Rui Silva', 'Spouse', '+351 912 000 111', " + d + ", now())",
                "insert into insurance_policy (patient_id, insurer, policy_number, coverage_start, updated_by, updated_at) values (" + p + ", 'Medis', 'P-123', current_date - 100, " + d + ", now())",
                "insert into consent_record (patient_id, kind, given_on, document_id, updated_by, updated_at) values (" + p + ", 'TREATMENT', current_date, '00000000-0000-0000-0000-00000000d001', " + d + ", now())",
                "insert into chart_access_log (patient_id, user_id, role, action, basis) values (" + p + ", " + d + ", 'DOCTOR', 'OPEN_CHART', 'CARE_RELATION')",
                "insert into chart_entry_history (patient_id, entry_kind, entry_id, version, change, changed_by, changed_at, fields) values (" + p + ", 'ENCOUNTER', " + e + ", 1, 'SIGNED', " + d + ", now(), '[[\"Status\",\"Signed\"]]')")) {
            // Only what the demo clinic left empty (its charts fill notes, vitals, problems...).
            String table = sql.substring("insert into ".length(), sql.indexOf(' ', "insert into ".length()));
            if (empty.contains(table)) {
                db.dsl().execute(sql);
            }
        }
    }

    private static List<String> emptyTables(Database db) {
        try (Connection c = db.dataSource().getConnection()) {
            var repo = new BackupRepository(c);
            List<String> empty = new java.util.ArrayList<>();
            for (var t : repo.tables()) {
                if (repo.count(t) == 0) {
                    empty.add(t.name());
                }
            }
            return empty;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table's row count and the SHA-256 of its COPY, by name. */
    private static Map<String, String> fingerprint(Database db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            var repo = new BackupRepository(c);
            for (var t : repo.tables()) {
                var digest = new DigestOutputStream(OutputStream.nullOutputStream(), BackupArchive.sha256());
                repo.copyOut(t, digest);
                out.put(t.name(), repo.count(t) + " rows, " + HexFormat.of().formatHex(digest.getMessageDigest().digest()));
            }
        }
        return out;
    }

    /** Every index and constraint of the schema, as PostgreSQL prints their definitions. */
    private static List<String> schemaObjects(Database db) {
        List<String> out = new java.util.ArrayList<>(db.dsl().resultQuery(
                "select indexname || ': ' || indexdef from pg_indexes where schemaname = current_schema() order by 1").fetch(0, String.class));
        out.addAll(db.dsl().resultQuery("""
                select k.conname || ': ' || pg_get_constraintdef(k.oid) from pg_constraint k
                join pg_namespace n on n.oid = k.connamespace where n.nspname = current_schema() order by 1""").fetch(0, String.class));
        return out;
    }

    /** A new, empty database on the test PostgreSQL, not migrated. */
    private static Database emptyDatabase() throws Exception {
        String name = "restore_" + UUID.randomUUID().toString().replace("-", "");
        String adminUrl = TestDatabase.jdbcUrl();
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        Database db = Database.connectWithoutMigrating(adminUrl.replace("/postgres?", "/" + name + "?"), "postgres", "postgres", 4);
        opened.add(db);
        return db;
    }

    private static BackupService.Settings settingsFor(Path otherHome) {
        return BackupService.Settings.from(otherHome, Map.of());
    }

    @Test
    void theDemoClinicFillsEveryTable() {
        assertThat(emptyTables(source)).isEmpty();
    }

    @Test
    void aRestoredClinicIsIdenticalAndItsStaffCanSignIn() throws Exception {
        var before = fingerprint(source);
        Path restoredHome = home.resolveSibling(UUID.randomUUID().toString());
        Files.createDirectories(restoredHome);
        Files.copy(settings.keyFile(), restoredHome.resolve("backup.key"));
        Files.setPosixFilePermissions(restoredHome.resolve("backup.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Database target = emptyDatabase();

        var restored = BackupService.restore(target, backupFile, settingsFor(restoredHome), line -> { });

        assertThat(restored.manifest().tables()).hasSize(before.size());
        var after = fingerprint(target);
        // The backup's own BACKUP_CREATED entry came after its snapshot.
        before.remove("audit_entry");
        before.remove("audit_chain_head");
        var afterAudit = Map.of("audit_entry", after.remove("audit_entry"), "audit_chain_head", after.remove("audit_chain_head"));
        assertThat(after).isEqualTo(before);
        assertThat(afterAudit.values()).allMatch(v -> !v.startsWith("0 rows"));
        // Indexes and constraints dropped for the load are all back, exactly as migrations made them.
        assertThat(schemaObjects(target)).isEqualTo(schemaObjects(source)).hasSizeGreaterThan(50);
        assertThat(Files.readAllBytes(restoredHome.resolve("documents/2026/12/scan-1.pdf.enc"))).containsExactly(1, 2, 3, 4, 5);

        var restoredClinic = new ClinicServices(TestConfig.defaults(), target, Clock.systemUTC());
        assertThat(restoredClinic.auth().signIn("admin", "demo-pass-2026", "TEST", "127.0.0.1:1").principal().username())
                .isEqualTo("admin");
        var audit = new AuditService(target.dsl(), Clock.systemUTC()).verify();
        assertThat(audit.intact()).as("%s", audit.firstBreak()).isTrue();
        // Sequences continue after the restored rows: new identities do not collide.
        target.dsl().execute("insert into department (name) values ('After restore')");
    }

    @Test
    void theAuditAndTheSnapshotAgreeRowForRow() throws Exception {
        var manifest = BackupArchive.check(BackupCrypto.decrypt(Files.newInputStream(backupFile), BackupService.secret(settings, false)));
        assertThat(manifest.schemaVersion()).isEqualTo(source.newestKnownSchemaVersion().getVersion());
        assertThat(manifest.tables()).extracting(BackupArchive.TableEntry::name).contains("flyway_schema_history", "audit_entry", "patient");
        assertThat(manifest.documents()).extracting(BackupArchive.DocumentEntry::path).containsExactly("2026/12/scan-1.pdf.enc");
    }

    @Test
    void aNonEmptyDatabaseIsRefused() {
        assertThatThrownBy(() -> BackupService.restore(source, backupFile, settings, line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("not empty");
    }

    @Test
    void aTamperedArchiveIsRefusedAndNothingIsWritten() throws Exception {
        Path tampered = home.resolve("tampered.mcbk");
        Files.copy(backupFile, tampered);
        try (var f = new RandomAccessFile(tampered.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        Database target = emptyDatabase();

        assertThatThrownBy(() -> BackupService.restore(target, tampered, settings, line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("tampered").hasMessageContaining("AES-GCM");
        try (Connection c = target.dataSource().getConnection()) {
            assertThat(new BackupRepository(c).relationCount()).isZero();
        }
    }

    @Test
    void aCutShortArchiveIsRefused() throws Exception {
        Path cut = home.resolve("cut.mcbk");
        byte[] all = Files.readAllBytes(backupFile);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));

        assertThatThrownBy(() -> BackupService.restore(emptyDatabase(), cut, settings, line -> { }))
                .isInstanceOf(BackupRefused.class);
    }

    @Test
    void theWrongKeyIsRefusedWithAClearMessage() throws Exception {
        Path otherHome = home.resolveSibling(UUID.randomUUID().toString());
        BackupService.secret(settingsFor(otherHome), true);

        assertThatThrownBy(() -> BackupService.restore(emptyDatabase(), backupFile, settingsFor(otherHome), line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("different backup key");
    }

    @Test
    void aPassphraseBackupNeedsThePassphrase() throws Exception {
        Path file = home.resolve("with-passphrase.mcbk");
        var withPassphrase = BackupService.Settings.from(home, Map.of("MEDCONNECT_BACKUP_PASSPHRASE", "correct horse battery staple"));
        new BackupService(withPassphrase, source, Clock.systemUTC()).backupTo(file, Optional.empty());

        assertThatThrownBy(() -> BackupService.restore(emptyDatabase(), file,
                BackupService.Settings.from(home, Map.of("MEDCONNECT_BACKUP_PASSPHRASE", "wrong horse")), line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("Wrong passphrase");
        assertThatThrownBy(() -> BackupService.restore(emptyDatabase(), file, settings, line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("passphrase");
    }

    @Test
    void aBackupFromANewerSchemaIsRefused() throws Exception {
        Database newer = emptyDatabase();
        newer.migrateTo(Optional.empty());
        newer.dsl().execute("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                values (1000, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'postgres', 0, true)""");
        Path file = home.resolve("newer.mcbk");
        new BackupService(settings, newer, Clock.systemUTC()).backupTo(file, Optional.empty());

        assertThatThrownBy(() -> BackupService.restore(emptyDatabase(), file, settings, line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("newer MedConnect").hasMessageContaining("999");
    }

    @Test
    void retentionKeepsTheNewestBackups() throws Exception {
        Path dir = home.resolve("retention");
        var keepTwo = BackupService.Settings.from(home, Map.of("MEDCONNECT_BACKUP_DIR", dir.toString(), "MEDCONNECT_BACKUP_KEEP", "2"));
        Files.createDirectories(dir);
        for (String stamp : List.of("20261201T023000Z", "20261202T023000Z", "20261203T023000Z")) {
            Files.writeString(dir.resolve("medconnect-" + stamp + ".mcbk"), "old");
        }
        Files.writeString(dir.resolve("not-a-backup.txt"), "keep me");

        new BackupService(keepTwo, source, Clock.systemUTC()).prune();

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("medconnect-20261202T023000Z.mcbk", "medconnect-20261203T023000Z.mcbk", "not-a-backup.txt");
        }
    }
}
