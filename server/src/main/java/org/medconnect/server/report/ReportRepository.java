package org.medconnect.server.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.medconnect.server.report.ReportModel.Filter;

/**
 * The dashboard's SQL, read-only, run on the reporting pool (decision 0027). Plain SQL like the
 * other hot paths (decision 0014): each panel is one aggregate query the indexes of V11 serve.
 */
final class ReportRepository {

    /** Statuses that took a doctor's time, kept or not. */
    private static final String BOOKED = "('PENDING', 'CONFIRMED', 'CHECKED_IN', 'IN_CONSULTATION', 'COMPLETED', 'NO_SHOW')";

    private final DSLContext dsl;
    private final ZoneId zone;

    ReportRepository(DSLContext dsl, ZoneId zone) {
        this.dsl = dsl;
        this.zone = zone;
    }

    /** Collects SQL text and its binds in order. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> binds = new ArrayList<>();

        Sql add(String s, Object... values) {
            text.append(s);
            binds.addAll(List.of(values));
            return this;
        }
    }

    private OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OffsetDateTime startOf(Filter f) {
        return start(f.from());
    }

    private OffsetDateTime endOf(Filter f) {
        return start(f.to().plusDays(1));
    }

    /** Appointments of the filter: {@code a} joined to its doctor's profile {@code dp}. */
    private void appointmentScope(Sql sql, Filter f) {
        sql.add(" from appointment a left join doctor_profile dp on dp.user_id = a.doctor_id"
                + " where a.starts_at >= ?::timestamptz and a.starts_at < ?::timestamptz", startOf(f), endOf(f));
        narrow(sql, f);
    }

    private static void narrow(Sql sql, Filter f) {
        f.locationId().ifPresent(id -> sql.add(" and a.location_id = ?::uuid", id));
        f.doctorId().ifPresent(id -> sql.add(" and a.doctor_id = ?::uuid", id));
        f.departmentId().ifPresent(id -> sql.add(" and dp.department_id = ?::uuid", id));
    }

    private Result<Record> fetch(Sql sql) {
        return dsl.fetch(sql.text.toString(), sql.binds.toArray());
    }

    /** Per clinic day (or ISO week): total, completed, cancelled, no-show; every day of the period, zeros included. */
    Result<Record> appointmentsPer(Filter f, boolean week) {
        String bucket = week ? "date_trunc('week', a.starts_at at time zone ?)::date" : "(a.starts_at at time zone ?)::date";
        Sql sql = new Sql();
        sql.add("with buckets as (select g::date as bucket from generate_series(" + (week ? "date_trunc('week', ?::date)" : "?::date")
                + ", ?::date, interval '" + (week ? "7 days" : "1 day") + "') g), counts as (select " + bucket + " as bucket,"
                + " count(*) as total, count(*) filter (where a.status = 'COMPLETED') as completed,"
                + " count(*) filter (where a.status = 'CANCELLED') as cancelled, count(*) filter (where a.status = 'NO_SHOW') as no_show",
                f.from(), f.to(), zone.getId());
        appointmentScope(sql, f);
        sql.add(" group by 1) select b.bucket, coalesce(c.total, 0) as total, coalesce(c.completed, 0) as completed,"
                + " coalesce(c.cancelled, 0) as cancelled, coalesce(c.no_show, 0) as no_show"
                + " from buckets b left join counts c on c.bucket = b.bucket order by b.bucket");
        return fetch(sql);
    }

    /** no_show, settled (completed + no-show), cancelled, all but declined. */
    Record attendance(Filter f) {
        Sql sql = new Sql().add("select count(*) filter (where a.status = 'NO_SHOW') as no_show,"
                + " count(*) filter (where a.status in ('COMPLETED', 'NO_SHOW')) as settled,"
                + " count(*) filter (where a.status = 'CANCELLED') as cancelled,"
                + " count(*) filter (where a.status <> 'DECLINED') as not_declined");
        appointmentScope(sql, f);
        return fetch(sql).get(0);
    }

    /** Booked minutes per doctor (appointments that held the doctor's time, no-shows included). */
    Result<Record> bookedMinutes(Filter f) {
        Sql sql = new Sql().add("select a.doctor_id, s.display_name, sum(extract(epoch from a.ends_at - a.starts_at)) / 60.0 as minutes");
        sql.add(" from appointment a left join doctor_profile dp on dp.user_id = a.doctor_id join staff_user s on s.id = a.doctor_id"
                + " where a.starts_at >= ?::timestamptz and a.starts_at < ?::timestamptz and a.status in " + BOOKED, startOf(f), endOf(f));
        narrow(sql, f);
        sql.add(" group by a.doctor_id, s.display_name");
        return fetch(sql);
    }

