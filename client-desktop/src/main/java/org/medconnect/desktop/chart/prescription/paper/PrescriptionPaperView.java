package org.medconnect.desktop.chart.prescription.paper;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The printed prescription as the server archived it: its pages (rendered by PDFBox) one under
 * another, its SHA-256, "Save copy..." to keep the exact bytes, and Close (Esc).
 */
public final class PrescriptionPaperView extends VBox {

    private final PrescriptionPaper paper;
    private Runnable close = () -> { };
    private Consumer<Path> save = file -> { };

    public PrescriptionPaperView(PrescriptionPaper paper) {
        this.paper = paper;
        setId("rx-paper-view");
        getStyleClass().add("rx-paper-view");
        Label title = new Label("Prescription \u2014 " + paper.fileName());
        title.getStyleClass().add(Styles.TITLE_4);
        Label sha = new Label("SHA-256 " + paper.sha256());
        sha.setId("rx-paper-sha");
        sha.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        sha.setWrapText(true);

        VBox pages = new VBox(10);
        pages.getStyleClass().add("rx-paper-pages");
        pages.setAlignment(Pos.TOP_CENTER);
        ScrollPane scroll = new ScrollPane(pages);
        scroll.setId("rx-paper-pages");
        scroll.setFitToWidth(true);
        for (int i = 0; i < paper.pageCount(); i++) {
            int w = paper.pages().widths().get(i);
            int h = paper.pages().heights().get(i);
            WritableImage image = new WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), paper.pages().pixels().get(i), 0, w);
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setFitWidth(Math.min(w, 780));
            view.getStyleClass().add("rx-paper-page");
            view.setId("rx-paper-page-" + (i + 1));
            pages.getChildren().add(view);
        }
        Label count = new Label(paper.pageCount() == 1 ? "1 page" : paper.pageCount() + " pages");
        count.getStyleClass().add(Styles.TEXT_MUTED);

        Button saveCopy = new Button("_Save copy\u2026");
        saveCopy.setId("rx-paper-save");
        saveCopy.setOnAction(e -> chooseFile());
        Button closeButton = new Button("Close");
        closeButton.setId("rx-paper-close");
        closeButton.setCancelButton(true);
        closeButton.setDefaultButton(true);
        closeButton.setOnAction(e -> close.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, count, spacer, saveCopy, closeButton);
        actions.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(title, sha, scroll, actions);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(16));
        setPrefSize(860, 690);
    }

    /** What Close (or Esc) does: the page closes its overlay, the editor its window. */
    public void onClose(Runnable action) {
        this.close = action;
    }

    /** Where "Save copy..." writes the archived bytes. */
    public void onSave(Consumer<Path> action) {
        this.save = action;
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save a copy of the prescription");
        chooser.setInitialFileName(paper.fileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            save.accept(file.toPath());
        }
    }
}
