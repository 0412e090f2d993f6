package org.medconnect.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.medconnect.server.platform.Database;

/**
 * One real PostgreSQL per test JVM (embedded, about 3 s to start), migrated once.
 * {@link #fresh()} empties every table so each test starts from a clean clinic.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static Database database;

    private TestDatabase() {}

    /** The shared database, emptied. */
    public static synchronized Database fresh() {
        Database db = shared();
        db.dsl().execute("truncate table queue_reorder, queue_day, appointment_event, waiting_list_entry, appointment_history, appointment, availability_exception, "
                + "availability_break, availability_rule, appointment_type, room, location, patient, audit_entry, auth_event, user_session, sign_in_throttle, doctor_profile, "
                + "staff_user, department restart identity cascade");
        db.dsl().execute("update appointment_event_clock set last_seq = 0");
        db.dsl().execute("update notification_cursor set last_seq = 0");
        db.dsl().execute("truncate table billing_document, payment, invoice_line, invoice, price_item, tax_rate, document_counter restart identity cascade");
        db.dsl().execute("update billing_cursor set last_seq = 0");
        // The audit chain starts again with the emptied audit (V9).
        db.dsl().execute("update audit_chain_head set last_seq = 0, last_hash = decode(repeat('00', 32), 'hex')");
        return db;
    }

    private static Database shared() {
        if (database == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            database = Database.connect(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 20);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return database;
    }

    /** A second, independent database for tests that need their own (e.g. restarts). */
    public static String jdbcUrl() {
        shared();
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
