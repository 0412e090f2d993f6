package org.medconnect.desktop.absence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A receptionist hands a sick doctor's day to a colleague: the preview says one appointment moves
 * and one cannot, Apply moves it for real, and the one left behind stands out. Real server.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorAbsenceFlowTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.now(BERLIN).plusDays(7);

    private static TestClinic clinic;
    private static Appointment ana;
    private static Appointment ben;
    private AbsenceWindow window;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(BERLIN));
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal reception = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        Principal okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        Principal lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        UUID riverside = fixture.location("Riverside");
        UUID room = fixture.room(riverside, "Room 1");
        UUID consultation = fixture.type("Consultation", 20, 5, false, false);
        for (Principal doctor : new Principal[] {okafor, lindqvist}) {
            fixture.weekly(doctor.userId(), riverside, Optional.of(room), EVERY_DAY, "09:00", "17:00", 15,
                    LocalDate.now(BERLIN), "12:30-13:30");
        }
        UUID anaSilva = fixture.patient("Ana", "Silva");
        UUID benCarter = fixture.patient("Ben", "Carter");
        UUID cleoNakamura = fixture.patient("Cleo", "Nakamura");
        var appointments = clinic.services().appointments();
        ana = appointments.book(reception, new BookingRequest(UUID.randomUUID(), anaSilva, okafor.userId(), riverside,
                consultation, at("09:00"), Optional.empty()));
        ben = appointments.book(reception, new BookingRequest(UUID.randomUUID(), benCarter, okafor.userId(), riverside,
                consultation, at("10:00"), Optional.empty()));
        // Dr Lindqvist is busy at 10:00, so Ben's appointment has nowhere to go.
        appointments.book(reception, new BookingRequest(UUID.randomUUID(), cleoNakamura, lindqvist.userId(), riverside,
                consultation, at("10:00"), Optional.empty()));
    }

    static Instant at(String time) {
        return ZonedDateTime.of(DAY, LocalTime.parse(time), BERLIN).toInstant();
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        window = AbsenceWindow.show(stage, clinic.address(), "maria", "staff-pass-2026", Clock.system(BERLIN));
    }

    @Stop
    void stop() {
        window.close();
    }

    /** The Result column draws its text (wrapped) rather than as the cell's label. */
    private static boolean resultShown(FxRobot robot, String text) {
        return robot.lookup("#absence-table").query().lookupAll(".absence-result").stream()
                .anyMatch(n -> n instanceof javafx.scene.text.Text t && text.equals(t.getText()));
    }

    @Test
    void previewThenApplyMovesWhatCanMoveAndHighlightsWhomToCall(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.waitFor(() -> ui.shown("#doctor-absence-screen"));
        ComboBox<Doctor> doctor = robot.lookup("#absence-doctor").query();
        ui.waitFor(() -> doctor.getItems().size() == 3, () -> "the doctors to load");
        robot.interact(() -> doctor.setValue(doctor.getItems().stream()
                .filter(d -> d.getDisplayName().equals("Dr Okafor")).findFirst().orElseThrow()));
        assertThat(ui.text("#absence-colleagues")).isEqualTo("Same specialty first: Dr Lindqvist; then Dr Sharma.");
        robot.interact(() -> {
            robot.lookup("#absence-first-day").queryAs(DatePicker.class).setValue(DAY);
            robot.lookup("#absence-last-day").queryAs(DatePicker.class).setValue(DAY.plusDays(1));
        });
        assertThat(ui.text("#absence-span")).isEqualTo("2 days");

        ui.click("#absence-preview");
        ui.waitForText("#absence-reason-error", "Give a reason");

        ui.type("#absence-reason", "Dr Okafor is ill");
        ui.click("#absence-preview");
        ui.waitForText("#absence-summary", "1 move, 1 cannot be moved");
        assertThat(resultShown(robot, "Moves to Dr Lindqvist")).isTrue();
        assertThat(ui.tableContains("#absence-table", "Ben Carter")).isTrue();
        assertThat(robot.lookup("#absence-apply").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(clinic.services().appointments().get(ana.id()).doctorName())
                .as("a preview changes nothing").isEqualTo("Dr Okafor");

        ui.type("#absence-reason", "Dr Okafor is off sick");
        assertThat(ui.text("#absence-summary")).as("a changed input throws the preview away").isEmpty();
        assertThat(robot.lookup("#absence-apply").queryAs(Button.class).isDisabled()).isTrue();

        ui.click("#absence-preview");
        ui.waitForText("#absence-summary", "1 move, 1 cannot");
        ui.click("#absence-apply");
        ui.waitForText("#dialog-message", "Dr Okafor");
        assertThat(robot.lookup(".sheet-card .label").queryAllAs(javafx.scene.control.Label.class))
                .anyMatch(l -> "Move 1 appointment and leave 1 as it is?".equals(l.getText()));
        ui.click("#confirm-ok");

        ui.waitForText("#absence-summary", "1 moved, 1 not moved");
        assertThat(ui.text("#absence-summary")).contains("Call the highlighted patient");
        assertThat(resultShown(robot, "Moved to Dr Lindqvist")).isTrue();
        assertThat(robot.lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class))
                .filteredOn(r -> r.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("not-moved")))
                .singleElement()
                .satisfies(r -> assertThat(((DoctorAbsenceViewModel.Row) r.getItem()).patient()).isEqualTo("Ben Carter"));
        assertThat(clinic.services().appointments().get(ana.id()).doctorName()).isEqualTo("Dr Lindqvist");
        assertThat(clinic.services().appointments().get(ben.id()).doctorName()).isEqualTo("Dr Okafor");
        assertThat(robot.lookup("#absence-apply").queryAs(Button.class).isDisabled()).isTrue();
    }
}
