package org.medconnect.desktop;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import atlantafx.base.theme.Styles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jooq.DSLContext;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.StatusBar;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.workspace.AdminConsole;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The admin dashboard in a real window: a month of a four-doctor clinic (seeded straight into the
 * database: visits with check-in and call times, invoices, payments, sign-ins), the admin console
 * opened on Dashboard. Writes admin-dashboard.png to the first argument. Run under Xvfb at
 * 1366x768 with the class path {@code screenshots.sh} builds.
 */
public final class DashboardScreenshot {

    static final ZoneId ZONE = ZoneId.of("UTC");

    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        // The test clinic listens without TLS on loopback.
        System.setProperty(org.medconnect.desktop.platform.ServerTrust.PLAINTEXT_PROPERTY, "true");
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE))) {
            seed(clinic);
            Platform.startup(() -> { });
            new DashboardScreenshot().run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static void seed(TestClinic clinic) {
        DSLContext dsl = clinic.database().dsl();
        SchedulingFixture f = new SchedulingFixture(dsl, clinic.services());
        Principal admin = f.staff("a.admin", "Ada Admin", Role.ADMIN);
        f.staff("g.okonkwo", "Grace Okonkwo", Role.RECEPTIONIST);
        Principal[] doctors = {
                f.doctor("a.okafor", "Dr Amara Okafor", "Cardiology", "Cardiology"),
                f.doctor("e.lindqvist", "Dr Erik Lindqvist", "Cardiology", "Cardiology"),
                f.doctor("p.sharma", "Dr Priya Sharma", "Dermatology", "Dermatology"),
                f.doctor("j.mueller", "Dr Jonas Müller", "Family Medicine", "General Medicine")};
        UUID riverside = f.location("Riverside Clinic");
        UUID harbour = f.location("Harbour Branch");
        UUID type = f.type("Consultation", 20, 0, false, false);
        LocalDate today = LocalDate.now(ZONE);
        LocalDate first = today.minusDays(29);
        for (int d = 0; d < doctors.length; d++) {
            f.weekly(doctors[d].userId(), d == 3 ? harbour : riverside, Optional.empty(), new int[] {1, 2, 3, 4, 5},
                    d % 2 == 0 ? "09:00" : "13:00", d % 2 == 0 ? "13:00" : "17:00", 20, first.minusDays(60));
        }
        UUID[] patients = new UUID[60];
        String[] given = {"Ana", "Ben", "Chiara", "David", "Elif", "Farid", "Grete", "Hiro", "Ines", "Jakub", "Karin", "Luca"};
        String[] family = {"Silva", "Carter", "Rossi", "Mensah", "Yilmaz", "Haddad", "Hansen", "Tanaka", "Duarte", "Novak"};
        for (int i = 0; i < patients.length; i++) {
            patients[i] = f.patient(given[i % given.length], family[i % family.length]);
        }
        Random random = new Random(14);
        String[] methods = {"CARD", "CARD", "CARD", "CASH", "INSURANCE", "BANK_TRANSFER"};
        int reference = 7000;
        int invoiceSeq = 0;
        int receipt = 0;
        for (LocalDate day = first.minusDays(30); !day.isAfter(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int d = 0; d < doctors.length; d++) {
                int startHour = d % 2 == 0 ? 9 : 13;
                int slots = 5 + random.nextInt(7);
                for (int s = 0; s < slots; s++) {
                    Instant start = day.atTime(startHour, 0).atZone(ZONE).toInstant().plusSeconds(s * 20 * 60L);
                    boolean past = start.isBefore(Instant.now().minusSeconds(3600));
                    int roll = random.nextInt(100);
                    String status = !past ? "CONFIRMED" : roll < 8 ? "NO_SHOW" : roll < 16 ? "CANCELLED" : "COMPLETED";
                    Instant checkedIn = null;
                    Instant called = null;
                    Instant done = null;
                    if (status.equals("COMPLETED")) {
                        checkedIn = start.minusSeconds(60L * (5 + random.nextInt(10)));
                        called = start.plusSeconds(60L * random.nextInt(25));
                        done = called.plusSeconds(60L * (10 + random.nextInt(20)));
                    }
                    UUID patient = patients[random.nextInt(patients.length)];
                    var inserted = dsl.fetchOptional("insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at,"
                                    + " ends_at, blocks_until, status, checked_in_at, called_at) values (?, ?::uuid, ?::uuid, ?::uuid, ?::uuid,"
                                    + " ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?::timestamptz, ?::timestamptz)"
                                    + " on conflict do nothing returning id",
                            "A-" + reference++, patient, doctors[d].userId(), d == 3 ? harbour : riverside, type, odt(start),
                            odt(start.plusSeconds(1200)), odt(start.plusSeconds(1200)), status,
                            checkedIn == null ? null : odt(checkedIn), called == null ? null : odt(called));
                    if (inserted.isEmpty()) {
                        continue;
                    }
                    UUID id = inserted.get().get(0, UUID.class);
                    if (done != null) {
                        dsl.execute("insert into appointment_history (appointment_id, action, from_status, to_status, occurred_at)"
                                + " values (?::uuid, 'COMPLETED', 'IN_CONSULTATION', 'COMPLETED', ?::timestamptz)", id, odt(done));
                        long total = 6000 + 500L * random.nextInt(9);
                        invoiceSeq++;
                        LocalDate issued = day;
                        UUID invoice = dsl.fetchSingle("insert into invoice (kind, status, patient_id, appointment_id, currency,"
                                        + " subtotal_minor, total_minor, series, number_year, number_seq, number, issue_date, due_date, issued_at)"
                                        + " values ('INVOICE', 'ISSUED', ?::uuid, ?::uuid, 'USD', ?, ?, 'INV', ?, ?, ?, ?::date, ?::date, ?::timestamptz)"
                                        + " returning id", patient, id, total, total, issued.getYear(), invoiceSeq, "INV-S-" + invoiceSeq,
                                issued, issued.plusDays(14), odt(done)).get(0, UUID.class);
                        int payRoll = random.nextInt(100);
                        if (payRoll < 85) {
                            long amount = payRoll < 75 ? total : total / 2;
                            receipt++;
                            dsl.execute("insert into payment (kind, invoice_id, patient_id, method, amount_minor, currency, receipt_year,"
                                            + " receipt_seq, receipt_number, received_at, request_id) values ('PAYMENT', ?::uuid, ?::uuid, ?, ?,"
                                            + " 'USD', ?, ?, ?, ?::timestamptz, ?::uuid)", invoice, patient, methods[random.nextInt(methods.length)],
                                    amount, issued.getYear(), receipt, "RCT-S-" + receipt, odt(done.plusSeconds(300)), UUID.randomUUID());
                        }
                    }
                }
            }
        }
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            for (Principal who : new Principal[] {admin, doctors[0], doctors[1], doctors[2], doctors[3]}) {
                if (random.nextInt(100) < (day.getDayOfWeek().getValue() >= 6 ? 10 : 85)) {
                    dsl.execute("insert into auth_event (occurred_at, kind, username, user_id) values (?::timestamptz, 'SIGNED_IN', ?, ?::uuid)",
                            odt(day.atTime(8, random.nextInt(50)).atZone(ZONE).toInstant()), who.username(), who.userId());
                }
            }
        }
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Clock clock = Clock.system(ZONE);
        ServerConnection connection = new ServerConnection(Duration.ofSeconds(20), state -> { });
        connection.connectTo(clinic.address());
        SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername("a.admin")
                .setPassword("staff-pass-2026").setWorkstation("ADMIN-PC").build());
        connection.useToken(signedIn.getSessionToken());
        FxTaskRunner runner = new FxTaskRunner();
        AppointmentFeed feed = AppointmentFeed.forSession(connection, clock);
        fx(() -> {
            SessionState session = new SessionState();
            session.principalProperty().set(signedIn.getPrincipal());
            session.serverAddressProperty().set(clinic.address());
            session.connectionProperty().set(ConnectionState.CONNECTED);
            ServerCalls calls = new ServerCalls(runner, new ServerErrors(connection::address, ZONE), session);
            OverlayHost overlays = new OverlayHost();
            NavigationWorkspace workspace = AdminConsole.create(connection, calls, new Dialogs(overlays), "USD", clock, feed);
            BorderPane frame = new BorderPane(workspace);
            frame.setTop(topBar(signedIn.getPrincipal().getDisplayName()));
            overlays.setContent(frame);
            BorderPane root = new BorderPane(overlays.node());
            root.setBottom(new StatusBar(session));
            stage = new Stage();
            Scene scene = new Scene(root, 1366, 768);
            Theme.apply(scene);
            stage.setScene(scene);
            stage.setTitle("MedConnect — Admin console");
            stage.setX(0);
            stage.setY(0);
            stage.show();
            ((javafx.scene.control.ToggleButton) workspace.lookup("#nav-dashboard")).setSelected(true);
            return null;
        });
        feed.start();
        try {
            waitUntil("figures", () -> find("#report-card-attendance .chart") != null && find("#report-card-revenue-by-day .chart") != null
                    && find("#report-card-utilisation .chart") != null);
            settle();
            Thread.sleep(1500);
            settle();
            shot(out.resolve("admin-dashboard.png"));
        } finally {
            feed.close();
            runner.close();
            connection.close();
        }
    }

    private static HBox topBar(String user) {
        Label brand = new Label("MedConnect");
        brand.getStyleClass().addAll(Styles.TITLE_4, Styles.ACCENT);
        Label area = new Label("Admin console");
        area.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label who = new Label(user);
        who.getStyleClass().add(Styles.TEXT_BOLD);
        HBox bar = new HBox(12, brand, area, spacer, who);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 8, 16));
        bar.getStyleClass().add("app-bar");
        return bar;
    }

    private void shot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }

    private Node find(String query) {
        try {
            return fx(() -> stage == null ? null : stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }
}
