package org.medconnect.desktop;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.testing.ScreenshotSteps;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * Pictures of the trust screens (issue 15): the admin Audit screen with a verified chain and with a tampered
 * one, the Backups screen after "Back up now", the "Forgot password?" form, and a doctor's Security sheet
 * (status, setting up the authenticator app, the recovery codes), in a real window under Xvfb.
 * Run by {@code client-desktop/screenshots.sh}.
 */
public final class TrustScreenshots {

    static final String PASSWORD = "staff-pass-2026";

    private Stage stage;
    private DesktopShell shell;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        ServerConfig config = TestConfig.defaults().withClinicZone(java.time.ZoneId.systemDefault());
        config = config.withReminders(config.reminders().withSmtp(new ServerConfig.Smtp("127.0.0.1",
                mail.getSmtp().getPort(), "", "", "desk@riverside.example", false)));
        TrustScreenshots tour = new TrustScreenshots();
        try (TestClinic clinic = TestClinic.start(Clock.systemDefaultZone(), config)) {
            tour.seed(clinic);
            Platform.startup(() -> { });
            tour.run(clinic, out);
        } finally {
            mail.stop();
            Platform.exit();
        }
        System.exit(0);
    }

    private void seed(TestClinic clinic) {
        clinic.createUser("clinic.admin", PASSWORD, "ADMIN", "Clinic Admin", false);
        clinic.createUser("g.okonkwo", PASSWORD, "RECEPTIONIST", "Grace Okonkwo", false);
        clinic.createUser("a.okafor", PASSWORD, "DOCTOR", "Dr Amara Okafor", false);
        clinic.createUser("m.lopez", PASSWORD, "RECEPTIONIST", "Maria Lopez", false);
        var auth = AuthServiceGrpc.newBlockingStub(clinic.channel());
        String[][] attempts = {{"g.okonkwo", PASSWORD}, {"a.okafor", "wrong-one"}, {"a.okafor", PASSWORD},
                {"m.lopez", PASSWORD}, {"g.okonkwo", "typo-pass"}, {"g.okonkwo", PASSWORD}, {"nobody", "x"}};
        for (String[] a : attempts) {
            try {
                auth.signIn(SignInRequest.newBuilder().setUsername(a[0]).setPassword(a[1]).setWorkstation("FRONT-DESK-1").build());
            } catch (RuntimeException refused) {
                // Wrong passwords are part of the picture: they show in the sign-in log.
            }
        }
    }

    private void run(TestClinic clinic, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "trust-home-");
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
        signIn("clinic.admin", PASSWORD);

        press("#nav-backups");
        waitUntil("backups screen", () -> find("#backups-now") != null);
        press("#backups-now");
        waitUntil("backup made", () -> find("#backups-result") instanceof Labeled l && l.getText().startsWith("Backed up"));
        waitUntil("backup listed", () -> find("#backups-table") instanceof TableView<?> t && !t.getItems().isEmpty());
        settle();
        shot(out.resolve("admin-backups.png"));

        press("#nav-audit");
        waitUntil("audit entries", () -> find("#audit-table") instanceof TableView<?> t && t.getItems().size() >= 8);
        press("#audit-verify");
        waitUntil("chain verified", () -> find("#audit-chain-headline") instanceof Labeled l && l.getText().startsWith("Intact"));
        settle();
        shot(out.resolve("admin-audit.png"));

        var db = clinic.database();
        long victim = db.dsl().resultQuery("select min(id) + 3 from audit_entry").fetchOne(0, Long.class);
        db.dsl().transaction(cfg -> {
            cfg.dsl().execute("set local session_replication_role = replica");
            cfg.dsl().query("update audit_entry set detail = 'edited by hand' where id = " + victim).execute();
        });
        press("#audit-verify");
        waitUntil("chain broken", () -> find("#audit-chain-headline") instanceof Labeled l && l.getText().contains("tampered"));
        settle();
        shot(out.resolve("admin-audit-tampered.png"));

        press("#sign-out");
        waitUntil("sign-in screen", () -> find("#forgot-password-link") != null);
        fx(() -> {
            ((TextInputControl) find("#username")).setText("m.lopez");
            return null;
        });
        press("#forgot-password-link");
        waitUntil("forgot form", () -> find("#forgot-send") != null);
        press("#forgot-send");
        waitUntil("code form", () -> find("#forgot-code") instanceof Node n && n.isVisible());
        fx(() -> {
            ((TextInputControl) find("#forgot-code")).setText("48120375");
            ((TextInputControl) find("#forgot-new-password")).setText("short");
            ((TextInputControl) find("#forgot-repeat-password")).setText("short");
            return null;
        });
        press("#forgot-reset");
        settle();
        shot(out.resolve("forgot-password.png"));

        // The Security sheet from a doctor's header: the overview, setting up the app, the recovery codes.
        fx(() -> {
            shell.signOut();
            return null;
        });
        signIn("a.okafor", PASSWORD);
        press("#open-security");
        waitUntil("security status", () -> find("#security-status") instanceof Labeled l && !l.getText().isEmpty());
        settle();
        shot(out.resolve("security.png"));
        press("#security-enrol");
        waitUntil("new secret", () -> find("#security-secret") instanceof TextInputControl t && !t.getText().isEmpty());
        String base32 = ((TextInputControl) find("#security-secret")).getText();
        byte[] secret = org.bouncycastle.util.encoders.Base32.decode(base32 + "=".repeat((8 - base32.length() % 8) % 8));
        fx(() -> {
            ((TextInputControl) find("#security-code")).setText(
                    org.medconnect.server.auth.Totp.standard().codeAt(secret, java.time.Instant.now()));
            return null;
        });
        settle();
        shot(out.resolve("security-enrol.png"));
        press("#security-confirm");
        waitUntil("recovery codes", () -> find("#security-recovery-codes") != null);
        settle();
        shot(out.resolve("security-recovery-codes.png"));
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
