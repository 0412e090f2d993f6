package org.medconnect.desktop.prescription.refill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.UUID;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A refill request end to end against the real server, on two workstations: reception records it
 * (patient search, doctor, the patient's words), the doctor's Refill requests list shows it, the
 * doctor declines with a reason, and reception's list shows that reason without a reload (the inbox
 * hears REFILL_DECIDED and the screen that follows it refreshes).
 */
@ExtendWith(ApplicationExtension.class)
class RefillFlowTest {

    private static TestClinic clinic;
    private static UUID zoe;
    private DesktopShell shell;
    private SignedInWorkstation doctor;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        fixture.doctor("novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        zoe = fixture.patient("Zoë", "Ångström-Dvořák");
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DesktopRobot.start(stage, clinic.address());
    }

    @Stop
    void stop() {
        shell.close();
        if (doctor != null) {
            doctor.close();
        }
    }

    @Test
    void receptionRecordsTheDoctorDeclinesWithAReasonAndReceptionSeesItLive(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("maria", "staff-pass-2026");
        ui.waitFor(() -> ui.shown("#day-board"), () -> "the day board");
        ui.click("#nav-refill-requests");
        ui.waitFor(() -> ui.shown("#refill-desk-screen"), () -> "the refill requests screen");

        // The patient, found as every reception screen finds one.
        ui.click("#refill-choose-patient");
        ui.waitFor(() -> ui.shown("#pick-patient-sheet"), () -> "the patient finder");
        ui.type("#patient-search", "Ångström");
        ui.waitFor(() -> !robot.lookup("#patient-results").queryListView().getItems().isEmpty(), () -> "the patient in the results");
        robot.interact(() -> robot.lookup("#patient-results").queryListView().getSelectionModel().select(0));
        ui.click("#pick-patient-choose");
        ui.waitForText("#refill-patient", "Zoë Ångström-Dvořák");

        @SuppressWarnings("unchecked") ComboBox<Doctor> doctors = robot.lookup("#refill-doctor").queryAs(ComboBox.class);
        ui.waitFor(() -> doctors.getItems().size() == 2, () -> "the doctors in the picker");
        robot.interact(() -> doctors.getSelectionModel().select(doctors.getItems().stream()
                .filter(d -> d.getDisplayName().equals("Dr Amara Okafor")).findFirst().orElseThrow()));
        ui.type("#refill-note", "The blood pressure tablets again, same as last time");
        ui.click("#refill-record");
        ui.waitFor(() -> ui.tableContains("#refill-desk-table", "The blood pressure tablets again, same as last time"),
                () -> "the request in reception's list; message: " + ui.text("#refill-desk-message"));
        assertThat(ui.tableContains("#refill-desk-table", "Waiting")).isTrue();
        assertThat(ui.text("#refill-desk-notice")).isEqualTo("Request for Zoë Ångström-Dvořák sent to Dr Amara Okafor.");

        // The doctor's workstation: the request waits in their list.
        robot.interact(() -> {
            doctor = SignedInWorkstation.signIn(clinic.address(), "okafor", "doctor-pass-2026", ZoneOffset.UTC);
            RefillInboxViewModel model = new RefillInboxViewModel(RefillInboxViewModel.Server.over(doctor.connection), doctor.calls,
                    ZoneOffset.UTC, (patientId, name, page) -> { });
            SignedInWorkstation.show(new Stage(), new RefillInboxView(model), "Doctor");
        });
        ui.waitFor(() -> ui.tableContains("#refill-inbox-table", "Zoë Ångström-Dvořák"),
                () -> "the request in the doctor's list; message: " + ui.text("#refill-inbox-message"));
        assertThat(ui.tableContains("#refill-inbox-table", "The blood pressure tablets again, same as last time")).isTrue();
        assertThat(ui.tableContains("#refill-inbox-table", "Maria Lopez")).isTrue();
        assertThat(ui.text("#refill-inbox-count")).isEqualTo("1 request waits for your decision");

        robot.interact(() -> robot.lookup("#refill-inbox-table").queryAs(TableView.class).getSelectionModel().select(0));
        ui.click("#refill-decline");
        ui.waitForText("#refill-inbox-message", "Say why you decline");
        ui.type("#refill-decline-reason", "Needs a review visit first");
        ui.click("#refill-decline");
        ui.waitFor(() -> !ui.tableContains("#refill-inbox-table", "Zoë Ångström-Dvořák"),
                () -> "the request off the doctor's list; message: " + ui.text("#refill-inbox-message"));

        // Reception's list shows the reason without anyone pressing F5.
        ui.waitFor(() -> ui.tableContains("#refill-desk-table", "Declined: Needs a review visit first"),
                () -> "the doctor's reason in reception's list");
        assertThat(clinic.database().dsl().resultQuery("select status from refill_request where patient_id = ?", zoe)
                .fetch(0, String.class)).containsExactly("DECLINED");
    }
}