    /** Names of doctors by id (for doctors with availability but no bookings). */
    String doctorName(UUID id) {
        return dsl.fetchOptional("select display_name from staff_user where id = ?::uuid", id)
                .map(r -> r.get(0, String.class)).orElse("Unknown doctor");
    }

    /** count, median and p90 (minutes) of check-in to called. */
    Record waiting(Filter f) {
        Sql sql = new Sql().add("select count(*) as visits,"
                + " percentile_cont(0.5) within group (order by extract(epoch from a.called_at - a.checked_in_at) / 60.0) as median,"
                + " percentile_cont(0.9) within group (order by extract(epoch from a.called_at - a.checked_in_at) / 60.0) as p90");
        appointmentScope(sql, f);
        sql.add(" and a.checked_in_at is not null and a.called_at is not null and a.called_at >= a.checked_in_at");
        return fetch(sql).get(0);
    }

    /**
     * count, median and p90 (minutes) of called to completed (the history row that completed it).
     * Clinic-wide the completions are gathered in one pass and joined by hash; narrowed (a doctor,
     * a location, a department) each visit looks up its own, which touches only those visits.
     */
    Record consultation(Filter f) {
        Sql sql = new Sql().add("select count(*) as visits,"
                + " percentile_cont(0.5) within group (order by extract(epoch from h.done - a.called_at) / 60.0) as median,"
                + " percentile_cont(0.9) within group (order by extract(epoch from h.done - a.called_at) / 60.0) as p90");
        if (narrowed(f)) {
            sql.add(" from appointment a left join doctor_profile dp on dp.user_id = a.doctor_id"
                    + " join lateral (select min(x.occurred_at) as done from appointment_history x"
                    + " where x.appointment_id = a.id and x.to_status = 'COMPLETED') h on h.done is not null");
        } else {
            sql.add(" from appointment a left join doctor_profile dp on dp.user_id = a.doctor_id"
                    + " join (select x.appointment_id, min(x.occurred_at) as done from appointment_history x"
                    + " where x.to_status = 'COMPLETED' and x.occurred_at >= ?::timestamptz group by x.appointment_id) h"
                    + " on h.appointment_id = a.id", startOf(f).minusDays(1)); // no visit is completed a day before it starts
        }
        sql.add(" where a.starts_at >= ?::timestamptz and a.starts_at < ?::timestamptz and a.status = 'COMPLETED' and a.called_at is not null"
                + " and h.done >= a.called_at", startOf(f), endOf(f));
        narrow(sql, f);
        return fetch(sql).get(0);
    }

    private static boolean narrowed(Filter f) {
        return f.locationId().isPresent() || f.doctorId().isPresent() || f.departmentId().isPresent();
    }

    /**
     * Patients with a completed visit in the period: those with none before it (new) and the others
     * (returning). One look-up per patient (V32's index of completed visits by patient).
     */
    Record newVsReturning(Filter f) {
        Sql sql = new Sql().add("with seen as (select distinct a.patient_id");
        appointmentScope(sql, f);
        sql.add(" and a.status = 'COMPLETED'), known as (select exists (select 1 from appointment p where p.patient_id = seen.patient_id"
                + " and p.status = 'COMPLETED' and p.starts_at < ?::timestamptz) as before from seen)"
                + " select count(*) filter (where not before) as new_patients, count(*) filter (where before) as returning_patients"
                + " from known", startOf(f));
        return fetch(sql).get(0);
    }

    enum RevenueKey { DAY, DOCTOR, DEPARTMENT, METHOD }

    /** key, received (payments), refunded, in minor units; by day every day of the period is listed. */
    Result<Record> revenue(Filter f, RevenueKey key) {
        String k = switch (key) {
            case DAY -> "(p.received_at at time zone ?)::date::text";
            case DOCTOR -> "coalesce(s.display_name, 'Not a visit')";
            case DEPARTMENT -> "coalesce(d.name, 'Not a visit')";
            case METHOD -> "p.method";
        };
        Sql sql = new Sql();
        if (key == RevenueKey.DAY) {
            sql.add("with days as (select g::date::text as k from generate_series(?::date, ?::date, interval '1 day') g), sums as (",
                    f.from(), f.to());
        }
        sql.add("select " + k + " as k, coalesce(sum(p.amount_minor) filter (where p.kind = 'PAYMENT'), 0) as received,"
                + " coalesce(sum(p.amount_minor) filter (where p.kind = 'REFUND'), 0) as refunded");
        if (key == RevenueKey.DAY) {
            sql.binds.add(zone.getId());
        }
        // Every payment has its invoice; a left join lets PostgreSQL leave invoice and visit out when the key
        // (day, method) and the filter need neither.
        sql.add(" from payment p left join invoice i on i.id = p.invoice_id left join appointment a on a.id = i.appointment_id"
                + " left join doctor_profile dp on dp.user_id = a.doctor_id left join staff_user s on s.id = a.doctor_id"
                + " left join department d on d.id = dp.department_id"
                + " where p.received_at >= ?::timestamptz and p.received_at < ?::timestamptz", startOf(f), endOf(f));
        narrow(sql, f);
        sql.add(" group by 1");
        if (key == RevenueKey.DAY) {
            sql.add(") select days.k, coalesce(sums.received, 0) as received, coalesce(sums.refunded, 0) as refunded"
                    + " from days left join sums on sums.k = days.k order by days.k");
        } else {
            sql.add(" order by sum(case when p.kind = 'PAYMENT' then p.amount_minor else -p.amount_minor end) desc, 1");
        }
        return fetch(sql);
    }

