package org.medconnect.desktop.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.billing.v1.VisitToCheckOut;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.billing.BillingModel;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Reception's Checkout screen against the real server: a visit a doctor completes appears on it
 * live (and in the navigation's count), the desk checks it out from there by keyboard and another
 * by mouse, and each leaves the list once paid.
 */
@ExtendWith(ApplicationExtension.class)
class CheckoutQueueFlowTest {

    private static final String PASSWORD = "Front-desk-billing-7";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(8, 30).toInstant(ZoneOffset.UTC));

    private TestClinic clinic;
    private DesktopShell shell;
    private Principal doctor;
    private UUID benVisit;

    @Start
    void start(Stage stage) throws Exception {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("front.desk", PASSWORD, "RECEPTIONIST", "Front Desk", false);
        UUID doctorId = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        doctor = new Principal(doctorId, "a.chen", "Dr Anna Chen", Role.DOCTOR, false, new byte[32]);
        UUID main = fixture.location("Riverside Main");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        fixture.weekly(doctorId, main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));
        var billing = clinic.services().billing();
        billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0,
                Optional.of(BillingModel.LineKind.CONSULTATION), "CONS", "Consultation", Optional.empty(), Optional.empty(),
                5000, billing.currency(), Optional.empty(), true));

        AppointmentService appointments = clinic.services().appointments();
        List<UUID> visits = new java.util.ArrayList<>();
        for (String[] p : List.of(new String[] {"Ada", "Obi", "09:00"}, new String[] {"Ben", "Ode", "09:20"})) {
            var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient(p[0], p[1]), doctorId, main,
                    consultation, TODAY.atTime(LocalTime.parse(p[2])).toInstant(ZoneOffset.UTC), Optional.of("Check-up")));
            appointments.checkIn(desk, booked.id());
            visits.add(booked.id());
        }
        clinic.services().queue().callNext(doctor, Optional.empty());
        appointments.complete(doctor, visits.get(0)); // Ada is done before the desk signs in
        clinic.services().queue().callNext(doctor, Optional.empty());
        benVisit = visits.get(1); // Ben is still with the doctor
        shell = DesktopRobot.start(stage, clinic.address(), CLOCK);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @AfterEach
    void closeClinic() {
        clinic.close();
    }

    @Test
    void aVisitTheDoctorCompletesAppearsLiveIsCheckedOutByKeyboardAndLeavesTheListOncePaid(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        ui.waitFor(() -> navText(robot).equals("Checkout (1)"), () -> "the count of Ada's visit in the navigation, was " + navText(robot));
        ui.click("#nav-checkout");
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi")), () -> "Ada's completed visit ready for checkout");
        assertThat(ui.text("#checkout-queue-keys")).contains("Enter");
        assertThat(ui.text("#checkout-queue-open")).contains("(Enter)");

        // The doctor completes Ben's visit in the consulting room: the desk sees it without touching anything.
        clinic.services().appointments().complete(doctor, benVisit);
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi", "Ben Ode")), () -> "Ben's visit appearing live, was " + patients(robot));
        ui.waitFor(() -> navText(robot).equals("Checkout (2)"), () -> "the count following, was " + navText(robot));
        assertThat(ui.text("#checkout-queue-summary")).isEqualTo("2 visits to check out");

        // Keyboard: down to Ben, Enter opens his checkout; Ctrl+Enter issues; Enter takes the payment; Esc closes.
        robot.interact(() -> robot.lookup("#checkout-queue-table").query().requestFocus());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        ui.waitForText("#invoice-heading", "Checkout: draft invoice · Ben Ode");
        ui.waitForText("#invoice-totals", "Total $50.00");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        ui.waitForText("#invoice-owed", "Owed: $50.00");
        robot.interact(() -> robot.lookup("#pay-amount").query().requestFocus());
        robot.type(KeyCode.ENTER);
        ui.waitForText("#invoice-owed", "Paid in full");
        robot.type(KeyCode.ESCAPE);
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi")), () -> "Ben gone once paid, was " + patients(robot));
        ui.waitFor(() -> navText(robot).equals("Checkout (1)"), () -> "the count down to one, was " + navText(robot));

        // Mouse: a double click on Ada opens hers; issued and paid, she leaves too.
        robot.doubleClickOn("Ada Obi");
        ui.waitForText("#invoice-heading", "Checkout: draft invoice · Ada Obi");
        ui.waitFor(() -> !robot.lookup("#invoice-issue").query().isDisabled(), () -> "Issue ready");
        ui.click("#invoice-issue");
        ui.waitForText("#invoice-owed", "Owed: $50.00");
        ui.click("#pay");
        ui.waitForText("#invoice-owed", "Paid in full");
        ui.click("#invoice-close");
        ui.waitFor(() -> patients(robot).isEmpty(), () -> "nobody left to check out, was " + patients(robot));
        ui.waitFor(() -> navText(robot).equals("Checkout"), () -> "no count, was " + navText(robot));
        assertThat(clinic.services().billing().visitsToCheckOut()).isEmpty();
    }

    private static String navText(FxRobot robot) {
        return robot.lookup("#nav-checkout").tryQueryAs(ToggleButton.class).map(ToggleButton::getText).orElse("");
    }

    @SuppressWarnings("unchecked")
    private static List<String> patients(FxRobot robot) {
        return robot.lookup("#checkout-queue-table").tryQueryAs(TableView.class)
                .map(t -> ((TableView<VisitToCheckOut>) t).getItems().stream().map(VisitToCheckOut::getPatientName).toList())
                .orElse(List.of());
    }
}
