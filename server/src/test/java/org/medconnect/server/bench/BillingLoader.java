package org.medconnect.server.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Fills in the money and the visits behind the dashboard for a year that {@link ClinicLoader}
 * loaded: an issued, numbered invoice (one line) for every completed visit, payments with
 * every method (most at the desk, insurers and transfers weeks later, some partial, some
 * refunded, some still owing), the history row that completed each visit (consultation
 * length), and a year of sign-ins. Server-side {@code INSERT ... SELECT} in one session with
 * {@code session_replication_role = replica}: the rows are built from rows that already keep
 * every rule, so the per-row triggers (the payment balance check, the "issued never changes"
 * guards) and foreign-key checks are skipped for the load, then everything is analysed.
 * Nothing happens after "now": a payment due later is simply not there yet (it is owing).
 */
final class BillingLoader {

    /** What was loaded, and how long it took. */
    record Loaded(long invoices, long payments, long history, long signIns, Map<String, Long> byMethod, double seconds) {}

    private final DataSource dataSource;
    private final ZoneId zone;
    private final String currency;
    private final UUID receptionistId;

    BillingLoader(DataSource dataSource, ZoneId zone, String currency, UUID receptionistId) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.currency = currency;
        this.receptionistId = receptionistId;
    }

    Loaded load() throws SQLException {
        long t0 = System.nanoTime();
        long invoices;
        long payments;
        long history;
        long signIns;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local session_replication_role = replica");
                st.execute("set local work_mem = '256MB'");
                // The completed visits, each with a number 0..999 that picks how it was paid.
                execute(c, """
                        create temp table bench_visit on commit drop as
                        select gen_random_uuid() as invoice_id, a.id as appointment_id, a.patient_id, a.doctor_id, a.starts_at,
                               a.ends_at, a.called_at, (a.starts_at at time zone '%s')::date as day,
                               abs(hashtext(a.id::text)) %% 1000 as h,
                               case when t.name = 'Follow-up' then 5000 else 8000 end as price
                          from appointment a join appointment_type t on t.id = a.type_id
                         where a.status = 'COMPLETED'""".formatted(zoneName()));
                // One in twenty gets a 10% discount at the desk; consultations carry no tax.
                st.execute("alter table bench_visit add column discount bigint");
                st.execute("update bench_visit set discount = case when h % 20 = 7 then price / 10 else 0 end");
                // The consultation ended: the history row that completed it (5-20 minutes after the call).
                history = st.executeUpdate("""
                        insert into appointment_history (appointment_id, occurred_at, actor_user_id, action, from_status, to_status)
                        select appointment_id, coalesce(called_at, starts_at) + make_interval(mins => 5 + h % 16), doctor_id,
                               'COMPLETED', 'IN_CONSULTATION', 'COMPLETED'
                          from bench_visit""");
                invoices = update(c, """
                        insert into invoice (id, kind, status, patient_id, appointment_id, currency, subtotal_minor, discount_minor,
                                             tax_minor, total_minor, series, number_year, number_seq, number, issue_date, due_date,
                                             issued_at, issued_by, created_by, created_at, updated_at)
                        select invoice_id, 'INVOICE', 'ISSUED', patient_id, appointment_id, ?, price, discount, 0, price - discount,
                               'INV', extract(year from day)::int, seq,
                               'INV-' || extract(year from day)::int || '-' || lpad(seq::text, 6, '0'),
                               day, day + 30, ends_at + interval '2 minutes', ?::uuid, ?::uuid, ends_at, ends_at + interval '2 minutes'
                          from (select v.*, row_number() over (partition by extract(year from day) order by ends_at, appointment_id)::int as seq
                                  from bench_visit v) n""", currency, receptionistId, receptionistId);
                st.execute("""
                        insert into invoice_line (invoice_id, position, kind, description, quantity, unit_price_minor, discount_minor,
                                                  tax_name, tax_percent, net_minor, tax_minor, gross_minor)
                        select invoice_id, 1, 'CONSULTATION', case when price = 5000 then 'Follow-up' else 'Consultation' end, 1, price,
                               discount, '', 0, price - discount, 0, price - discount
                          from bench_visit""");
                // How each visit was paid, by h: card or cash at the desk (55%), insurer 20-59 days later (15%),
                // bank transfer 3-27 days later (12%), half at the desk and maybe the rest by transfer later (8%),
                // nothing yet (8%), paid by card and a fifth refunded five days later (2%).
                execute(c, """
                        create temp table bench_payment on commit drop as
                        select * from (
                          select invoice_id, patient_id, 'PAYMENT' as kind, case when h < 350 then 'CARD' else 'CASH' end as method,
                                 price - discount as amount, ends_at + interval '3 minutes' as received_at from bench_visit where h < 550
                          union all
                          select invoice_id, patient_id, 'PAYMENT', 'INSURANCE', price - discount, ends_at + make_interval(days => 20 + h % 40)
                            from bench_visit where h >= 550 and h < 700
                          union all
                          select invoice_id, patient_id, 'PAYMENT', 'BANK_TRANSFER', price - discount, ends_at + make_interval(days => 3 + h % 25)
                            from bench_visit where h >= 700 and h < 820
                          union all
                          select invoice_id, patient_id, 'PAYMENT', case when h % 2 = 0 then 'CARD' else 'CASH' end, (price - discount) / 2,
                                 ends_at + interval '3 minutes' from bench_visit where h >= 820 and h < 900
                          union all
                          select invoice_id, patient_id, 'PAYMENT', 'BANK_TRANSFER', (price - discount) - (price - discount) / 2,
                                 ends_at + make_interval(days => 10 + h % 30) from bench_visit where h >= 820 and h < 860
                          union all
                          select invoice_id, patient_id, 'PAYMENT', 'CARD', price - discount, ends_at + interval '3 minutes'
                            from bench_visit where h >= 980
                          union all
                          select invoice_id, patient_id, 'REFUND', 'CARD', (price - discount) / 5, ends_at + interval '5 days'
                            from bench_visit where h >= 980
                        ) p where received_at <= now()""");
                payments = update(c, """
                        insert into payment (kind, invoice_id, patient_id, method, amount_minor, currency, receipt_year, receipt_seq,
                                             receipt_number, received_at, received_by, request_id)
                        select kind, invoice_id, patient_id, method, amount, ?, year, seq, 'RCT-' || year || '-' || lpad(seq::text, 6, '0'),
                               received_at, ?::uuid, gen_random_uuid()
                          from (select p.*, extract(year from received_at at time zone ?)::int as year,
                                       row_number() over (partition by extract(year from received_at at time zone ?)
                                                          order by received_at, invoice_id, kind)::int as seq
                                  from bench_payment p) n""", currency, receptionistId, zone.getId(), zone.getId());
                // The counters go on from the loaded numbers, so the desk's next invoice and receipt follow on.
                st.execute("""
                        insert into document_counter (series, year, last_number)
                        select series, number_year, max(number_seq) from invoice where series = 'INV' group by 1, 2
                        union all
                        select 'RCT', receipt_year, max(receipt_seq) from payment group by 2
                        on conflict (series, year) do update set last_number = greatest(document_counter.last_number, excluded.last_number)""");
                // Every workday everyone signs in once (3% after a wrong password first) and out in the evening.
                signIns = update(c, """
                        insert into auth_event (occurred_at, kind, username, user_id, workstation)
                        select e.at, e.kind, u.username, u.id, 'DESK'
                          from staff_user u
                          cross join generate_series((select min(starts_at) from bench_visit)::date::timestamp, (current_date - 1)::timestamp,
                                                     interval '1 day') d
                          cross join lateral (values
                              ((d::date + time '06:45') at time zone ? + make_interval(mins => abs(hashtext(u.id::text || d::text)) % 40),
                               'SIGNED_IN'),
                              ((d::date + time '06:44') at time zone ?,
                               case when abs(hashtext(u.id::text || d::text)) % 100 < 3 then 'WRONG_PASSWORD' end),
                              ((d::date + time '19:15') at time zone ?, 'SIGNED_OUT')) e(at, kind)
                         where extract(isodow from d) < 6 and e.kind is not null""", zone.getId(), zone.getId(), zone.getId());
            }
            c.commit();
            c.setAutoCommit(autoCommit);
            try (Statement st = c.createStatement()) {
                // Index-only scans need the visibility map; the planner needs the statistics.
                for (String table : new String[] {"invoice", "invoice_line", "payment", "appointment_history", "auth_event", "document_counter"}) {
                    st.execute("vacuum (analyze) " + table);
                }
            }
        }
        Map<String, Long> byMethod = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select kind || ' ' || method, count(*) from payment group by 1 order by 2 desc")) {
            while (rs.next()) {
                byMethod.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new Loaded(invoices, payments, history, signIns, byMethod, (System.nanoTime() - t0) / 1e9);
    }

    /** The zone as an SQL literal (a utility statement takes no binds); a zone id has no quotes in it. */
    private String zoneName() {
        if (!zone.getId().matches("[A-Za-z0-9/_+-]+")) {
            throw new IllegalArgumentException("Unexpected zone id " + zone.getId());
        }
        return zone.getId();
    }

    private static void execute(Connection c, String sql, Object... binds) throws SQLException {
        update(c, sql, binds);
    }

    private static long update(Connection c, String sql, Object... binds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            return ps.executeLargeUpdate();
        }
    }
}
