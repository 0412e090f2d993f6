package org.medconnect.desktop.patient;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
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
import org.medconnect.server.patient.DemographicsModel.ConsentInput;
import org.medconnect.server.patient.DemographicsModel.ContactInput;
import org.medconnect.server.patient.DemographicsModel.PolicyInput;
import org.medconnect.server.patient.DemographicsModel.ProfileInput;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of the reception patient page (each tab) and the nurse workspace, in a real
 * 1366x768 window against a real server. Run under Xvfb with the class path
 * {@code screenshots.sh} builds: {@code org.medconnect.desktop.patient.DemographicsScreenshot docs/screenshots}.
 */
public final class DemographicsScreenshot {

    static final String PASSWORD = "Front-desk-2026";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final MutableClock CLOCK = new MutableClock(TODAY.atTime(8, 0).toInstant(ZoneOffset.UTC));

    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (TestClinic clinic = TestClinic.start(CLOCK, TestConfig.defaults())) {
            seed(clinic);
            Platform.startup(() -> { });
            DemographicsScreenshot tour = new DemographicsScreenshot();
            tour.reception(clinic, out);
            tour.nurse(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void seed(TestClinic clinic) {
        SchedulingFixture f = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        clinic.createUser("m.lopez", PASSWORD, "RECEPTIONIST", "Maria Lopez", false);
        Principal desk = f.staff("j.wilson", "James Wilson", Role.RECEPTIONIST);
        clinic.createUser("n.lindqvist", PASSWORD, "NURSE", "Nora Lindqvist", false);
        Principal chen = f.doctor("a.chen", "Dr Anna Chen", "Family Medicine", "General Medicine");
        Principal okafor = f.doctor("a.okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        Principal rossi = f.doctor("g.rossi", "Dr Giulia Rossi", "Dermatology", "Dermatology");
        UUID main = f.location("Riverside Clinic");
        UUID consultation = f.type("Consultation", 20, 0, false, false);
        for (Principal d : new Principal[] {chen, okafor, rossi}) {
            f.weekly(d.userId(), main, Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "18:00", 20, TODAY.minusDays(1));
        }
        String[][] people = {{"Zelda", "Quartermain"}, {"Ada", "Obi"}, {"Benedikt", "Oberhauser-Lindqvist"}, {"Cora", "Lind"},
                {"Dmitri", "Volkov"}, {"Elif", "Yilmaz"}};
        UUID[] p = new UUID[people.length];
        for (int i = 0; i < people.length; i++) {
            p[i] = f.patient(people[i][0], people[i][1]);
        }
        var demographics = clinic.services().demographics();
        demographics.addContact(desk, Optional.empty(), p[0], new ContactInput("Lena Quartermain", "Sister", "+1 555 0142",
                "lena.q@example.org"));
        demographics.addContact(desk, Optional.empty(), p[0], new ContactInput("Tomasz Quartermain-Nowak", "Husband",
                "+1 555 0177", ""));
        demographics.addPolicy(desk, Optional.empty(), p[0], new PolicyInput("Blue Cross Blue Shield", "XK-204-881", "",
                TODAY.minusYears(1).withDayOfYear(1).toString(), ""));
        demographics.addPolicy(desk, Optional.empty(), p[0], new PolicyInput("Aetna", "AET-99120", "Tomasz Quartermain-Nowak",
                "2022-01-01", TODAY.minusYears(1).withDayOfYear(1).minusDays(1).toString()));
        demographics.addConsent(desk, Optional.empty(), p[0], new ConsentInput(Optional.of("TREATMENT"), "2024-03-12", "", "",
                "Signed at registration"));
        demographics.addConsent(desk, Optional.empty(), p[0], new ConsentInput(Optional.of("TELEHEALTH"), "2025-09-02", "", "", ""));
        demographics.addConsent(desk, Optional.empty(), p[0], new ConsentInput(Optional.of("RESEARCH"), "2025-01-20",
                TODAY.minusDays(10).toString(), "", "Withdrew by letter"));
        demographics.updateProfile(desk, p[0], 1, new ProfileInput("AB-", "Portuguese"));
        var appointments = clinic.services().appointments();
        Object[][] visits = {{1, chen, "09:00"}, {2, okafor, "09:20"}, {3, chen, "09:40"}, {4, rossi, "10:00"}, {5, okafor, "10:20"}};
        for (Object[] v : visits) {
            var booked = appointments.book(desk, new BookingRequest(UUID.randomUUID(), p[(int) v[0]], ((Principal) v[1]).userId(), main,
                    consultation, TODAY.atTime(LocalTime.parse((String) v[2])).toInstant(ZoneOffset.UTC), Optional.of("Check-up")));
            if ((int) v[0] != 5) {
                appointments.checkIn(desk, booked.id());
            }
            CLOCK.advance(Duration.ofMinutes(7));
        }
        CLOCK.advance(Duration.ofMinutes(12));
    }

    private DesktopShell open(TestClinic clinic) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "demographics-home-");
        DesktopShell[] shell = new DesktopShell[1];
        fx(() -> {
            stage = new Stage();
            shell[0] = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.of(clinic.address()), CLOCK, "FRONT-DESK-1");
            MedConnectApp.show(stage, shell[0]);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366);
            stage.setHeight(768);
            return null;
        });
        return shell[0];
    }

    private void signIn(TestClinic clinic, String user) throws Exception {
        type("#username", user);
        type("#password", PASSWORD);
        press("#sign-in");
    }

    private void reception(TestClinic clinic, Path out) throws Exception {
        DesktopShell shell = open(clinic);
        try {
            signIn(clinic, "m.lopez");
            press("#nav-patients");
            type("#patients-search", "Quartermain");
            waitUntil("search results", () -> find("#patients-table") instanceof TableView<?> t && !t.getItems().isEmpty());
            fx(() -> {
                ((TableView<?>) find("#patients-table")).getSelectionModel().selectFirst();
                return null;
            });
            press("#patients-record");
            waitUntil("contacts loaded", () -> find("#patient-record-contacts-table") instanceof TableView<?> t && t.getItems().size() == 2);
            String[][] tabs = {{"Details", "details"}, {"Contacts", "contacts"}, {"Insurance", "insurance"}, {"Consents", "consents"}};
            for (String[] tab : tabs) {
                fx(() -> {
                    TabPane pane = (TabPane) find("#patient-record-tabs");
                    for (Tab t : pane.getTabs()) {
                        if (t.getText().equals(tab[0])) {
                            pane.getSelectionModel().select(t);
                        }
                    }
                    return null;
                });
                settle();
                shot(out.resolve("chart-demographics-" + tab[1] + ".png"));
            }
        } finally {
            fx(() -> {
                shell.close();
                stage.close();
                return null;
            });
        }
    }

    private void nurse(TestClinic clinic, Path out) throws Exception {
        DesktopShell shell = open(clinic);
        try {
            signIn(clinic, "n.lindqvist");
            waitUntil("checked-in patients", () -> find("#nurse-queue-table") instanceof TableView<?> t && t.getItems().size() == 4);
            fx(() -> {
                ((TableView<?>) find("#nurse-queue-table")).getSelectionModel().select(1);
                return null;
            });
            settle();
            shot(out.resolve("chart-demographics-nurse-workspace.png"));
        } finally {
            fx(() -> {
                shell.close();
                stage.close();
                return null;
            });
        }
    }

    private void type(String query, String text) throws Exception {
        waitUntil(query, () -> find(query) != null);
        fx(() -> {
            TextInputControl field = (TextInputControl) find(query);
            field.requestFocus();
            field.setText(text);
            return null;
        });
    }

    private void press(String query) throws Exception {
        ScreenshotSteps.press(this::find, query);
    }

    private Node find(String query) {
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
