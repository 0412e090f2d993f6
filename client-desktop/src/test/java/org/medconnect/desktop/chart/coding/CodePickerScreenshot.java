package org.medconnect.desktop.chart.coding;

import static org.medconnect.desktop.testing.ScreenshotSteps.fx;
import static org.medconnect.desktop.testing.ScreenshotSteps.settle;
import static org.medconnect.desktop.testing.ScreenshotSteps.waitUntil;

import atlantafx.base.theme.Styles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.DrugEntry;
import org.medconnect.server.chart.coding.Icd10Catalogue;

/**
 * The code picker at 1366x768 over the real shipped lists (the server's catalogues, in process):
 * a problem being coded ("asthma mild") and an allergy substance already chosen.
 * Run under Xvfb: {@code xvfb-run -a -s "-screen 0 1366x768x24" java -cp ... CodePickerScreenshot docs/screenshots}.
 */
public final class CodePickerScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Platform.startup(() -> { });
        try {
            run(out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    static void run(Path out) throws Exception {
        Icd10Catalogue icd = Icd10Catalogue.load();
        drugs = DrugCatalogue.load();
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(() -> "localhost", ZoneOffset.UTC), new SessionState());
        CodePickerViewModel diagnosis = new CodePickerViewModel(calls, (q, limit) -> icd.search(q, limit).stream()
                .map(c -> new CodeChoice(c.code(), c.title(), c.code(), false)).toList(), "diagnosis", true);
        CodePickerViewModel substance = new CodePickerViewModel(calls, (q, limit) -> drugs.search(q, limit).stream()
                .map(CodePickerScreenshot::choice).toList(), "substance", true);

        Stage stage = fx(() -> {
            Stage s = new Stage();
            VBox left = panel("Add problem", "Diagnosis (ICD-10-CM)",
                    new CodePickerView(diagnosis, "Code or words, e.g. J45 or asthma mild").node());
            VBox right = panel("Record allergy", "Substance (drug or drug class)",
                    new CodePickerView(substance, "Drug or class, e.g. amoxicillin or penicillins").node());
            HBox.setHgrow(left, Priority.ALWAYS);
            HBox.setHgrow(right, Priority.ALWAYS);
            HBox root = new HBox(24, left, right);
            root.setPadding(new Insets(24));
            Scene scene = new Scene(root, 1366, 768);
            Theme.apply(scene);
            s.setScene(scene);
            s.setTitle("MedConnect: code picker");
            s.show();
            return s;
        });
        fx(() -> {
            diagnosis.queryProperty().set("asthma mild");
            diagnosis.search();
            substance.queryProperty().set("amoxi");
            substance.search();
            return null;
        });
        waitUntil("diagnosis results", () -> !diagnosis.results().isEmpty());
        waitUntil("substance results", () -> !substance.results().isEmpty());
        fx(() -> {
            substance.choose(substance.results().getFirst());
            return null;
        });
        settle();
        shot(stage, out.resolve("chart-coding-picker.png"));
    }

    static DrugCatalogue drugs;

    static CodeChoice choice(DrugEntry e) {
        if (e.kind() == DrugEntry.Kind.CLASS) {
            return new CodeChoice(e.key(), e.name(), "Drug class", false);
        }
        List<String> classes = e.classKeys().stream().map(k -> drugs.find(k).map(DrugEntry::name).orElse(k)).toList();
        return new CodeChoice(e.key(), e.name(), classes.isEmpty() ? "Ingredient" : "Ingredient · " + String.join(", ", classes), false);
    }

    static VBox panel(String title, String field, javafx.scene.Node picker) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label label = new Label(field);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(10, heading, label, picker);
        VBox.setVgrow(picker, Priority.ALWAYS);
        box.setPadding(new Insets(16));
        box.getStyleClass().add(Styles.BG_DEFAULT);
        return box;
    }

    static void shot(Stage stage, Path file) throws Exception {
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
