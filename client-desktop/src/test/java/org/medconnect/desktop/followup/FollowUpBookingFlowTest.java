package org.medconnect.desktop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.chart.v1.FollowUp;
import org.medconnect.proto.chart.v1.PlanServiceGrpc;
import org.medconnect.proto.chart.v1.RecommendFollowUpRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Reception books a doctor's follow-up from the Follow-ups screen against the real server: Enter
 * opens the existing booking dialog with the patient, the doctor and the due week chosen; once the
 * appointment is booked the follow-up leaves the list and its row in the database is BOOKED with
 * that appointment.
 */
@ExtendWith(ApplicationExtension.class)
class FollowUpBookingFlowTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
    private static TestClinic clinic;
    private static String followUpId;
    private static LocalDate dueMonday;
    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        Principal okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        UUID riverside = fixture.location("Riverside");
        fixture.type("Follow-up visit", 20, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), SchedulingFixture.EVERY_DAY, "09:00", "17:00", 20,
                TODAY.minusDays(1));
        UUID patient = fixture.patient("Zoë", "Ångström-Dvořák");
        clinic.database().dsl().query("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?, ?, 'WALK_IN', now(), ?, now())
                """, patient, okafor.userId(), okafor.userId()).execute();
        String token = clinic.services().auth().signIn("okafor", "doctor-pass-2026", "ws", "test").token();
        FollowUp f = PlanServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .recommendFollowUp(RecommendFollowUpRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setPatientId(patient.toString()).setDueInWeeks(2).setNote("With the interpreter").build()).getFollowUp();
        followUpId = f.getId();
        dueMonday = LocalDate.parse(f.getDueOn()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void receptionBooksAFollowUpAndItLeavesTheListAndIsBookedOnTheServer(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("maria", "staff-pass-2026");
        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        ui.click("#nav-follow-ups");
        ui.waitFor(() -> ui.tableContains("#follow-ups-table", "Zoë Ångström-Dvořák"), () -> "the follow-up in the list; message: "
                + ui.text("#follow-ups-message"));
        assertThat(ui.tableContains("#follow-ups-table", "Dr Amara Okafor")).isTrue();
        assertThat(ui.tableContains("#follow-ups-table", "With the interpreter")).isTrue();
        assertThat(ui.text("#follow-ups-summary")).isEqualTo("1 open follow-up");

        // Enter on the selected row opens the booking dialog with everything chosen.
        robot.interact(() -> {
            TableView<?> table = robot.lookup("#follow-ups-table").queryAs(TableView.class);
            table.requestFocus();
            table.getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        ui.waitFor(() -> ui.shown("#booking-sheet"), () -> "the booking dialog");
        ui.waitForText("#chosen-patient", "Zoë Ångström-Dvořák");
        String nine = "#slot-" + dueMonday + "-0900";
        ui.waitFor(() -> ui.shown(nine), () -> "09:00 on the due week's Monday among the free slots; hint: "
                + ui.text("#slot-hint") + " message: " + ui.text("#slot-message"));
        robot.interact(() -> robot.lookup(nine).query().requestFocus());
        ui.click(nine);
        ui.waitForText("#chosen-slot", "09:00 with Dr Amara Okafor");
        ui.click("#booking-book");

        ui.waitFor(() -> !ui.shown("#booking-sheet"), () -> "the dialog to close; message: " + ui.text("#booking-message"));
        ui.waitFor(() -> ui.shown("#inform-ok"), () -> "the reference to read out");
        ui.click("#inform-ok");
        ui.waitFor(() -> !ui.tableContains("#follow-ups-table", "Zoë Ångström-Dvořák"), () -> "the follow-up off the list");
        ui.waitForText("#follow-ups-notice", "booked");
        assertThat(ui.text("#follow-ups-summary")).isEqualTo("No open follow-ups.");

        var row = clinic.database().dsl().resultQuery(
                "select f.status, a.starts_at from follow_up f join appointment a on a.id = f.appointment_id where f.id = ?::uuid",
                followUpId).fetchOne();
        assertThat(row).isNotNull();
        assertThat(row.get(0, String.class)).isEqualTo("BOOKED");
        assertThat(row.get(1, java.time.OffsetDateTime.class).toLocalDate()).isEqualTo(dueMonday);
    }

}
