package org.medconnect.desktop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.notification.v1.Notification;
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

/** A booking made at the front desk shows on the doctor's bell while the doctor does nothing. */
@ExtendWith(ApplicationExtension.class)
class NotificationBadgeFlowTest {

    private static final String PASSWORD = "Consulting-room-7";
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    private static TestClinic clinic;
    private static Principal desk;
    private static UUID doctor;
    private static UUID riverside;
    private static UUID consultation;
    private static SchedulingFixture fixture;

    private DesktopShell shell;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults());
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        doctor = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        riverside = fixture.location("Riverside Main");
        consultation = fixture.type("Consultation", 20, 0, false, false);
        fixture.weekly(doctor, riverside, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, LocalDate.now(ZoneOffset.UTC));
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
    }

    @Test
    void aBookingForTheDoctorAppearsOnTheBellWithoutAClickAndIsMarkedRead(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("a.chen", PASSWORD);
        ui.waitFor(() -> ui.shown("#inbox-button"), () -> "the bell in the top bar");
        assertThat(ui.shown("#inbox-badge")).as("nothing unread yet").isFalse();

        // The front desk books, on the server: nobody touches this workstation.
        clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient("Ada", "Obi"), doctor,
                riverside, consultation, DAY.atTime(10, 0).toInstant(ZoneOffset.UTC), Optional.of("Chest pain on stairs")));
        ui.waitFor(() -> ui.shown("#inbox-badge") && ui.text("#inbox-badge").equals("1"), () -> "the unread count 1 on the bell");

        ui.click("#inbox-button");
        ui.waitFor(() -> items(robot).stream().anyMatch(n -> n.getTitle().equals("New appointment booked with you")),
                () -> "the booking in the inbox");
        assertThat(items(robot).getFirst().getBody()).contains("Ada Obi").doesNotContain("Chest pain");
        ui.waitForText("#inbox-unread", "1 unread");

        ui.click("#inbox-mark-all");
        ui.waitFor(() -> !ui.shown("#inbox-badge"), () -> "the count gone from the bell");
        ui.waitForText("#inbox-unread", "All read");
        assertThat(items(robot)).allSatisfy(n -> assertThat(n.getRead()).isTrue());
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Notification> items(FxRobot robot) {
        return robot.lookup("#inbox-list").tryQueryAs(ListView.class).map(l -> java.util.List.copyOf(((ListView<Notification>) l).getItems()))
                .orElse(java.util.List.of());
    }
}
