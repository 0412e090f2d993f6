package org.medconnect.server.chart;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The facts the chart access rules read (care relations, grants, today's check-ins) and the
 * append-only log of who opened which chart. Plain SQL over the V12 tables.
 */
public final class ChartAccessRepository {

    private final DSLContext dsl;

    public ChartAccessRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether the patient exists at all. */
    public boolean patientExists(UUID patientId) {
        return dsl.fetchExists(dsl.selectOne().from(table(name("patient"))).where(field(name("id"), UUID.class).eq(patientId)));
    }

    /**
     * A care relation: the doctor is or was booked with the patient (any state but a request
     * that was declined), or has an encounter with them.
     */
    public boolean hasCareRelation(UUID doctorId, UUID patientId) {
        return dsl.resultQuery("""
                select exists (select 1 from appointment
                                where doctor_id = ?::uuid and patient_id = ?::uuid and status not in ('DECLINED'))
                    or exists (select 1 from encounter where doctor_id = ?::uuid and patient_id = ?::uuid)
                """, doctorId, patientId, doctorId, patientId).fetchSingle(0, Boolean.class);
    }

    /** The grant (referral or unexpired break the glass) that lets this doctor in now, referrals first. */
    public Optional<ActiveGrant> activeGrant(UUID doctorId, UUID patientId, OffsetDateTime now) {
        return dsl.resultQuery("""
                select id, kind from chart_access_grant
                 where doctor_id = ?::uuid and patient_id = ?::uuid and starts_at <= ?::timestamptz
                   and (expires_at is null or expires_at > ?::timestamptz)
                 order by case kind when 'REFERRAL' then 0 else 1 end, expires_at desc nulls first
                 limit 1
                """, doctorId, patientId, now, now)
                .fetchOptional(r -> new ActiveGrant(r.get(0, UUID.class), r.get(1, String.class)));
    }

    /** The patient has an appointment on this clinic day that is checked in, being seen or done. */
    public boolean checkedInOn(UUID patientId, LocalDate day, ZoneId zone) {
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return dsl.resultQuery("""
                select exists (select 1 from appointment
                                where patient_id = ?::uuid and starts_at >= ?::timestamptz and starts_at < ?::timestamptz
                                  and status in ('CHECKED_IN', 'IN_CONSULTATION', 'COMPLETED'))
                """, patientId, from, to).fetchSingle(0, Boolean.class);
    }

    public void log(UUID patientId, UUID userId, String role, String action, Optional<UUID> targetId, String basis,
                    Optional<UUID> grantId, OffsetDateTime at) {
        dsl.query("""
                insert into chart_access_log (patient_id, user_id, role, action, target_id, basis, grant_id, at)
                values (?::uuid, ?::uuid, ?, ?, ?::uuid, ?, ?::uuid, ?::timestamptz)
                """, patientId, userId, role, action, targetId.orElse(null), basis, grantId.orElse(null), at).execute();
    }

    /** A grant that is in force. */
    public record ActiveGrant(UUID id, String kind) {}

}
