package org.medconnect.desktop.notification;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import org.medconnect.desktop.testing.ScreenshotSteps;
import static org.medconnect.server.db.Tables.PATIENT;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.MedConnectApp;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.notification.ReminderWorker;
import org.medconnect.server.notification.SmtpSender;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of the notification bell and inbox (doctor, reception) and of the admin Reminders
 * screen, in a real window under Xvfb, the screen captured with the inbox popup open. Run with
 * the class path {@code screenshots.sh} builds:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp …
 * org.medconnect.desktop.notification.NotificationScreenshot docs/screenshots}.
 */
public final class NotificationScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final String PASSWORD = "staff-pass-2026";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private Stage stage;
    private DesktopShell shell;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        NotificationScreenshot tour = new NotificationScreenshot();
        try (TestClinic clinic = TestClinic.start(tour.clock, TestConfig.defaults().withClinicZone(ZONE))) {
            tour.seed(clinic);
            Platform.startup(() -> { });
            tour.run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), ZONE).toInstant();
    }

    private void seed(TestClinic clinic) throws Exception {
        SchedulingFixture f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = f.staff("g.okonkwo", "Grace Okonkwo", Role.RECEPTIONIST);
        f.staff("clinic.admin", "Clinic Admin", Role.ADMIN);
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        Principal lindqvist = f.doctor("e.lindqvist", "Dr Erik Lindqvist", "Cardiology", "Cardiology");
        UUID riverside = f.location("Riverside Clinic");
        UUID consultation = f.type("Consultation", 20, 0, false, false);
        UUID ecg = f.type("ECG with review", 30, 0, false, true);
        LocalDate today = LocalDate.now(ZONE);
        for (Principal d : java.util.List.of(okafor, lindqvist)) {
            f.weekly(d.userId(), riverside, Optional.empty(), EVERY_DAY, "00:00", "23:45", 15, today.minusDays(1));
        }
        String[][] people = {{"Ana", "Silva"}, {"Ben", "Carter"}, {"Chiara", "Rossi"}, {"David", "Mensah"}, {"Elif", "Yilmaz"},
                {"Farid", "Haddad"}, {"Grete", "Hansen"}, {"Hiro", "Tanaka"}, {"Ines", "Duarte"}, {"Jakub", "Novak"}};
        UUID[] p = new UUID[people.length];
        for (int i = 0; i < people.length; i++) {
            p[i] = f.patient(people[i][0], people[i][1]);
            if (i != 3) { // David Mensah gave no email address
                clinic.database().dsl().update(PATIENT).set(PATIENT.EMAIL, people[i][0].toLowerCase() + "@example.org")
                        .where(PATIENT.ID.eq(p[i])).execute();
            }
        }
        var appointments = clinic.services().appointments();
        var projector = new Object() {
            // The server's own projector may be at work (woken by NOTIFY): wait until every event is projected.
            void projectAll() {
                var dsl = clinic.database().dsl();
                clinic.services().notifications().projector().projectAll();
                while (dsl.fetchValue("select c.last_seq < e.last_seq from notification_cursor c, appointment_event_clock e")
                        .equals(Boolean.TRUE)) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    clinic.services().notifications().projector().projectAll();
                }
            }
        };
        var worker = clinic.services().notifications().reminders();
        java.util.function.BiFunction<Integer, Object[], Appointment> book = (i, a) -> appointments.book(desk, new BookingRequest(
                UUID.randomUUID(), p[i], ((Principal) a[0]).userId(), riverside, (UUID) a[2], (Instant) a[1], Optional.empty()));
        Instant base = clock.instant().truncatedTo(ChronoUnit.HOURS);

        // Yesterday's reminders: sent, and one skipped (no email).
        book.apply(0, new Object[] {okafor, base.plus(Duration.ofHours(25)), consultation});
        book.apply(3, new Object[] {okafor, base.plus(Duration.ofHours(26)), consultation});
        projector.projectAll();
        clock.advance(Duration.ofHours(3));
        worker.runOnce();
        // A mail server that does not answer: one reminder waits for its next try, one gave up.
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var dead = new SmtpSender(new ServerConfig.Smtp("127.0.0.1", closed, "", "", "desk@riverside.example", false));
        book.apply(1, new Object[] {lindqvist, clock.instant().plus(Duration.ofHours(25)).truncatedTo(ChronoUnit.HOURS), consultation});
        projector.projectAll();
        clock.advance(Duration.ofHours(2));
        new ReminderWorker(clinic.database().dsl(), clock, ZONE, dead, new ReminderWorker.Settings(Duration.ofSeconds(30),
                Duration.ofMinutes(5), 1, Duration.ofMinutes(5))).runOnce();
        book.apply(2, new Object[] {okafor, clock.instant().plus(Duration.ofHours(25)).truncatedTo(ChronoUnit.HOURS), consultation});
        projector.projectAll();
        clock.advance(Duration.ofHours(1).plusMinutes(20));
        new ReminderWorker(clinic.database().dsl(), clock, ZONE, dead, new ReminderWorker.Settings(Duration.ofSeconds(30),
                Duration.ofMinutes(5), 5, Duration.ofMinutes(5))).runOnce();

        // What the doctor hears about this morning.
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(2);
        Appointment moved = book.apply(4, new Object[] {okafor, at(tomorrow, "09:00"), consultation});
        Appointment cancelled = book.apply(5, new Object[] {okafor, at(tomorrow, "09:30"), consultation});
        book.apply(6, new Object[] {okafor, at(tomorrow, "10:00"), ecg});
        book.apply(7, new Object[] {lindqvist, at(tomorrow, "11:00"), ecg});
        appointments.reschedule(desk, moved.id(), at(tomorrow, "14:15"), Optional.empty(), Optional.empty());
        clinic.services().waitingList().add(desk, new NewWaitingEntry(UUID.randomUUID(), p[8], Optional.of(okafor.userId()),
                Optional.empty(), Optional.empty(), consultation, tomorrow, tomorrow.plusDays(5), Optional.empty()));
        appointments.cancel(desk, cancelled.id(), "Patient called");
        book.apply(9, new Object[] {okafor, at(tomorrow, "15:00"), consultation});
        projector.projectAll();
        var requests = appointments.list(lindqvist, new org.medconnect.server.appointment.AppointmentModel.ListQuery(
                at(tomorrow, "00:00"), at(tomorrow.plusDays(1), "00:00"), Optional.empty(), Optional.empty(),
                java.util.Set.of(lindqvist.userId()), Optional.empty(),
                java.util.Set.of(org.medconnect.shared.appointment.StatusMoves.Status.PENDING)));
        requests.forEach(r -> appointments.decline(lindqvist, r.id(), "Needs a referral first"));
        projector.projectAll();
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "notify-home-");
        new DesktopPreferences(home).rememberSignIn(clinic.address(), "a.okafor");
        fx(() -> {
            stage = new Stage();
            shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.empty(), clock, "ROOM-4");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            return null;
        });
        signIn("a.okafor", "doctor-pass-2026");
        waitUntil("unread count on the bell", () -> find("#inbox-badge") instanceof Labeled l && l.isVisible() && !l.getText().isEmpty());
        settle();
        press("#inbox-button");
        waitUntil("inbox items", () -> popupFind("#inbox-list") instanceof javafx.scene.control.ListView<?> l && l.getItems().size() >= 5);
        settle();
        shot(out.resolve("doctor-inbox.png"));
        closePopups();

        press("#sign-out");
        signIn("g.okonkwo", PASSWORD);
        waitUntil("unread count on the bell", () -> find("#inbox-badge") instanceof Labeled l && l.isVisible() && !l.getText().isEmpty());
        press("#inbox-button");
        waitUntil("inbox items", () -> popupFind("#inbox-list") instanceof javafx.scene.control.ListView<?> l && l.getItems().size() >= 2);
        settle();
        shot(out.resolve("reception-inbox.png"));
        closePopups();

        press("#sign-out");
        signIn("clinic.admin", PASSWORD);
        press("#nav-reminders");
        waitUntil("reminders listed", () -> find("#reminders-table") instanceof javafx.scene.control.TableView<?> t && t.getItems().size() >= 6);
        settle();
        shot(out.resolve("admin-reminders.png"));
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
        waitUntil("workspace", () -> find("#inbox-button") != null);
    }

    private void closePopups() throws Exception {
        fx(() -> {
            for (Window w : java.util.List.copyOf(Window.getWindows())) {
                if (w instanceof javafx.stage.Popup p) {
                    p.hide();
                }
            }
            return null;
        });
        settle();
    }

    /** The whole screen area of the window, popups included, as the display shows it. */
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

    private Node popupFind(String query) {
        try {
            return fx(() -> Window.getWindows().stream().filter(w -> w instanceof javafx.stage.Popup && w.isShowing())
                    .map(w -> w.getScene().getRoot().lookup(query)).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        } catch (Exception e) {
            return null;
        }
    }

    private void press(String query) throws Exception {
        ScreenshotSteps.press(this::find, query);
    }
}
