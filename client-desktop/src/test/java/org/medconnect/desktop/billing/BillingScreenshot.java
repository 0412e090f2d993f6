package org.medconnect.desktop.billing;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.medconnect.proto.billing.v1.PriceItem;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.billing.BillingModel;
import org.medconnect.server.billing.BillingService;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of billing at the desk in a real 1366x768 window under Xvfb: checkout of a completed
 * visit, the receipt after payment, the invoice list with its ageing, and the admin's price list.
 * Run with the class path {@code screenshots.sh} builds:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp … org.medconnect.desktop.billing.BillingScreenshot docs/screenshots}.
 */
public final class BillingScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final String PASSWORD = "staff-pass-2026";

    // Starts 100 days back so older invoices land in every ageing bucket; moved to today before the visits.
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final MutableClock clock = new MutableClock(now.minus(Duration.ofDays(100)));
    private Stage stage;
    private DesktopShell shell;
    private Principal desk;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        BillingScreenshot tour = new BillingScreenshot();
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
        desk = f.staff("g.okonkwo", "Grace Okonkwo", Role.RECEPTIONIST);
        Principal admin = f.staff("clinic.admin", "Clinic Admin", Role.ADMIN);
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        UUID riverside = f.location("Riverside Clinic");
        UUID consultation = f.type("Consultation", 20, 0, false, false);

        BillingService billing = clinic.services().billing();
        String cur = billing.currency();
        billing.updateProfile(admin, billing.storedProfile().version(), new BillingModel.Profile("Riverside Clinic",
                "12 River Street\nSpringfield SP1 4RT", "VAT GB123456789", "+44 20 7946 0000", "billing@riverside.example", 14));
        var standard = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT standard", "20", true));
        var reduced = billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "VAT reduced", "5", true));
        billing.saveTaxRate(Optional.empty(), new BillingModel.TaxRateInput(Optional.empty(), "Exempt (medical)", "0", true));
        record P(BillingModel.LineKind kind, String code, String name, long price, Optional<UUID> tax) {}
        List<P> prices = List.of(
                new P(BillingModel.LineKind.CONSULTATION, "CONS", "Consultation", 6000, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "PHONE", "Telephone follow-up", 2500, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "ECG", "Electrocardiogram (12-lead)", 4500, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "ECHO", "Echocardiogram", 18000, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "HOLT", "Holter monitor, 24 h", 12000, Optional.empty()),
                new P(BillingModel.LineKind.PROCEDURE, "BP24", "Ambulatory blood pressure, 24 h", 8500, Optional.empty()),
                new P(BillingModel.LineKind.ITEM, "CERT", "Medical certificate", 2500, Optional.of(standard.id())),
                new P(BillingModel.LineKind.ITEM, "COPY", "Copy of records", 1500, Optional.of(standard.id())),
                new P(BillingModel.LineKind.ITEM, "BAND", "Compression stockings", 3200, Optional.of(reduced.id())));
        for (P p : prices) {
            billing.savePriceItem(Optional.empty(), new BillingModel.PriceItemInput(Optional.empty(), 0, Optional.of(p.kind()), p.code(),
                    p.name(), Optional.empty(), Optional.empty(), p.price(), cur, p.tax(), true));
        }
        var items = billing.priceItems(false, Optional.empty());
        java.util.function.Function<String, UUID> item = code -> items.stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow().id();

        String[][] people = {{"Ana", "Silva"}, {"Ben", "Carter"}, {"Chiara", "Rossi"}, {"David", "Mensah"}, {"Elif", "Yilmaz"},
                {"Farid", "Haddad"}, {"Grete", "Hansen"}, {"Hiro", "Tanaka"}};
        UUID[] p = new UUID[people.length];
        for (int i = 0; i < people.length; i++) {
            p[i] = f.patient(people[i][0], people[i][1]);
        }
        // Older invoices: some paid, some part paid, some owed, spread over the ageing buckets.
        int[][] history = {{1, 5, 0}, {2, 25, 0}, {3, 20, 50}, {4, 10, 0}, {5, 20, 100}, {6, 10, 0}, {7, 7, 100}, {1, 2, 0}};
        String[][] lines = {{"CONS", "ECHO"}, {"CONS", "PHONE"}, {"CONS", "HOLT"}, {"CONS", "CERT"}, {"CONS", "ECG"}, {"CONS", "BP24", "COPY"},
                {"CONS"}, {"ECG", "BAND"}};
        for (int i = 0; i < history.length; i++) {
            clock.advance(Duration.ofDays(history[i][1]));
            List<BillingModel.LineInput> in = new java.util.ArrayList<>();
            for (String code : lines[i]) {
                in.add(new BillingModel.LineInput(Optional.of(item.apply(code)), "", "1", OptionalLong.empty(), cur, 0, Optional.empty(),
                        Optional.empty()));
            }
            var draft = billing.create(desk, Optional.of(UUID.randomUUID()), p[history[i][0]], in, BillingModel.Details.NONE);
            var issued = billing.issue(desk, draft.id(), draft.version());
            long pay = issued.totalMinor() * history[i][2] / 100;
            if (pay > 0) {
                billing.pay(desk, BillingModel.PaymentKind.PAYMENT, UUID.randomUUID(), issued.id(), BillingModel.PaymentMethod.CARD, pay,
                        cur, "");
            }
        }
        // Today: Ana came in an hour ago; her visit is over and she is at the desk.
        while (clock.instant().isBefore(now.minus(Duration.ofHours(1)))) {
            clock.advance(Duration.ofMinutes(1));
        }
        LocalDate today = LocalDate.now(ZONE);
        f.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "00:00", "23:45", 15, today.minusDays(1));
        Instant quarter = clock.instant().truncatedTo(ChronoUnit.HOURS);
        while (!quarter.isAfter(clock.instant())) {
            quarter = quarter.plus(Duration.ofMinutes(15));
        }
        Instant slot = quarter;
        var appointments = clinic.services().appointments();
        var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), p[0], okafor.userId(), riverside, consultation, slot,
                Optional.of("Follow-up")));
        while (clock.instant().isBefore(now)) {
            clock.advance(Duration.ofMinutes(1));
        }
        appointments.checkIn(desk, booked.id());
        clinic.services().queue().callNext(okafor, Optional.empty());
        appointments.complete(okafor, booked.id());
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "billing-home-");
        new DesktopPreferences(home).rememberSignIn(clinic.address(), "g.okonkwo");
        fx(() -> {
            stage = new Stage();
            shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.empty(), clock, "DESK-1");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            // The whole 1366x768 desk PC screen, as a receptionist's maximised window has it.
            stage.setWidth(1366);
            stage.setHeight(768);
            return null;
        });
        signIn("g.okonkwo", PASSWORD);
        press("#nav-checkout");
        waitUntil("today's visit ready for checkout", () -> find("#checkout-queue-table") instanceof TableView<?> t && !t.getItems().isEmpty());
        settle();
        shot(out.resolve("reception-checkout-queue.png"));
        press("#checkout-queue-open");
        waitUntil("the draft", () -> find("#invoice-lines") instanceof TableView<?> t && t.getItems().size() == 1
                && find("#invoice-item") instanceof ComboBox<?> c && !c.getItems().isEmpty());
        for (String[] add : new String[][] {{"ECG", ""}, {"CERT", "5"}}) {
            fx(() -> {
                @SuppressWarnings("unchecked") ComboBox<PriceItem> c = (ComboBox<PriceItem>) find("#invoice-item");
                c.setValue(c.getItems().stream().filter(i -> i.getCode().equals(add[0])).findFirst().orElseThrow());
                ((TextInputControl) find("#invoice-discount")).setText(add[1]);
                return null;
            });
            int before = fx(() -> ((TableView<?>) find("#invoice-lines")).getItems().size());
            press("#invoice-add");
            waitUntil("line added", () -> find("#invoice-lines") instanceof TableView<?> t && t.getItems().size() == before + 1);
        }
        fx(() -> {
            ((TextInputControl) find("#invoice-insurer")).setText("Allied Health");
            ((TextInputControl) find("#invoice-policy")).setText("AH-778812");
            return null;
        });
        settle();
        shot(out.resolve("reception-checkout.png"));

        press("#invoice-issue");
        waitUntil("issued", () -> find("#invoice-heading") instanceof Labeled l && l.getText().contains("INV-")
                && find("#pdf-page-1") != null);
        fx(() -> {
            ((TextInputControl) find("#pay-amount")).setText("100.00");
            return null;
        });
        press("#pay");
        waitUntil("receipt", () -> find("#invoice-pdf-title") instanceof Labeled l && l.getText().startsWith("Receipt"));
        settle();
        shot(out.resolve("reception-receipt.png"));
        press("#invoice-close");

        press("#nav-invoices");
        waitUntil("invoices", () -> find("#invoices-table") instanceof TableView<?> t && t.getItems().size() >= 9);
        settle();
        shot(out.resolve("reception-invoices.png"));

        press("#nav-patients");
        fx(() -> {
            ((TextInputControl) find("#patients-search")).setText("Carter");
            return null;
        });
        waitUntil("patient found", () -> find("#patients-table") instanceof TableView<?> t && t.getItems().size() == 1);
        fx(() -> {
            ((TableView<?>) find("#patients-table")).getSelectionModel().select(0);
            return null;
        });
        waitUntil("balance", () -> find("#patients-balance") instanceof Labeled l && !l.getText().isEmpty());
        settle();
        shot(out.resolve("reception-patient-balance.png"));

        press("#sign-out");
        signIn("clinic.admin", PASSWORD);
        press("#nav-price-list");
        waitUntil("prices", () -> find("#price-items") instanceof TableView<?> t && t.getItems().size() >= 9);
        fx(() -> {
            ((TableView<?>) find("#price-items")).getSelectionModel().select(2);
            return null;
        });
        settle();
        shot(out.resolve("admin-price-list.png"));
        press("#nav-billing-profile");
        waitUntil("the header", () -> find("#profile-clinic-name") instanceof TextInputControl t && !t.getText().isBlank());
        settle();
        shot(out.resolve("admin-billing-profile.png"));
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
