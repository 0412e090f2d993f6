package org.medconnect.desktop.backup;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
import org.medconnect.proto.backup.v1.BackupFile;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of "Restore a backup" (decision 0047): the sheet with a backup read and the clinic's name typed, and
 * the outcome, in a real window under Xvfb. Run by {@code client-desktop/screenshots.sh}.
 */
public final class RestoreScreenshot {

    static final String PASSWORD = "staff-pass-2026";

    private Stage stage;
    private DesktopShell shell;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        RestoreScreenshot tour = new RestoreScreenshot();
        try (TestClinic clinic = TestClinic.start(Clock.systemDefaultZone(),
                TestConfig.defaults().withClinicZone(java.time.ZoneId.systemDefault()))) {
            clinic.createUser("clinic.admin", PASSWORD, "ADMIN", "Clinic Admin", false);
            clinic.createUser("g.okonkwo", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
            clinic.department("General Medicine");
            clinic.department("Paediatrics");
            clinic.services().backups().backupToFolder(Optional.empty());
            Platform.startup(() -> { });
            tour.run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "restore-home-");
        new DesktopPreferences(home).rememberSignIn(clinic.address(), "clinic.admin");
        fx(() -> {
            stage = new Stage();
            shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.empty(),
                    Clock.systemDefaultZone(), "ADMIN-PC");
            MedConnectApp.show(stage, shell);
            stage.setX(0);
            stage.setY(0);
            return null;
        });
        waitUntil("sign-in screen", () -> find("#sign-in") != null);
        fx(() -> {
            ((TextInputControl) find("#username")).setText("clinic.admin");
            ((TextInputControl) find("#password")).setText(PASSWORD);
            return null;
        });
        press("#sign-in");
        waitUntil("workspace", () -> find("#sign-out") != null);
        press("#nav-backups");
        waitUntil("backup listed", () -> find("#backups-table") instanceof TableView<?> t && !t.getItems().isEmpty());
        press("#backups-restore");
        waitUntil("restore sheet", () -> find("#restore-backup") != null);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<BackupFile> pick = (ComboBox<BackupFile>) find("#restore-backup");
            pick.setValue(pick.getItems().getFirst());
            return null;
        });
        waitUntil("backup read", () -> find("#restore-contents") instanceof Labeled l && l.getText().contains("Schema version"));
        String name = clinic.services().billing().profile().clinicName();
        fx(() -> {
            ((TextInputControl) find("#restore-confirm")).setText(name);
            return null;
        });
        settle();
        shot(out.resolve("admin-restore.png"));
        press("#restore-run");
        waitUntil("restored", () -> find("#restore-outcome") instanceof Labeled l && !l.getText().isBlank());
        settle();
        shot(out.resolve("admin-restore-done.png"));
        fx(() -> {
            shell.close();
            stage.close();
            return null;
        });
    }

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
