package org.medconnect.desktop.appointment;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.MedConnectApp;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.testing.ScreenshotSteps;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The day board of a ten-doctor clinic at 1366x768 (issue 11, item 14): every doctor in view, names
 * surname first on two lines where columns are narrow. Writes reception-day-board-ten-doctors.png; run under
 * Xvfb with the class path screenshots.sh builds.
 */
public final class DayBoardScreenshot {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        MutableClock clock = new MutableClock(TODAY.atTime(8, 40).toInstant(ZoneOffset.UTC));
        try (TestClinic clinic = TestClinic.start(clock, TestConfig.defaults())) {
            seed(clinic);
            Platform.startup(() -> { });
            new DayBoardScreenshot().run(clinic, clock, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void seed(TestClinic clinic) {
        SchedulingFixture f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal desk = f.staff("m.lopez", "Maria Lopez", Role.RECEPTIONIST);
        clinic.createUser("g.okonkwo", "Front-desk-2026", "RECEPTIONIST", "Grace Okonkwo", false);
        UUID main = f.location("Riverside Main");
        UUID consultation = f.type("Consultation", 30, 0, false, false);
        UUID followUp = f.type("Follow-up", 15, 0, false, false);
        String[][] doctors = {{"Dr Samuel Adeyemi", "Family physician"}, {"Dr Hannah Berg", "Dermatologist"},
                {"Dr Anna Chen", "Cardiologist"}, {"Dr Farid Haddad", "Cardiologist"}, {"Dr Eva Lindqvist", "Pediatrician"},
                {"Dr Hugo Martins", "Family physician"}, {"Dr Rahul Mehta", "Orthopaedic surgeon"},
                {"Dr Carla Novak", "Neurologist"}, {"Dr Lucia Romano", "Pediatrician"}, {"Dr Jonas Weber", "Family physician"}};
        String[][] patients = {{"Jane", "Smithson-Whitfield"}, {"Jane", "Smithers"}, {"Ruth", "Abebe"}, {"Felix", "Wagner"},
                {"Noor", "Rahman"}, {"Ivan", "Petrov"}, {"Grace", "Mensah"}, {"Oliver", "Brandt"}, {"Priya", "Nair"},
                {"Hana", "Sato"}, {"Kwame", "Boateng"}, {"Tomás", "Rivera"}, {"Elena", "Petrova"}, {"Diego", "Alvarez"},
                {"Maria", "de la Cruz"}, {"Ahmed", "Al-Sayed"}, {"Chiara", "Rossi"}, {"Ben", "Carter"}, {"Karin", "Berg"},
                {"Luca", "Bianchi"}};
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < doctors.length; i++) {
            Principal d = f.doctor("doc" + i, doctors[i][0], doctors[i][1], doctors[i][1]);
            f.weekly(d.userId(), main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "18:00", 15, TODAY.minusDays(1));
            ids.add(d.userId());
        }
        var book = clinic.services().appointments();
        for (int i = 0; i < patients.length; i++) {
            UUID patient = f.patient(patients[i][0], patients[i][1]);
            int doctor = i % doctors.length;
            int minutes = 9 * 60 + (i / doctors.length) * 75 + (doctor % 3) * 15;
            var at = TODAY.atTime(minutes / 60, minutes % 60).toInstant(ZoneOffset.UTC);
            var booked = book.book(desk, new BookingRequest(UUID.randomUUID(), patient, ids.get(doctor), main,
                    i % 4 == 3 ? followUp : consultation, at, Optional.empty()));
            if (i % 5 == 0) {
                book.checkIn(desk, booked.id());
            }
        }
    }

    private void run(TestClinic clinic, MutableClock clock, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "board-home-");
        fx(() -> {
            stage = new Stage();
            DesktopShell shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(),
                    Optional.of(clinic.address()), clock, "FRONT-DESK-2");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366);
            stage.setHeight(768);
            return null;
        });
        settle();
        type("#username", "g.okonkwo");
        type("#password", "Front-desk-2026");
        ScreenshotSteps.press(this::find, "#sign-in");
        waitUntil("ten doctors and their patients", () -> count(".board-column-header") == 10 && count(".board-block") >= 20);
        fx(() -> {
            ((ScrollPane) find("#board-scroller")).setVvalue(0);
            return null;
        });
        settle();
        shot(out.resolve("reception-day-board-ten-doctors.png"));
    }

    private void type(String query, String text) throws Exception {
        waitUntil(query, () -> find(query) != null);
        fx(() -> {
            ((javafx.scene.control.TextInputControl) find(query)).setText(text);
            return null;
        });
    }

    private int count(String query) {
        try {
            return fx(() -> stage.getScene().getRoot().lookupAll(query).size());
        } catch (Exception e) {
            return 0;
        }
    }

    private javafx.scene.Node find(String query) {
        try {
            return fx(() -> stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }

    private void shot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }
}
