package org.medconnect.desktop.absence;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import org.medconnect.desktop.testing.ScreenshotSteps;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of the Doctor absence screen in a real window: Dr Okafor is ill for two days, most of
 * her appointments go to her cardiology colleagues, two cannot. Writes doctor-absence.png to the
 * first argument (docs/screenshots) and the in-between states to the second (target). Run it
 * under Xvfb with the class path {@code screenshots.sh} builds, in place of ScreenshotTour:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp …
 * org.medconnect.desktop.absence.AbsenceScreenshot docs/screenshots target/absence-shots}.
 */
public final class AbsenceScreenshot {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final LocalDate DAY = LocalDate.now(ZONE).plusDays(7);

    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path scratch = Path.of(args.length > 1 ? args[1] : "target");
        Files.createDirectories(out);
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(ZONE))) {
            seed(clinic);
            Platform.startup(() -> { });
            new AbsenceScreenshot().run(clinic, out, scratch);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void seed(TestClinic clinic) {
        SchedulingFixture f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal reception = f.staff("g.okonkwo", "Grace Okonkwo", Role.RECEPTIONIST);
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        Principal lindqvist = f.doctor("e.lindqvist", "Dr Erik Lindqvist", "Cardiology", "Cardiology");
        Principal haddad = f.doctor("s.haddad", "Dr Samira Haddad", "Cardiology", "Cardiology");
        f.doctor("p.sharma", "Dr Priya Sharma", "Dermatology", "Dermatology");
        f.doctor("j.mueller", "Dr Jonas Müller", "Family Medicine", "General Medicine");
        UUID riverside = f.location("Riverside Clinic");
        UUID room1 = f.room(riverside, "Room 1");
        UUID room2 = f.room(riverside, "Room 2");
        UUID room3 = f.room(riverside, "Room 3");
        UUID consultation = f.type("Consultation", 20, 5, false, false);
        UUID followUp = f.type("Follow-up", 15, 0, false, false);
        UUID ecg = f.type("ECG", 30, 5, false, false);
        f.weekly(okafor.userId(), riverside, Optional.of(room1), EVERY_DAY, "09:00", "17:00", 15, LocalDate.now(ZONE), "12:30-13:30");
        f.weekly(lindqvist.userId(), riverside, Optional.of(room2), EVERY_DAY, "09:00", "17:00", 15, LocalDate.now(ZONE), "12:30-13:30");
        f.weekly(haddad.userId(), riverside, Optional.of(room3), EVERY_DAY, "09:00", "13:00", 15, LocalDate.now(ZONE));
        String[][] people = {{"Ana", "Silva"}, {"Ben", "Carter"}, {"Chiara", "Rossi"}, {"David", "Mensah"},
                {"Elif", "Yilmaz"}, {"Farid", "Haddad"}, {"Grete", "Hansen"}, {"Hiro", "Tanaka"},
                {"Ines", "Duarte"}, {"Jakub", "Novak"}, {"Karin", "Berg"}, {"Luca", "Bianchi"}};
        UUID[] p = new UUID[people.length];
        for (int i = 0; i < people.length; i++) {
            p[i] = f.patient(people[i][0], people[i][1]);
        }
        var book = clinic.services().appointments();
        Object[][] okaforDay = {
                {0, 0, "09:00", consultation}, {1, 0, "09:30", followUp}, {2, 0, "10:00", ecg}, {3, 0, "11:15", consultation},
                {4, 0, "14:00", followUp}, {5, 1, "09:00", consultation}, {6, 1, "10:30", consultation}, {7, 1, "15:00", ecg}};
        for (Object[] a : okaforDay) {
            book.book(reception, new BookingRequest(UUID.randomUUID(), p[(int) a[0]], okafor.userId(), riverside, (UUID) a[3],
                    at(DAY.plusDays((int) a[1]), (String) a[2]), Optional.empty()));
        }
        // Both colleagues are busy at 10:00 on the first day and at 10:30 on the second.
        book.book(reception, new BookingRequest(UUID.randomUUID(), p[8], lindqvist.userId(), riverside, consultation,
                at(DAY, "10:00"), Optional.empty()));
        book.book(reception, new BookingRequest(UUID.randomUUID(), p[9], haddad.userId(), riverside, ecg,
                at(DAY, "10:00"), Optional.empty()));
        book.book(reception, new BookingRequest(UUID.randomUUID(), p[10], lindqvist.userId(), riverside, consultation,
                at(DAY.plusDays(1), "10:30"), Optional.empty()));
        book.book(reception, new BookingRequest(UUID.randomUUID(), p[11], haddad.userId(), riverside, consultation,
                at(DAY.plusDays(1), "10:30"), Optional.empty()));
    }

    private static java.time.Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), ZONE).toInstant();
    }

    private void run(TestClinic clinic, Path out, Path scratch) throws Exception {
        AbsenceWindow[] window = new AbsenceWindow[1];
        fx(() -> {
            stage = new Stage();
            window[0] = AbsenceWindow.show(stage, clinic.address(), "g.okonkwo", "staff-pass-2026", Clock.system(ZONE));
            stage.setX(0);
            stage.setY(0);
            return null;
        });
        try {
            waitUntil("doctors", () -> find("#absence-doctor") instanceof ComboBox<?> c && c.getItems().size() == 5);
            settle();
            shot(scratch.resolve("doctor-absence-empty.png"));
            fx(() -> {
                ((DatePicker) find("#absence-last-day")).setValue(LocalDate.now(ZONE).minusDays(1));
                return null;
            });
            press("#absence-preview");
            shot(scratch.resolve("doctor-absence-errors.png"));
            fx(() -> {
                @SuppressWarnings("unchecked")
                ComboBox<Doctor> doctor = (ComboBox<Doctor>) find("#absence-doctor");
                doctor.setValue(doctor.getItems().stream().filter(d -> d.getDisplayName().contains("Okafor")).findFirst().orElseThrow());
                ((DatePicker) find("#absence-first-day")).setValue(DAY);
                ((DatePicker) find("#absence-last-day")).setValue(DAY.plusDays(1));
                TextInputControl reason = (TextInputControl) find("#absence-reason");
                reason.requestFocus();
                reason.setText("Dr Okafor is ill");
                return null;
            });
            press("#absence-preview");
            waitUntil("preview", () -> text("#absence-summary").contains("move"));
            settle();
            shot(scratch.resolve("doctor-absence-preview.png"));
            press("#absence-apply");
            waitUntil("confirmation", () -> find("#confirm-ok") != null);
            settle();
            shot(scratch.resolve("doctor-absence-confirm.png"));
            press("#confirm-ok");
            waitUntil("result", () -> text("#absence-summary").contains("moved"));
            settle();
            shot(out.resolve("doctor-absence.png"));
        } finally {
            window[0].close();
        }
    }

    private String text(String query) {
        return find(query) instanceof Labeled l ? l.getText() : "";
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
            return fx(() -> stage.getScene().getRoot().lookup(query));
        } catch (Exception e) {
            return null;
        }
    }

    private void press(String query) throws Exception {
        ScreenshotSteps.press(this::find, query);
    }
}
