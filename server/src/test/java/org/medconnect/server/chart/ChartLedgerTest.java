package org.medconnect.server.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.testing.TestDatabase;

/** The ledger every chart part writes through: versions in order, one writer per version, events numbered at commit. */
class ChartLedgerTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-06T10:42:00Z");

    private DSLContext dsl;
    private UUID patient;
    private UUID doctor;

    @BeforeEach
    void fresh() {
        Database db = TestDatabase.fresh();
        dsl = db.dsl();
        doctor = dsl.resultQuery("""
                insert into staff_user (username, display_name, email, role, password_hash, updated_at)
                values ('dr.x', 'Dr X', 'x@clinic.test', 'DOCTOR', 'h', now()) returning id""").fetchSingle(0, UUID.class);
        patient = dsl.resultQuery("""
                insert into patient (mrn, given_name, family_name, date_of_birth, sex)
                values ('MC1000017', 'Ana', 'Silva', date '1984-03-07', 'FEMALE') returning id""").fetchSingle(0, UUID.class);
    }

    @Test
    void aVersionIsKeptWithItsFieldsInOrderAndBecomesANumberedChartEvent() {
        UUID entry = UUID.randomUUID();
        ChartLedger.in(dsl).record(new ChartLedger.Change(patient, "VITALS", entry, 1, "CREATED", doctor, AT,
                List.of(new ChartLedger.Field("Pulse", "72 /min"), new ChartLedger.Field("Blood pressure", "128/82 \"sitting\""))));

        assertThat(dsl.resultQuery("select fields::text from chart_entry_history where entry_id = ?::uuid", entry).fetchSingle(0, String.class))
                .isEqualTo("[[\"Pulse\", \"72 /min\"], [\"Blood pressure\", \"128/82 \\\"sitting\\\"\"]]");
        assertThat(dsl.resultQuery("select entry_kind, version from chart_event where patient_id = ?::uuid", patient).fetch())
                .extracting(r -> r.get(0) + " v" + r.get(1)).containsExactly("VITALS v1");
    }

    @Test
    void aSecondWriterOfTheSameVersionIsRefusedAsAStaleEdit() {
        UUID entry = UUID.randomUUID();
        var change = new ChartLedger.Change(patient, "ALLERGY", entry, 2, "UPDATED", doctor, AT, List.of());
        ChartLedger.in(dsl).record(change);

        assertThatThrownBy(() -> ChartLedger.in(dsl).record(change))
                .isInstanceOf(DomainException.Aborted.class).extracting("reason").isEqualTo("STALE_EDIT");
    }

    @Test
    void aStaleEditNamesWhoChangedItAndWhenInTheClinicsZone() {
        ZoneId lisbon = ZoneId.of("Europe/Lisbon");
        assertThat(ChartLedger.staleEdit("Dr Amara Okafor", AT, AT.plusMinutes(3), lisbon).getMessage())
                .isEqualTo("Changed by Dr Amara Okafor at 10:42; reload to see it. Your text is kept.");
        assertThat(ChartLedger.staleEdit("Dr Amara Okafor", AT, AT.plusDays(2).withOffsetSameInstant(ZoneOffset.UTC), lisbon).getMessage())
                .startsWith("Changed by Dr Amara Okafor at 06/12/2026 10:42");
    }

    @Test
    void accessIsLoggedWithItsBasis() {
        var access = ChartAccess.in(dsl, java.time.Clock.fixed(AT.toInstant(), ZoneOffset.UTC), ZoneOffset.UTC);
        var principal = new org.medconnect.server.platform.Principal(doctor, "dr.x", "Dr X",
                org.medconnect.server.platform.Role.DOCTOR, false, new byte[0]);

        assertThatThrownBy(() -> access.requireFullChart(principal, patient))
                .isInstanceOf(DomainException.PermissionDenied.class).extracting("reason").isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED);
        dsl.query("""
                insert into chart_access_grant (patient_id, doctor_id, kind, reason, granted_by, starts_at, expires_at)
                values (?::uuid, ?::uuid, 'BREAK_GLASS', 'Emergency', ?::uuid, ?::timestamptz, ?::timestamptz)""",
                patient, doctor, doctor, AT.minusHours(1), AT.plusHours(3)).execute();
        var granted = access.requireFullChart(principal, patient);
        access.recordOpen(principal, patient, granted);

        assertThat(granted.basis()).isEqualTo(ChartAccess.Basis.BREAK_GLASS);
        assertThat(dsl.resultQuery("select action, basis, grant_id is not null from chart_access_log").fetchSingle().intoList())
                .containsExactly("OPEN_CHART", "BREAK_GLASS", true);
    }
}
