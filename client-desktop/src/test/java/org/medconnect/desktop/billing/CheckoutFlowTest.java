package org.medconnect.desktop.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.billing.v1.InvoiceSummary;
import org.medconnect.proto.billing.v1.PriceItem;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.billing.BillingModel;
import org.medconnect.server.billing.BillingService;
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
 * Checkout at the desk against the real server: a visit the doctor completed is checked out from its
 * appointment details (an item added, issued, paid with a double click, the receipt shown), and the
 * invoice list filters by status, search and "outstanding only".
 */
@ExtendWith(ApplicationExtension.class)
class CheckoutFlowTest {

    private static final String PASSWORD = "Front-desk-billing-7";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(8, 30).toInstant(ZoneOffset.UTC));

    private TestClinic clinic;
    private DesktopShell shell;
    private Principal desk;
    private List<UUID> visits;

    @Start
    void start(Stage stage) throws Exception {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("front.desk", PASSWORD, "RECEPTIONIST", "Front Desk", false);
        UUID doctor = UUID.fromString(clinic.createUser("a.chen", PASSWORD, "DOCTOR", "Dr Anna Chen", false));
        Principal doctorPrincipal = new Principal(doctor, "a.chen", "Dr Anna Chen", Role.DOCTOR, false, new byte[32]);
        UUID main = fixture.location("Riverside Main");
        UUID room = fixture.room(main, "Room 3");
        UUID consultation = fixture.type("Consultation", 20, 0, false, false);
        fixture.weekly(doctor, main, Optional.of(room), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 20, TODAY.minusDays(1));

        BillingService billing = clinic.services().billing();
        String currency = billing.currency();
        BillingModel.TaxRate vat = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT", "10", true));
        billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0,
                Optional.of(BillingModel.LineKind.CONSULTATION), "CONS", "Consultation", Optional.empty(), Optional.empty(),
                5000, currency, Optional.empty(), true));
        billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0,
                Optional.of(BillingModel.LineKind.PROCEDURE), "ECG", "Electrocardiogram", Optional.empty(), Optional.empty(),
                2500, currency, Optional.of(vat.id()), true));

        AppointmentService appointments = clinic.services().appointments();
        visits = new java.util.ArrayList<>();
        for (String[] p : List.of(new String[] {"Ada", "Obi", "09:00"}, new String[] {"Ben", "Ode", "09:20"})) {
            var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), fixture.patient(p[0], p[1]), doctor, main,
                    consultation, TODAY.atTime(LocalTime.parse(p[2])).toInstant(ZoneOffset.UTC), Optional.of("Check-up")));
            appointments.checkIn(desk, booked.id());
            clinic.services().queue().callNext(doctorPrincipal, Optional.empty());
            appointments.complete(doctorPrincipal, booked.id());
            visits.add(booked.id());
        }
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
    void receptionChecksOutACompletedVisitIssuesTakesOneDoubleClickedPaymentAndSeesTheReceipt(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        ui.click("#nav-appointments");
        ui.waitFor(() -> ui.tableContains("#appointments-table", "Ada Obi"), () -> "Ada's completed visit in the list");
        robot.clickOn("Ada Obi");
        ui.click("#appointments-open");
        ui.click("#action-check-out");

        ui.waitForText("#invoice-heading", "Checkout: draft invoice · Ada Obi");
        ui.waitFor(() -> lines(robot) == 1, () -> "the consultation line of the draft");
        ui.waitForText("#invoice-totals", "Total $50.00");
        ComboBox<PriceItem> items = robot.lookup("#invoice-item").queryComboBox();
        PriceItem ecg = items.getItems().stream().filter(i -> i.getCode().equals("ECG")).findFirst().orElseThrow();
        robot.interact(() -> items.setValue(ecg));
        ui.type("#invoice-discount", "5");
        ui.click("#invoice-add");
        ui.waitFor(() -> lines(robot) == 2, () -> "the ECG line added");
        // 50.00 + (25.00 - 5.00) + 10% tax on 20.00
        ui.waitForText("#invoice-totals", "Total $72.00");
        ui.type("#invoice-insurer", "Allied Health");
        ui.type("#invoice-policy", "AH-778812");

        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.ENTER)
                .release(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.CONTROL);
        ui.waitForText("#invoice-heading", "Invoice INV-");
        ui.waitForText("#invoice-owed", "Owed: $72.00");
        ui.waitForText("#invoice-pdf-title", "Invoice INV-");
        assertThat(ui.text("#pay-amount")).isEqualTo("72.00");

        robot.doubleClickOn("#pay");
        ui.waitForText("#invoice-pdf-title", "Receipt RCT-");
        ui.waitForText("#invoice-owed", "Paid in full");
        assertThat(ui.shown("#pdf-page-1")).isTrue();
        assertThat(ui.text("#invoice-notice")).contains("Paid $72.00 by card");

        BillingModel.Invoice stored = clinic.services().billing().draftForVisit(desk, visits.get(0));
        assertThat(stored.status()).isEqualTo(BillingModel.InvoiceStatus.ISSUED);
        assertThat(stored.insurer()).isEqualTo("Allied Health");
        assertThat(stored.payments()).hasSize(1);
        assertThat(stored.paidMinor()).isEqualTo(7200);
    }

    @Test
    void theInvoiceListFiltersByStatusSearchAndOutstanding(FxRobot robot) {
        BillingService billing = clinic.services().billing();
        BillingModel.Invoice ada = billing.draftForVisit(desk, visits.get(0));
        billing.issue(desk, ada.id(), ada.version());
        billing.draftForVisit(desk, visits.get(1)); // Ben's stays a draft

        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        ui.click("#nav-invoices");
        ui.waitFor(() -> patients(robot).size() == 2, () -> "both invoices listed");
        ui.waitForText("#invoices-ageing", "Outstanding $50.00");

        robot.interact(() -> robot.lookup("#invoices-status").<InvoicesViewModel.Choice<?>>queryComboBox()
                .getSelectionModel().select(2)); // Issued
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi")), () -> "only the issued invoice");

        robot.interact(() -> robot.lookup("#invoices-status").<InvoicesViewModel.Choice<?>>queryComboBox()
                .getSelectionModel().select(0));
        ui.waitFor(() -> patients(robot).size() == 2, () -> "any status again");
        ui.type("#invoices-query", "ode");
        ui.click("#invoices-search");
        ui.waitFor(() -> patients(robot).equals(List.of("Ben Ode")), () -> "the search for Ben");

        ui.type("#invoices-query", "");
        ui.click("#invoices-outstanding");
        ui.click("#invoices-search");
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi")), () -> "only what is owed");
        assertThat(ui.text("#invoices-summary")).isEqualTo("1–1 of 1 invoice");
    }

    @SuppressWarnings("unchecked")
    private static int lines(FxRobot robot) {
        return robot.lookup("#invoice-lines").tryQueryAs(TableView.class).map(t -> t.getItems().size()).orElse(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> patients(FxRobot robot) {
        return robot.lookup("#invoices-table").tryQueryAs(TableView.class)
                .map(t -> ((TableView<InvoiceSummary>) t).getItems().stream().map(InvoiceSummary::getPatientName).toList())
                .orElse(List.of());
    }
}
