package org.medconnect.desktop.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.server.chart.ChartLedger;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The chart shell against a real server: the allergy banner, break the glass, and a live change refreshing the header. */
@ExtendWith(ApplicationExtension.class)
class ChartFlowTest {

    private static TestClinic clinic;
    private static Principal okafor;
    private static UUID ana;
    private ChartTestWindow window;
    private Stage stage;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        fixture.doctor("novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        ana = fixture.patient("Ana", "Souza");
        var dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.query("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                """, ana, okafor.userId(), now.minusDays(30), now.minusDays(30), okafor.userId(), okafor.userId(), now.minusDays(30))
                .execute();
        dsl.query("""
                insert into allergy (patient_id, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                values (?, 'Penicillin', 'DRUG_CLASS', 'Anaphylaxis', 'SEVERE', ?, ?::timestamptz, ?, ?::timestamptz)
                """, ana, okafor.userId(), now, okafor.userId(), now).execute();
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void aDoctorOpensTheChartAndSeesTheAllergyBanner(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = ChartTestWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        robot.interact(() -> window.showChart(stage, ana.toString(), "Ana Souza"));
        ui.waitForText("#chart-allergy-banner", "Penicillin (severe)");
        assertThat(robot.lookup("#chart-allergy-banner").query().getStyleClass()).contains("chart-allergy-allergic");
        assertThat(ui.text("#chart-patient-line")).contains("MRN");
        assertThat(ui.text("#chart-medications")).isEqualTo("No current medications");
    }

    @Test
    void aDoctorWithoutARelationBreaksTheGlassWithAReasonAndTheChartOpens(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = ChartTestWindow.signIn(clinic.address(), "novak", "doctor-pass-2026", Clock.systemUTC());
        robot.interact(() -> window.showChart(stage, ana.toString(), "Ana Souza"));
        ui.waitFor(() -> ui.shown("#break-glass-reason"), () -> "the break-the-glass step");
        ui.click("#break-glass-confirm");
        ui.waitForText("#break-glass-problem", "Say why");
        ui.type("#break-glass-reason", "On call tonight, patient brought to the emergency room");
        ui.click("#break-glass-confirm");
        ui.waitForText("#chart-allergy-banner", "Penicillin");
        assertThat(ui.text("#chart-flags")).contains("Break the glass");
        assertThat(clinic.database().dsl().resultQuery(
                "select reason from chart_access_grant where kind = 'BREAK_GLASS'").fetch(0, String.class))
                .containsExactly("On call tonight, patient brought to the emergency room");
    }

    @Test
    void aChangeFromAnotherWorkstationRefreshesTheHeader(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = ChartTestWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        robot.interact(() -> window.showChart(stage, ana.toString(), "Ana Souza"));
        ui.waitForText("#chart-allergy-banner", "Penicillin");

        // Another workstation records a latex allergy: the row and its ledger version commit together.
        var dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.transaction(cfg -> {
            UUID id = cfg.dsl().resultQuery("""
                    insert into allergy (patient_id, substance, category, severity, recorded_by, recorded_at, updated_by, updated_at)
                    values (?, 'Latex', 'ENVIRONMENT', 'MODERATE', ?, ?::timestamptz, ?, ?::timestamptz) returning id
                    """, ana, okafor.userId(), now, okafor.userId(), now).fetchSingle(0, UUID.class);
            ChartLedger.in(cfg.dsl()).record(new ChartLedger.Change(ana, "ALLERGY", id, 1, "CREATED", okafor.userId(), now,
                    List.of(new ChartLedger.Field("Substance", "Latex"), new ChartLedger.Field("Severity", "Moderate"))));
        });
        ui.waitForText("#chart-allergy-banner", "Latex (moderate)");
        assertThat(Duration.between(now.toInstant(), Instant.now())).isLessThan(Duration.ofSeconds(30));
    }
}
