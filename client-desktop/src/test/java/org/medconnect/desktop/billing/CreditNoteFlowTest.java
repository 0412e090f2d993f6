package org.medconnect.desktop.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
 * Corrections and walk-in sales at the desk against the real server: part of an issued invoice is
 * credited from the credit note dialog (a line's quantity, then an amount) with the total previewed
 * and the credit note's PDF shown; reception invoices items without a visit (patient, price-list
 * items, issue, payment); and a draft is discarded and leaves the invoice list.
 */
@ExtendWith(ApplicationExtension.class)
class CreditNoteFlowTest {

    private static final String PASSWORD = "Front-desk-billing-7";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final MutableClock CLOCK = new MutableClock(TODAY.atTime(8, 30).toInstant(ZoneOffset.UTC));

    private TestClinic clinic;
    private DesktopShell shell;
    private Principal desk;
    private BillingService billing;
    private UUID ada;
    private UUID ben;
    private BillingModel.PriceItem ecg;

    @Start
    void start(Stage stage) throws Exception {
        clinic = TestClinic.start(CLOCK, TestConfig.defaults());
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("front.desk", PASSWORD, "RECEPTIONIST", "Front Desk", false);
        billing = clinic.services().billing();
        String currency = billing.currency();
        BillingModel.TaxRate vat = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT", "10", true));
        ecg = billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0,
                Optional.of(BillingModel.LineKind.PROCEDURE), "ECG", "Electrocardiogram", Optional.empty(), Optional.empty(),
                2500, currency, Optional.of(vat.id()), true));
        billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0,
                Optional.of(BillingModel.LineKind.ITEM), "BAND", "Bandage", Optional.empty(), Optional.empty(),
                400, currency, Optional.empty(), true));
        ada = fixture.patient("Ada", "Obi");
        ben = fixture.patient("Ben", "Ode");
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

    private BillingModel.Invoice issuedFor(UUID patient, String ecgQuantity) {
        var lines = List.of(
                new BillingModel.LineInput(Optional.of(ecg.id()), "", ecgQuantity, OptionalLong.empty(), "", 0, Optional.empty(), Optional.empty()),
                new BillingModel.LineInput(Optional.empty(), "Bandage", "3", OptionalLong.of(400), "", 0, Optional.empty(),
                        Optional.of(BillingModel.LineKind.ITEM)));
        var draft = billing.create(desk, Optional.of(UUID.randomUUID()), patient, lines, BillingModel.Details.NONE);
        return billing.issue(desk, draft.id(), draft.version());
    }

    private void openFromList(DesktopRobot ui, FxRobot robot, String patientName) {
        ui.click("#nav-invoices");
        ui.waitFor(() -> patients(robot).contains(patientName), () -> patientName + "'s invoice listed");
        robot.interact(() -> {
            @SuppressWarnings("unchecked") TableView<InvoiceSummary> t = robot.lookup("#invoices-table").queryAs(TableView.class);
            t.getSelectionModel().select(t.getItems().stream().filter(s -> s.getPatientName().equals(patientName)).findFirst().orElseThrow());
        });
        ui.click("#invoices-open");
    }

    @Test
    void receptionCreditsOneBandageThenAnAmountSeesThePreviewAndTheCreditNotePdf(FxRobot robot) {
        // 2 x ECG 25.00 + 10 % = 55.00; 3 bandages 12.00: 67.00
        BillingModel.Invoice inv = issuedFor(ada, "2");
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        openFromList(ui, robot, "Ada Obi");
        ui.waitForText("#invoice-owed", "Owed: $67.00");

        ui.click("#invoice-credit");
        ui.waitFor(() -> ui.shown("#credit-note-dialog"), () -> "the credit note dialog");
        assertThat(robot.lookup("#credit-issue").queryButton().isDisabled()).isTrue();
        ui.click("#credit-line-2");
        ui.type("#credit-qty-2", "1");
        ui.waitForText("#credit-preview", "Credit note total -$4.00 (tax $0.00) · then owed $63.00");
        ui.type("#credit-qty-2", "4");
        ui.waitForText("#credit-message", "only 3 is left to credit");
        assertThat(robot.lookup("#credit-issue").queryButton().isDisabled()).isTrue();
        ui.type("#credit-qty-2", "1");
        ui.type("#credit-reason", "One bandage not used");
        ui.click("#credit-issue");

        ui.waitForText("#invoice-pdf-title", "Credit note CN-");
        ui.waitForText("#invoice-owed", "Owed: $63.00 · partly credited (-$4.00)");
        assertThat(ui.shown("#credit-note-dialog")).isFalse();
        assertThat(ui.shown("#pdf-page-1")).isTrue();
        assertThat(ui.text("#invoice-notice")).contains("for -$4.00");

        // Then 5.50 off the whole invoice, spread over what is left.
        ui.click("#invoice-credit");
        ui.waitFor(() -> ui.shown("#credit-note-dialog"), () -> "the dialog again");
        assertThat(ui.text("#credit-title")).isEqualTo("Credit note for " + inv.number().orElseThrow());
        ui.click("#credit-mode-amount");
        ui.type("#credit-amount", "5.50");
        ui.waitForText("#credit-preview", "Credit note total -$5.50");
        ui.type("#credit-reason", "Goodwill: long wait");
        robot.press(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.ENTER);
        ui.waitForText("#invoice-owed", "Owed: $57.50 · partly credited (-$9.50)");

        BillingModel.Invoice stored = billing.get(inv.id());
        assertThat(stored.creditedMinor()).isEqualTo(-950);
        assertThat(stored.lineCredits().get(1).quantity()).isEqualByComparingTo("1");
        ui.click("#invoice-close");
        ui.waitFor(() -> statuses(robot).contains("Part credited"), () -> "the list says part credited");
    }

    @Test
    void receptionInvoicesItemsWithoutAVisitIssuesAndTakesPayment(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        ui.click("#nav-invoices");
        ui.click("#invoices-new");
        ui.type("#patient-search", "Ben Ode");
        ui.waitFor(() -> !robot.lookup("#patient-results").queryListView().getItems().isEmpty(), () -> "Ben in the results");
        robot.interact(() -> robot.lookup("#patient-results").queryListView().getSelectionModel().select(0));
        ui.click("#pick-patient-choose");

        ui.waitForText("#invoice-heading", "New invoice (draft) · Ben Ode");
        ui.waitFor(() -> items(robot).size() == 2, () -> "the price list offered");
        ComboBox<PriceItem> combo = robot.lookup("#invoice-item").queryComboBox();
        robot.interact(() -> combo.setValue(combo.getItems().stream().filter(i -> i.getCode().equals("ECG")).findFirst().orElseThrow()));
        ui.type("#invoice-quantity", "2");
        ui.type("#invoice-discount", "5");
        ui.click("#invoice-add");
        // 2 x 25.00 - 5.00 = 45.00, 10 % tax 4.50
        ui.waitForText("#invoice-totals", "Tax $4.50   Total $49.50");
        ui.click("#invoice-issue");
        ui.waitForText("#invoice-heading", "Invoice INV-");
        ui.waitForText("#invoice-owed", "Owed: $49.50");
        ui.click("#pay");
        ui.waitForText("#invoice-pdf-title", "Receipt RCT-");
        ui.waitForText("#invoice-owed", "Paid in full");

        var listed = billing.list(new BillingModel.ListQuery("", Optional.of(ben), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, 10, 0)).items();
        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(BillingModel.InvoiceStatus.ISSUED);
            assertThat(s.appointmentReference()).isEmpty();
            assertThat(s.outstandingMinor()).isZero();
        });
    }

    @Test
    void aDiscardedDraftLeavesTheInvoiceList(FxRobot robot) {
        issuedFor(ada, "1");
        billing.create(desk, Optional.of(UUID.randomUUID()), ben, List.of(new BillingModel.LineInput(Optional.of(ecg.id()), "", "1",
                OptionalLong.empty(), "", 0, Optional.empty(), Optional.empty())), BillingModel.Details.NONE);
        DesktopRobot ui = new DesktopRobot(robot);
        ui.signIn("front.desk", PASSWORD);
        openFromList(ui, robot, "Ben Ode");
        ui.waitForText("#invoice-heading", "New invoice (draft) · Ben Ode");
        ui.click("#invoice-discard");
        ui.click("#confirm-ok");
        ui.waitForText("#invoice-owed", "Discarded");
        ui.waitFor(() -> patients(robot).equals(List.of("Ada Obi")), () -> "the discarded draft gone from the list");
        ui.click("#invoice-close");
        assertThat(billing.list(new BillingModel.ListQuery("", Optional.of(ben), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, 10, 0)).items()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(BillingModel.InvoiceStatus.DISCARDED));
    }

    @SuppressWarnings("unchecked")
    private static List<String> patients(FxRobot robot) {
        return robot.lookup("#invoices-table").tryQueryAs(TableView.class)
                .map(t -> ((TableView<InvoiceSummary>) t).getItems().stream().map(InvoiceSummary::getPatientName).toList())
                .orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> statuses(FxRobot robot) {
        return robot.lookup("#invoices-table").tryQueryAs(TableView.class)
                .map(t -> ((TableView<InvoiceSummary>) t).getItems().stream().map(BillingText::status).toList())
                .orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<PriceItem> items(FxRobot robot) {
        return robot.lookup("#invoice-item").tryQueryAs(ComboBox.class).map(c -> (List<PriceItem>) c.getItems()).orElse(List.of());
    }
}
