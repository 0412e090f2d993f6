package org.medconnect.desktop.billing;

import org.medconnect.desktop.platform.PdfPages;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;

/** An invoice or receipt PDF shown inline: its pages (rendered by {@link PdfPages}) one under another. */
final class PdfPane extends ScrollPane {

    private final VBox pages = new VBox(10);

    PdfPane(String id) {
        setId(id);
        getStyleClass().add("pdf-pane");
        pages.getStyleClass().add("pdf-pages");
        setContent(pages);
        setFitToWidth(true);
        show(null);
    }

    void show(PdfPages pdf) {
        pages.getChildren().clear();
        if (pdf == null) {
            Label none = new Label("The invoice and receipts show here once issued.");
            none.getStyleClass().add("text-muted");
            pages.getChildren().add(none);
            return;
        }
        for (int i = 0; i < pdf.pageCount(); i++) {
            int w = pdf.widths().get(i);
            int h = pdf.heights().get(i);
            WritableImage image = new WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pdf.pixels().get(i), 0, w);
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.fitWidthProperty().bind(widthProperty().subtract(44));
            view.getStyleClass().add("pdf-page");
            view.setId("pdf-page-" + (i + 1));
            pages.getChildren().add(view);
        }
        setVvalue(0);
    }

    /** The page images, for printing. */
    java.util.List<ImageView> pageViews() {
        return pages.getChildren().stream().filter(ImageView.class::isInstance).map(ImageView.class::cast).toList();
    }
}
