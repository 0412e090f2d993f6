package org.medconnect.desktop;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import org.medconnect.desktop.testing.ScreenshotSteps;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.testing.TourClinic;

/**
 * Opens the real workstation in a real window (run under Xvfb by screenshots.sh) against a real
 * server with a believable clinic, and saves the screens people should look at as PNGs.
 */
public final class ScreenshotTour {

    private final Path out;
    private Stage stage;
    private DesktopShell shell;

    private ScreenshotTour(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (TourClinic clinic = TourClinic.start()) {
            Platform.startup(() -> { });
            new ScreenshotTour(out).run(clinic);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private void run(TourClinic clinic) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "tour-home-");
        new DesktopPreferences(home).rememberSignIn(clinic.address(), "g.okonkwo");
        fx(() -> {
            stage = new Stage();
            shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.empty(),
                    clinic.clock(), "FRONT-DESK-1");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366); // the front desk's usual screen (issue 11)
            stage.setHeight(768);
            return null;
        });
        settle();
        shot("sign-in.png");

        type("#password", TourClinic.ADMIN_PASSWORD);
        press("#sign-in");
        waitUntil("staff table filled", () -> table("#staff-table") > 5);
        settle();
        shot("admin-staff.png");

        press("#new-user");
        waitUntil("user form", () -> find("#user-form") != null);
        fx(() -> {
            ((javafx.scene.control.ComboBox<org.medconnect.proto.common.v1.Role>) find("#user-role"))
                    .setValue(org.medconnect.proto.common.v1.Role.ROLE_DOCTOR);
            return null;
        });
        type("#user-username", "p.sharma");
        type("#user-display-name", "Dr Priya Sharma");
        type("#user-email", "priya.sharma@riverside-clinic.example");
        type("#user-specialization", "Pediatrician");
        type("#user-qualification", "MBBS, DCH");
        type("#user-years", "8");
        type("#user-fee", "60.00");
        press("#user-save"); // no department chosen, no initial password: shows the checks next to the fields
        settle();
        shot("admin-new-doctor.png");
        press("#user-cancel");

        press("#nav-departments");
        waitUntil("departments table filled", () -> table("#departments-table") > 3);
        fx(() -> {
            ((javafx.scene.control.CheckBox) find("#show-retired")).setSelected(true);
            return null;
        });
        waitUntil("retired department shown", () -> table("#departments-table") > 5);
        settle();
        shot("admin-departments.png");

        if (clinic.hasScheduleService()) {
            press("#nav-locations");
            waitUntil("locations listed", () -> table("#locations-table") > 1 && table("#rooms-table") > 0);
            settle();
            shot("admin-locations.png");
            press("#nav-types");
            waitUntil("types listed", () -> table("#types-table") > 3);
            settle();
            shot("admin-types.png");

            press("#nav-availability");
            waitUntil("doctors listed", () -> find("#availability-doctor") instanceof javafx.scene.control.ComboBox<?> c
                    && c.getItems().size() > 3);
            fx(() -> {
                @SuppressWarnings("unchecked")
                var doctors = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.Doctor>) find("#availability-doctor");
                doctors.getItems().stream().filter(d -> d.getDisplayName().equals("Dr Anna Chen")).findFirst().ifPresent(doctors::setValue);
                return null;
            });
            waitUntil("Dr Chen's rules", () -> table("#rules-table") > 0 && table("#exceptions-table") > 0);
            settle();
            shot("admin-availability.png");

            // Time off typed for a day already past is questioned, not silently stored (issue 11, item 9).
            press("#add-time-off");
            waitUntil("time-off form", () -> find("#exception-form") != null);
            fx(() -> {
                var start = (javafx.scene.control.DatePicker) find("#exception-start-date");
                start.setValue(start.getValue().minusDays(40));
                return null;
            });
            type("#exception-reason", "Conference");
            press("#exception-save");
            waitUntil("date question", () -> find("#confirm-ok") != null);
            settle();
            shot("admin-time-off-past.png");
            press("#confirm-cancel");
            press("#exception-cancel");

            // A rule that clashes with her everyday hours: the server's refusal shows next to the days.
            press("#add-rule");
            waitUntil("rule form", () -> find("#rule-form") != null);
            fx(() -> {
                @SuppressWarnings("unchecked")
                var locations = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.Location>) find("#rule-location");
                locations.getItems().stream().filter(l -> l.getName().equals("Riverside North")).findFirst().ifPresent(locations::setValue);
                return null;
            });
            type("#rule-start", "14:00");
            type("#rule-end", "18:00");
            press("#rule-add-break");
            type("#rule-break-start-0", "15:30");
            type("#rule-break-end-0", "15:45");
            press("#rule-save");
            waitUntil("overlap shown", () -> find("#rule-days-error") instanceof javafx.scene.control.Label l && !l.getText().isEmpty());
            settle();
            shot("admin-availability-rule.png");
            press("#rule-cancel");
        } else {
            System.out.println("Skipped admin-availability.png: this server has no ScheduleService yet");
        }

        press("#nav-staff");
        press("#new-user");
        type("#user-username", "k.osei");
        type("#user-display-name", "Kwame Osei");
        type("#user-email", "kwame.osei@riverside-clinic.example");
        type("#user-initial-password", TourClinic.TEMPORARY_PASSWORD);
        clinic.idleTooLong();
        press("#user-save");
        waitUntil("session-ended prompt", () -> find("#session-ended") != null);
        settle();
        shot("session-ended.png");
        type("#resume-sheet #password", TourClinic.ADMIN_PASSWORD);
        press("#resume-sheet #sign-in");
        waitUntil("prompt gone", () -> find("#resume-sheet") == null);
        press("#user-save");
        waitUntil("form closed", () -> find("#user-form") == null);

        clinic.midMorning(); // the front desk's pictures are of a morning under way
        // Hours pass on the clinic's clock, so the admin's session ends and the workstation locks by itself;
        // the receptionist signs in on the lock, which starts her fresh workspace.
        waitUntil("the idle lock", () -> find("#resume-sheet") != null);
        type("#resume-sheet #username", "m.lopez");
        type("#resume-sheet #password", TourClinic.TEMPORARY_PASSWORD);
        press("#resume-sheet #sign-in");
        waitUntil("change-password sheet", () -> find("#change-password-sheet") != null);
        type("#current-password", TourClinic.TEMPORARY_PASSWORD);
        type("#new-password", "short");
        type("#repeat-password", "shorter");
        press("#change-password-save");
        settle();
        shot("change-password.png");
        type("#new-password", "Front-desk-mornings");
        type("#repeat-password", "Front-desk-mornings");
        press("#change-password-save");
        waitUntil("day board with appointments", () -> count(".board-block") > 10);
        settle();
        fx(() -> {
            ((javafx.scene.control.ScrollPane) find("#board-scroller")).setVvalue(0); // the whole morning, all statuses
            return null;
        });
        settle();
        shot("reception-day-board.png");

        fx(() -> {
            Node video = stage.getScene().getRoot().lookupAll(".board-block").stream()
                    .filter(n -> n.getAccessibleText().contains("Video visit")).findFirst().orElseThrow();
            video.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false,
                    false, null));
            return null;
        });
        waitUntil("appointment history", () -> table("#details-history") > 0);
        settle();
        shot("reception-appointment.png");
        press("#details-close");

        // Check-in acts at once and offers Undo in a bar (decision 0025); the tour takes it back again.
        fx(() -> {
            Node confirmed = stage.getScene().getRoot().lookupAll(".board-block").stream()
                    .filter(n -> n.getAccessibleText() != null && n.getAccessibleText().contains("Confirmed")).findFirst().orElseThrow();
            confirmed.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false,
                    false, null));
            return null;
        });
        waitUntil("appointment history", () -> table("#details-history") > 0);
        press("#action-check-in");
        waitUntil("undo bar", () -> find("#details-undo-bar") instanceof Node n && n.isVisible());
        settle();
        shot("reception-appointment-undo.png");
        press("#details-undo-bar-undo");
        waitUntil("check-in undone", () -> find("#details-notice") instanceof javafx.scene.control.Label l && !l.getText().isEmpty());
        press("#details-close");

        press("#new-booking");
        waitUntil("booking dialog", () -> find("#booking-sheet") != null);
        type("#patient-search", "mens");
        waitUntil("patients found", () -> find("#patient-results") instanceof javafx.scene.control.ListView<?> l && l.getItems().size() >= 1);
        fx(() -> {
            ((javafx.scene.control.ListView<?>) find("#patient-results")).getSelectionModel().select(0);
            var doctor = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.Doctor>) find("#slot-doctor");
            doctor.setValue(doctor.getItems().stream().filter(d -> d.getDisplayName().equals("Dr Anna Chen")).findFirst().orElseThrow());
            var type = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.AppointmentType>) find("#slot-type");
            type.setValue(type.getItems().stream().filter(t -> t.getName().equals("Consultation")).findFirst().orElseThrow());
            return null;
        });
        waitUntil("free slots", () -> count(".slot-button") > 5);
        fx(() -> {
            ((javafx.scene.control.ToggleButton) stage.getScene().getRoot().lookupAll(".slot-button").stream().skip(3)
                    .findFirst().orElseThrow()).fire();
            return null;
        });
        type("#booking-reason", "Dizzy spells since last week");
        settle();
        shot("reception-booking.png");
        press("#booking-book");
        waitUntil("reference to read out", () -> find("#inform-ok") != null);
        settle();
        shot("reception-booked-reference.png");
        press("#inform-ok");

        press("#nav-waiting-list");
        waitUntil("waiting list", () -> table("#waiting-table") >= 2);
        settle();
        shot("reception-waiting-list.png");

        // The check-in queue: Dr Chen's patients in token order; one moved up as urgent, with the reason logged.
        press("#nav-queue");
        waitUntil("queue doctors", () -> find("#reception-queue-doctor") instanceof javafx.scene.control.ComboBox<?> c
                && c.getItems().size() > 3);
        fx(() -> {
            var doctors = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.Doctor>) find("#reception-queue-doctor");
            doctors.setValue(doctors.getItems().stream().filter(d -> d.getDisplayName().equals("Dr Anna Chen")).findFirst().orElseThrow());
            return null;
        });
        waitUntil("Dr Chen's queue", () -> find("#reception-queue-table") instanceof TableView<?> t && t.getItems().size() >= 2
                && t.getItems().stream().allMatch(a -> ((org.medconnect.proto.appointment.v1.Appointment) a).getDoctorName()
                        .equals("Dr Anna Chen")));
        fx(() -> {
            var queue = (TableView<org.medconnect.proto.appointment.v1.Appointment>) find("#reception-queue-table");
            queue.getSelectionModel().select(queue.getItems().size() - 1);
            return null;
        });
        type("#reorder-reason", "Chest pain after the stent: seen first");
        press("#reorder-move");
        waitUntil("reorder logged", () -> table("#reorder-log") >= 1);
        fx(() -> {
            ((TableView<?>) find("#reception-queue-table")).getSelectionModel().select(1);
            return null;
        });
        settle();
        shot("reception-queue.png");

        press("#open-waiting-room-display");
        waitUntil("waiting-room display", () -> display() != null && display().getRoot().lookup("#board-location") != null
                && display().getRoot().lookupAll(".board-serving").size() >= 2);
        settle();
        shot(display(), "waiting-room-display.png");
        fx(() -> {
            ((Stage) display().getWindow()).close();
            return null;
        });
        busyWaitingRoom();

        press("#sign-out");
        waitUntil("sign-in screen", () -> find("#sign-in") != null);
        type("#username", "a.chen");
        type("#password", TourClinic.TEMPORARY_PASSWORD);
        press("#sign-in");
        waitUntil("change-password sheet", () -> find("#change-password-sheet") != null);
        type("#current-password", TourClinic.TEMPORARY_PASSWORD);
        type("#new-password", TourClinic.DOCTOR_PASSWORD);
        type("#repeat-password", TourClinic.DOCTOR_PASSWORD);
        press("#change-password-save");
        waitUntil("my day filled", () -> table("#my-day-table") > 5);
        fx(() -> {
            // Select the patient in the room, as the doctor would, to show the next step under the list.
            @SuppressWarnings("unchecked")
            var day = (TableView<org.medconnect.proto.appointment.v1.Appointment>) find("#my-day-table");
            day.getItems().stream().filter(a -> a.getPatient().getDisplayName().equals("Priya Nair")).findFirst()
                    .ifPresent(a -> day.getSelectionModel().select(a));
            return null;
        });
        settle();
        shot("doctor-my-day.png");
        press("#nav-queue");
        waitUntil("doctor queue", () -> table("#queue-table") >= 1 && find("#queue-announcement") instanceof javafx.scene.control.Label l
                && !l.getText().isEmpty());
        settle();
        shot("doctor-queue.png");
        press("#nav-requests");
        waitUntil("requests listed", () -> table("#requests-table") > 2);
        fx(() -> {
            ((TableView<?>) find("#requests-table")).getSelectionModel().select(1);
            return null;
        });
        settle();
        shot("doctor-requests.png");
        press("#nav-week");
        waitUntil("week filled", () -> find("#week-summary") instanceof javafx.scene.control.Label l && l.getText().contains("appointments"));
        settle();
        shot("doctor-week.png");
        if (clinic.hasScheduleService()) {
            outsideHours();
        }
        fx(() -> {
            stage.close();
            shell.close();
            return null;
        });
    }

    /** Issue 11 item 12: Dr Chen's hours shrunk to the morning list the afternoon patients and offer to move them. */
    private void outsideHours() throws Exception {
        press("#sign-out");
        waitUntil("sign-in screen", () -> find("#sign-in") != null);
        type("#username", "g.okonkwo");
        type("#password", TourClinic.ADMIN_PASSWORD);
        press("#sign-in");
        waitUntil("staff table filled", () -> table("#staff-table") > 5);
        press("#nav-availability");
        waitUntil("doctors listed", () -> find("#availability-doctor") instanceof javafx.scene.control.ComboBox<?> c
                && c.getItems().size() > 3);
        fx(() -> {
            @SuppressWarnings("unchecked")
            var doctors = (javafx.scene.control.ComboBox<org.medconnect.proto.schedule.v1.Doctor>) find("#availability-doctor");
            doctors.getItems().stream().filter(d -> d.getDisplayName().equals("Dr Anna Chen")).findFirst().ifPresent(doctors::setValue);
            return null;
        });
        waitUntil("Dr Chen's rules", () -> table("#rules-table") > 0);
        fx(() -> {
            ((TableView<?>) find("#rules-table")).getSelectionModel().select(0);
            return null;
        });
        press("#edit-rule");
        waitUntil("rule form", () -> find("#rule-form") != null);
        type("#rule-end", "11:00");
        fx(() -> {
            // Breaks after the new end would be refused: drop them for this change.
            while (find("#rule-break-remove-0") instanceof javafx.scene.control.Button b) {
                b.fire();
            }
            return null;
        });
        press("#rule-save");
        waitUntil("outside-hours question", () -> find("#confirm-ok") != null);
        settle();
        shot("admin-availability-outside-hours.png");
        press("#confirm-cancel");
    }

    /** A busier waiting room (six doctors with rooms) in the same window size, to check the two-row layout. */
    private void busyWaitingRoom() throws Exception {
        var board = org.medconnect.proto.queue.v1.GetWaitingRoomBoardResponse.newBuilder().setLocationName("Riverside Main Clinic");
        String[] names = {"Dr Anna Chen", "Dr Samuel Adeyemi", "Dr Helena Berg", "Dr Ravi Mehta", "Dr Lucia Romano", "Dr Tomasz Nowak"};
        int[][] tokens = {{12, 13, 15, 14, 16}, {7, 8, 9}, {0, 4}, {21, 22, 23, 24, 25, 26, 27}, {3}, {0}};
        for (int i = 0; i < names.length; i++) {
            var d = org.medconnect.proto.queue.v1.BoardDoctor.newBuilder().setDoctorId("d" + i).setDoctorName(names[i])
                    .setRoomName("Room " + (i + 1)).setServingToken(tokens[i][0]);
            for (int t = 1; t < tokens[i].length && t <= 4; t++) {
                d.addNextTokens(tokens[i][t]);
            }
            d.setWaitingCount(tokens[i].length - 1);
            board.addDoctors(d);
        }
        Stage[] window = new Stage[1];
        org.medconnect.desktop.queue.WaitingRoomBoardViewModel[] shown = new org.medconnect.desktop.queue.WaitingRoomBoardViewModel[1];
        Scene scene = fx(() -> {
            var model = new org.medconnect.desktop.queue.WaitingRoomBoardViewModel(null, null, "busy", "Riverside Main Clinic");
            shown[0] = model;
            model.accept(board.build());
            window[0] = new Stage();
            window[0].setScene(new Scene(new org.medconnect.desktop.queue.WaitingRoomBoardView(model), 1366, 768));
            window[0].show();
            return window[0].getScene();
        });
        settle();
        shot(scene, "waiting-room-display-busy.png");
        // The reception workstation locked (its session ended): the display stays up and says it is paused.
        fx(() -> {
            shown[0].pausedProperty().set(true);
            return null;
        });
        settle();
        shot(scene, "waiting-room-display-paused.png");
        fx(() -> {
            window[0].close();
            return null;
        });
    }

    private void shot(String name) throws Exception {
        shot(fx(() -> stage.getScene()), name);
    }

    /** The full-screen waiting-room display, once it is open. */
    private Scene display() {
        try {
            return fx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage && w.getScene() != null
                    && w.getScene().getRoot().getId() != null && w.getScene().getRoot().getId().equals("waiting-room-board"))
                    .findFirst().map(javafx.stage.Window::getScene).orElse(null));
        } catch (Exception e) {
            return null;
        }
    }

    private void shot(Scene scene, String name) throws Exception {
        WritableImage image = fx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        Path file = out.resolve(name);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }

    private Node find(String query) {
        try {
            return fx(() -> {
                Scene scene = stage.getScene();
                return scene.getRoot().lookup(query);
            });
        } catch (Exception e) {
            return null;
        }
    }

    private int count(String styleClass) {
        try {
            return fx(() -> stage.getScene().getRoot().lookupAll(styleClass).size());
        } catch (Exception e) {
            return 0;
        }
    }

    private int table(String query) {
        Node node = find(query);
        return node instanceof TableView<?> t ? t.getItems().size() : 0;
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
}
