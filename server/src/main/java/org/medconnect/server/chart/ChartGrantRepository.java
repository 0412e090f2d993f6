package org.medconnect.server.chart;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.ChartModel.AccessEntry;
import org.medconnect.server.chart.ChartModel.GlassGrant;

/** Break-the-glass grants (written, listed, reviewed) and the "who looked at this chart" log as people read it. */
final class ChartGrantRepository {

    private static final String GRANT_SELECT = """
            select g.id, g.patient_id, p.given_name || ' ' || p.family_name, p.mrn, g.doctor_id, d.display_name, g.reason,
                   g.starts_at, g.expires_at, r.display_name, g.reviewed_at, g.review_note
              from chart_access_grant g
              join patient p on p.id = g.patient_id
              join staff_user d on d.id = g.doctor_id
              left join staff_user r on r.id = g.reviewed_by
            """;

    private final DSLContext dsl;

    ChartGrantRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<UUID> findIdByRequestId(UUID requestId) {
        return dsl.resultQuery("select id from chart_access_grant where request_id = ?", requestId).fetchOptional(0, UUID.class);
    }

    UUID insertBreakGlass(UUID patientId, UUID doctorId, String reason, OffsetDateTime startsAt, OffsetDateTime expiresAt,
                          Optional<UUID> requestId) {
        return dsl.resultQuery("""
                insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at, expires_at, request_id)
                values (?, ?, 'BREAK_GLASS', ?, ?, ?::timestamptz, ?::timestamptz, ?) returning id
                """, patientId, doctorId, reason, doctorId, startsAt, expiresAt, requestId.orElse(null)).fetchSingle(0, UUID.class);
    }

    Optional<GlassGrant> grant(UUID id) {
        return dsl.resultQuery(GRANT_SELECT + " where g.id = ? and g.kind = 'BREAK_GLASS'", id)
                .fetchOptional(ChartGrantRepository::toGrant);
    }

    List<GlassGrant> breakGlassGrants(boolean unreviewedOnly, int offset, int limit) {
        return dsl.resultQuery(GRANT_SELECT + """
                 where g.kind = 'BREAK_GLASS' and (not ? or g.reviewed_at is null)
                 order by g.starts_at desc, g.id
                 offset ? limit ?
                """, unreviewedOnly, offset, limit).fetch(ChartGrantRepository::toGrant);
    }

    int countBreakGlass(boolean unreviewedOnly) {
        return dsl.resultQuery("""
                select count(*) from chart_access_grant where kind = 'BREAK_GLASS' and (not ? or reviewed_at is null)
                """, unreviewedOnly).fetchSingle(0, Integer.class);
    }

    /** Marks a grant reviewed unless someone already did; true when this call did. */
    boolean markReviewed(UUID id, UUID reviewer, OffsetDateTime at, Optional<String> note) {
        return dsl.query("""
                update chart_access_grant set reviewed_by = ?, reviewed_at = ?::timestamptz, review_note = ?
                 where id = ? and kind = 'BREAK_GLASS' and reviewed_at is null
                """, reviewer, at, note.orElse(null), id).execute() == 1;
    }

    List<AccessEntry> accessLog(UUID patientId, int offset, int limit) {
        return dsl.resultQuery("""
                select l.at, u.display_name, l.role, l.action, l.basis, case when g.kind = 'BREAK_GLASS' then g.reason end
                  from chart_access_log l
                  join staff_user u on u.id = l.user_id
                  left join chart_access_grant g on g.id = l.grant_id
                 where l.patient_id = ?
                 order by l.at desc, l.id desc
                 offset ? limit ?
                """, patientId, offset, limit).fetch(r -> new AccessEntry(r.get(0, OffsetDateTime.class),
                r.get(1, String.class), r.get(2, String.class), r.get(3, String.class), r.get(4, String.class),
                Optional.ofNullable(r.get(5, String.class))));
    }

    int countAccessLog(UUID patientId) {
        return dsl.resultQuery("select count(*) from chart_access_log where patient_id = ?", patientId).fetchSingle(0, Integer.class);
    }

    /** "Given Family (MRN)" for inbox items and audit details. */
    String patientLabel(UUID patientId) {
        return dsl.resultQuery("select given_name || ' ' || family_name || ' (' || mrn || ')' from patient where id = ?", patientId)
                .fetchSingle(0, String.class);
    }

    private static GlassGrant toGrant(Record r) {
        return new GlassGrant(r.get(0, UUID.class), r.get(1, UUID.class), r.get(2, String.class), r.get(3, String.class),
                r.get(4, UUID.class), r.get(5, String.class), r.get(6, String.class), r.get(7, OffsetDateTime.class),
                r.get(8, OffsetDateTime.class), Optional.ofNullable(r.get(9, String.class)),
                Optional.ofNullable(r.get(10, OffsetDateTime.class)), Optional.ofNullable(r.get(11, String.class)));
    }
}
