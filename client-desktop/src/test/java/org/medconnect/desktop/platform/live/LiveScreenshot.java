package org.medconnect.desktop.platform.live;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.MedConnectApp;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.testing.FakeFrontDesk;
import org.medconnect.server.testing.MutableClock;

/**
 * Pictures of the connection indicator on the day board in a real window: Live, Reconnecting (the
 * server stopped) and Offline (30 s later), each with its tooltip open. Run under Xvfb at 1366x768
 * with the class path screenshots.sh builds:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp … org.medconnect.desktop.platform.live.LiveScreenshot docs/screenshots}.
 * The whole screen is captured with ImageMagick's {@code import}, so the tooltip (a popup window) shows.
 */
public final class LiveScreenshot {

    private static final ZoneId ZONE = java.time.ZoneOffset.UTC; // the zone MutableClock keeps
    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        LocalDate today = LocalDate.now(ZONE);
        MutableClock clock = new MutableClock(today.atTime(9, 40).atZone(ZONE).toInstant());
        try (FakeFrontDesk clinic = new FakeFrontDesk(ZONE, today)) {
            clinic.booked("a1", "Ada Obi", true, "09:00", 30);
            clinic.booked("a2", "Ben Ode", true, "09:30", 30);
            clinic.booked("a3", "Chiara Rossi", true, "10:30", 45);
            clinic.booked("a4", "David Mensah", true, "11:30", 30);
            clinic.booked("a5", "Elif Yilmaz", false, "09:00", 30);
            clinic.booked("a6", "Farid Haddad", false, "10:00", 30);
            clinic.booked("a7", "Grete Hansen", false, "11:00", 60);
            clinic.checkIn("a1");
            Platform.startup(() -> { });
            new LiveScreenshot().run(clinic, clock, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void run(FakeFrontDesk clinic, MutableClock clock, Path out) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "live-shot-home-");
        DesktopShell[] shell = new DesktopShell[1];
        fx(() -> {
            stage = new Stage();
            shell[0] = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.of(clinic.address()), clock, "FRONT-DESK-1");
            MedConnectApp.show(stage, shell[0]);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366);
            stage.setHeight(768);
            return null;
        });
        waitUntil("sign-in", () -> find("#sign-in") != null);
        fx(() -> {
            ((TextInputControl) find("#username")).setText(FakeFrontDesk.RECEPTIONIST);
            ((TextInputControl) find("#password")).setText(FakeFrontDesk.PASSWORD);
            ((ButtonBase) find("#sign-in")).fire();
            return null;
        });
        waitUntil("Live", () -> "Live".equals(text("#live-state")));
        waitUntil("blocks", () -> fxQuiet(() -> stage.getScene().getRoot().lookupAll(".board-block").size()) >= 7);
        clinic.checkIn("a2");
        settle();
        capture(out.resolve("live-indicator-live.png"));

        clinic.server().stop();
        waitUntil("Reconnecting", () -> "Reconnecting…".equals(text("#live-state")));
        capture(out.resolve("live-indicator-reconnecting.png"));

        clock.advance(Duration.ofSeconds(35));
        waitUntil("Offline", () -> "Offline".equals(text("#live-state")));
        capture(out.resolve("live-indicator-offline.png"));

        clinic.checkIn("a5");
        clinic.server().restart();
        fx(() -> {
            shell[0].feed().orElseThrow().reconnectNow();
            return null;
        });
        waitUntil("Live again", () -> "Live".equals(text("#live-state")));
        capture(out.resolve("live-indicator-caught-up.png"));
        fx(() -> {
            shell[0].close();
            stage.close();
            return null;
        });
    }

    /** Opens the indicator's tooltip, lets it paint, captures the screen, closes the tooltip. */
    private void capture(Path file) throws Exception {
        settle();
        fx(() -> {
            Node indicator = find("#live-indicator");
            Tooltip tip = (Tooltip) indicator.getProperties().get("javafx.scene.control.Tooltip");
            Bounds b = indicator.localToScreen(indicator.getBoundsInLocal());
            tip.show(indicator, b.getMinX(), b.getMaxY() + 6);
            return null;
        });
        Thread.sleep(700);
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            snapshot(file); // no X server to read: the scene alone
        }
        fx(() -> {
            ((Tooltip) find("#live-indicator").getProperties().get("javafx.scene.control.Tooltip")).hide();
            return null;
        });
        System.out.println("Saved " + file);
    }

    private void snapshot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
    }

    private String text(String query) {
        return fxQuiet(() -> find(query) instanceof Labeled l ? l.getText() : "");
    }

    private Node find(String query) {
        return stage.getScene() == null ? null : stage.getScene().getRoot().lookup(query);
    }

    private static <T> T fxQuiet(Callable<T> work) {
        try {
            return fx(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
