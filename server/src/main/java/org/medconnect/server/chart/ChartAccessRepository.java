package org.medconnect.server.chart;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.platform.Jdbc;

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

    /**
     * What the rule for a doctor reads, in one statement: whether the patient exists; whether
     * the doctor has a care relation with them (is or was booked with them, any state but a
     * request that was declined, or has an encounter with them); and the grant (referral or
     * unexpired break the glass) that lets them in now, referrals first. A read that a hot path
     * can send together with its own reads ({@link Jdbc#readTogether}).
     */
    public Jdbc.Read<DoctorFacts> doctorFacts(UUID doctorId, UUID patientId, OffsetDateTime now) {
        return new Jdbc.Read<>("""
                select exists (select 1 from patient where id = ?::uuid),
                       exists (select 1 from appointment
                                where doctor_id = ?::uuid and patient_id = ?::uuid and status not in ('DECLINED'))
                    or exists (select 1 from encounter where doctor_id = ?::uuid and patient_id = ?::uuid),
                       g.id, g.kind
                  from (values (1)) one
                  left join lateral (select id, kind from chart_access_grant
                                      where doctor_id = ?::uuid and patient_id = ?::uuid and starts_at <= ?::timestamptz
                                        and (expires_at is null or expires_at > ?::timestamptz)
                                      order by case kind when 'REFERRAL' then 0 else 1 end, expires_at desc nulls first
                                      limit 1) g on true""",
                patientId, doctorId, patientId, doctorId, patientId, doctorId, patientId, now, now) {
            private DoctorFacts facts = new DoctorFacts(false, false, Optional.empty());

            @Override
            protected void row(ResultSet rs) throws SQLException {
                UUID grant = Jdbc.uuid(rs, 3);
                facts = new DoctorFacts(rs.getBoolean(1), rs.getBoolean(2),
                        grant == null ? Optional.empty() : Optional.of(new ActiveGrant(grant, rs.getString(4))));
            }

            @Override
            protected DoctorFacts result() {
                return facts;
            }
        };
    }

    /** {@link #doctorFacts}, run on its own. */
    public DoctorFacts readDoctorFacts(UUID doctorId, UUID patientId, OffsetDateTime now) {
        return Jdbc.read(dsl, doctorFacts(doctorId, patientId, now));
    }

    /** Runs a read made here that was not sent with others. */
    public <T> T readAlone(Jdbc.Read<T> read) {
        return Jdbc.read(dsl, read);
    }

    /** What the access rule for a doctor needs to know. */
    public record DoctorFacts(boolean patientExists, boolean careRelation, Optional<ActiveGrant> grant) {}

    /** A grant that is in force. */
    public record ActiveGrant(UUID id, String kind) {}

}
