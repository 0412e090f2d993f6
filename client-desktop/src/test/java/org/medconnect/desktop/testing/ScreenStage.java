package org.medconnect.desktop.testing;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.Theme;

/** One 1366 x 768 window for screenshot tours: show a screen, then save what it painted as a PNG. */
public final class ScreenStage {

    private Stage stage;

    /** Shows {@code root} (call from any thread; runs on the FX thread). */
    public void show(java.util.concurrent.Callable<Parent> root) throws Exception {
        ScreenshotSteps.fx(() -> {
            Parent node = root.call();
            if (stage == null) {
                stage = new Stage();
                Scene scene = new Scene(node, 1366, 768);
                Theme.apply(scene);
                stage.setScene(scene);
                stage.setX(0);
                stage.setY(0);
                stage.show();
            } else {
                stage.getScene().setRoot(node);
            }
            return null;
        });
    }

    public Scene scene() {
        return stage.getScene();
    }

    public void shot(Path file) throws Exception {
        WritableImage image = ScreenshotSteps.fx(() -> stage.getScene().snapshot(null));
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
