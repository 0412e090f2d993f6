package org.medconnect.desktop.billing;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.MedConnectApp;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.testing.ScreenshotSteps;
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

/**
 * Pictures of the credit note dialog, the invoice sheet after a partial credit, the credit note PDF
 * ({@code credit-note.pdf}, turned into {@code credit-note.png} with pdftoppm), a new invoice without
 * a visit and the discard confirmation, in a real 1366x768 window under Xvfb. Run as
 * {@link BillingScreenshot} is run, from {@code screenshots.sh}.
 */
public final class CreditNoteScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final String PASSWORD = "staff-pass-2026";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private Stage stage;
    private DesktopShell shell;
    private UUID creditNoteId;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        CreditNoteScreenshot tour = new CreditNoteScreenshot();
        try (TestClinic clinic = TestClinic.start(tour.clock, TestConfig.defaults().withClinicZone(ZONE))) {
            tour.seed(clinic);
            Platform.startup(() -> { });
            tour.run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void seed(TestClinic clinic) throws Exception {
        SchedulingFixture f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = f.staff("g.okonkwo", "Grace Okonkwo", Role.RECEPTIONIST);
        BillingService billing = clinic.services().billing();
        String cur = billing.currency();
        billing.updateProfile(desk, billing.storedProfile().version(), new BillingModel.Profile("Riverside Clinic", "12 River Street, Springfield", "VAT GB123456789",
                "+44 20 7946 0000", "billing@riverside.example", 14));
        var standard = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT standard", "20", true));
        var reduced = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT reduced", "5", true));
        record P(BillingModel.LineKind kind, String code, String name, long price, Optional<UUID> tax) {}
        for (P p : List.of(
                new P(BillingModel.LineKind.CONSULTATION, "CONS", "Consultation", 6000, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "ECG", "Electrocardiogram (12-lead)", 4500, Optional.empty()),
                new P(BillingModel.LineKind.ITEM, "CERT", "Medical certificate", 2500, Optional.of(standard.id())),
                new P(BillingModel.LineKind.ITEM, "BAND", "Compression stockings", 3200, Optional.of(reduced.id())),
                new P(BillingModel.LineKind.ITEM, "DRESS", "Wound dressing pack", 850, Optional.of(standard.id())))) {
            billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0, Optional.of(p.kind()), p.code(),
                    p.name(), Optional.empty(), Optional.empty(), p.price(), cur, p.tax(), true));
        }
        var items = billing.priceItems(false, Optional.empty());
        java.util.function.Function<String, UUID> item = code -> items.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow().id();
        UUID chiara = f.patient("Chiara", "Rossi");
        f.patient("Farid", "Haddad");
        List<BillingModel.LineInput> lines = List.of(
                new BillingModel.LineInput(Optional.of(item.apply("CONS")), "", "1", OptionalLong.empty(), cur, 0, Optional.empty(), Optional.empty()),
                new BillingModel.LineInput(Optional.of(item.apply("DRESS")), "", "4", OptionalLong.empty(), cur, 0, Optional.empty(), Optional.empty()),
                new BillingModel.LineInput(Optional.of(item.apply("BAND")), "", "2", OptionalLong.empty(), cur, 300, Optional.empty(), Optional.empty()),
                new BillingModel.LineInput(Optional.of(item.apply("CERT")), "", "1", OptionalLong.empty(), cur, 0, Optional.empty(), Optional.empty()));
        var draft = billing.create(desk, Optional.of(UUID.randomUUID()), chiara, lines, new BillingModel.Details("Allied Health", "AH-778812", ""));
        billing.issue(desk, draft.id(), draft.version());
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "credit-home-");
        new DesktopPreferences(home).rememberSignIn(clinic.address(), "g.okonkwo");
        fx(() -> {
            stage = new Stage();
            shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.empty(), clock, "DESK-1");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            return null;
        });
        signIn("g.okonkwo", PASSWORD);
        press("#nav-invoices");
        waitUntil("the invoice", () -> find("#invoices-table") instanceof TableView<?> t && t.getItems().size() == 1);
        fx(() -> {
            ((TableView<?>) find("#invoices-table")).getSelectionModel().select(0);
            return null;
        });
        press("#invoices-open");
        waitUntil("issued invoice", () -> find("#invoice-owed") instanceof Labeled l && l.getText().startsWith("Owed"));
        press("#invoice-credit");
        waitUntil("dialog", () -> find("#credit-note-dialog") != null);
        fx(() -> {
            ((javafx.scene.control.CheckBox) find("#credit-line-2")).setSelected(true);
            ((TextInputControl) find("#credit-qty-2")).setText("1");
            ((javafx.scene.control.CheckBox) find("#credit-line-3")).setSelected(true);
            ((TextInputControl) find("#credit-reason")).setText("One dressing pack returned unopened; stockings not fitted");
            return null;
        });
        waitUntil("the preview", () -> find("#credit-preview") instanceof Labeled l && l.getText().startsWith("Credit note total"));
        Thread.sleep(1500); // a pulse or two for the ticks and the reason to be drawn
        settle();
        shot(out.resolve("reception-credit-note.png"));
        press("#credit-issue");
        waitUntil("credit note PDF", () -> find("#invoice-pdf-title") instanceof Labeled l && l.getText().startsWith("Credit note CN-")
                && find("#pdf-page-1") != null);
        settle();
        shot(out.resolve("reception-credit-note-issued.png"));
        var list = clinic.services().billing().list(new BillingModel.ListQuery("", Optional.empty(), Optional.empty(),
                Optional.of(BillingModel.InvoiceKind.CREDIT_NOTE), Optional.empty(), Optional.empty(), false, 10, 0));
        creditNoteId = list.items().getFirst().id();
        Files.write(out.resolve("credit-note.pdf"), clinic.services().billing().invoicePdf(creditNoteId).pdf());
        press("#invoice-close");

        press("#invoices-new");
        waitUntil("patient finder", () -> find("#patient-search") != null);
        fx(() -> {
            ((TextInputControl) find("#patient-search")).setText("Haddad");
            return null;
        });
        waitUntil("patient found", () -> find("#patient-results") instanceof ListView<?> l && !l.getItems().isEmpty());
        fx(() -> {
            ((ListView<?>) find("#patient-results")).getSelectionModel().select(0);
            return null;
        });
        press("#pick-patient-choose");
        waitUntil("new draft", () -> find("#invoice-heading") instanceof Labeled l && l.getText().startsWith("New invoice")
                && find("#invoice-item") instanceof ComboBox<?> c && !c.getItems().isEmpty());
        for (String[] add : new String[][] {{"CERT", "1", ""}, {"DRESS", "3", "2"}}) {
            fx(() -> {
                @SuppressWarnings("unchecked") ComboBox<PriceItem> c = (ComboBox<PriceItem>) find("#invoice-item");
                c.setValue(c.getItems().stream().filter(i -> i.getCode().equals(add[0])).findFirst().orElseThrow());
                ((TextInputControl) find("#invoice-quantity")).setText(add[1]);
                ((TextInputControl) find("#invoice-discount")).setText(add[2]);
                return null;
            });
            int before = fx(() -> ((TableView<?>) find("#invoice-lines")).getItems().size());
            press("#invoice-add");
            waitUntil("line added", () -> find("#invoice-lines") instanceof TableView<?> t && t.getItems().size() == before + 1);
        }
        settle();
        shot(out.resolve("reception-new-invoice.png"));
        press("#invoice-discard");
        waitUntil("confirm", () -> find("#confirm-ok") != null);
        settle();
        shot(out.resolve("reception-discard-draft.png"));
        press("#confirm-ok");
        waitUntil("discarded", () -> find("#invoice-owed") instanceof Labeled l && l.getText().equals("Discarded"));
        press("#invoice-close");
        waitUntil("list without the draft", () -> find("#invoices-table") instanceof TableView<?> t
                && t.getItems().stream().noneMatch(s -> ((InvoiceSummary) s).getPatientName().contains("Haddad")));
        fx(() -> {
            shell.close();
            stage.close();
            return null;
        });
    }

    private void signIn(String user, String password) throws Exception {
        waitUntil("sign-in screen", () -> find("#sign-in") != null);
        fx(() -> {
            ((TextInputControl) find("#username")).setText(user);
            ((TextInputControl) find("#password")).setText(password);
            return null;
        });
        press("#sign-in");
        waitUntil("workspace", () -> find("#sign-out") != null);
    }

    /** The window's content as the display shows it. */
    private void shot(Path file) throws Exception {
        WritableImage image = fx(() -> {
            Scene scene = stage.getScene();
            return new javafx.scene.robot.Robot().getScreenCapture(null, stage.getX() + scene.getX(), stage.getY() + scene.getY(),
                    scene.getWidth(), scene.getHeight(), false);
        });
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + png.getWidth() + "x" + png.getHeight() + ")");
    }

    private Node find(String query) {
        try {
            return fx(() -> stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }

    private void press(String query) throws Exception {
        ScreenshotSteps.press(this::find, query);
    }
}