    /**
     * Issued invoices owing something at the end of {@code asOf}: days past due (negative = not yet
     * due) and amount owed, minor units. Clinic-wide, what was paid and credited is summed in one
     * pass over payments and credit notes and joined by hash (one look-up per invoice took seconds
     * over a year); narrowed, each of the few invoices looks up its own.
     */
    Result<Record> owing(Filter f, LocalDate asOf) {
        OffsetDateTime end = start(asOf.plusDays(1));
        Sql sql = new Sql();
        if (narrowed(f)) {
            sql.add("select (?::date - i.due_date) as days_late, i.total_minor"
                    + " + coalesce((select sum(c.total_minor) from invoice c where c.credited_invoice_id = i.id and c.status = 'ISSUED'"
                    + " and c.issue_date <= ?::date), 0)"
                    + " - coalesce((select sum(case when p.kind = 'PAYMENT' then p.amount_minor else -p.amount_minor end) from payment p"
                    + " where p.invoice_id = i.id and p.received_at < ?::timestamptz), 0) as owing", asOf, asOf, end);
        } else {
            sql.add("select (?::date - i.due_date) as days_late, i.total_minor + coalesce(c.credited, 0) - coalesce(p.paid, 0) as owing",
                    asOf);
        }
        sql.add(" from invoice i left join appointment a on a.id = i.appointment_id left join doctor_profile dp on dp.user_id = a.doctor_id");
        if (!narrowed(f)) {
            sql.add(" left join (select c.credited_invoice_id, sum(c.total_minor) as credited from invoice c where c.credited_invoice_id is not null"
                    + " and c.kind = 'CREDIT_NOTE' and c.status = 'ISSUED' and c.issue_date <= ?::date group by c.credited_invoice_id) c on c.credited_invoice_id = i.id"
                    + " left join (select p.invoice_id, sum(case when p.kind = 'PAYMENT' then p.amount_minor else -p.amount_minor end) as paid"
                    + " from payment p where p.received_at < ?::timestamptz group by p.invoice_id) p on p.invoice_id = i.id", asOf, end);
        }
        sql.add(" where i.kind = 'INVOICE' and i.status = 'ISSUED' and i.issue_date <= ?::date", asOf);
        narrow(sql, f);
        return dsl.fetch("select days_late, owing from (" + sql.text + ") o where owing > 0", sql.binds.toArray());
    }

    /** Per clinic day: sign-ins, distinct users signed in, refused sign-ins; of one user when the filter names a doctor. */
    Result<Record> signIns(Filter f) {
        Sql sql = new Sql().add("with days as (select g::date as day from generate_series(?::date, ?::date, interval '1 day') g),"
                + " counts as (select (e.occurred_at at time zone ?)::date as day, count(*) filter (where e.kind = 'SIGNED_IN') as sign_ins,"
                + " count(distinct e.user_id) filter (where e.kind = 'SIGNED_IN') as users,"
                + " count(*) filter (where e.kind in ('WRONG_PASSWORD', 'LOCKED', 'REFUSED_LOCKED', 'REFUSED_INACTIVE')) as refused"
                + " from auth_event e where e.occurred_at >= ?::timestamptz and e.occurred_at < ?::timestamptz", f.from(), f.to(), zone.getId(), startOf(f), endOf(f));
        f.doctorId().ifPresent(id -> sql.add(" and e.user_id = ?::uuid", id));
        sql.add(" group by 1) select d.day, coalesce(c.sign_ins, 0) as sign_ins, coalesce(c.users, 0) as users,"
                + " coalesce(c.refused, 0) as refused from days d left join counts c on c.day = d.day order by d.day");
        return fetch(sql);
    }

    /** Distinct users who signed in at all in the period. */
    long activeUsers(Filter f) {
        Sql sql = new Sql().add("select count(distinct e.user_id) from auth_event e where e.kind = 'SIGNED_IN'"
                + " and e.occurred_at >= ?::timestamptz and e.occurred_at < ?::timestamptz", startOf(f), endOf(f));
        f.doctorId().ifPresent(id -> sql.add(" and e.user_id = ?::uuid", id));
        return fetch(sql).get(0).get(0, Long.class);
    }
}
