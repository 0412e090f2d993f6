package org.medconnect.desktop.chart.document;

import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.proto.chart.v1.Document;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.proto.chart.v1.DocumentStatus;

/** The chart's Documents page: the list and upload on the left, the open document on the right. */
public final class DocumentsView extends SplitPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final DocumentsViewModel model;

    public DocumentsView(DocumentsViewModel model) {
        this.model = model;
        setId("chart-documents");
        getStyleClass().add("chart-documents");
        getItems().addAll(left(), right());
        setDividerPositions(0.45);
    }

    private VBox left() {
        ComboBox<DocumentCategory> category = new ComboBox<>();
        category.setId("document-category");
        category.getItems().addAll(DocumentCategory.DOCUMENT_CATEGORY_LAB_REPORT, DocumentCategory.DOCUMENT_CATEGORY_IMAGING,
                DocumentCategory.DOCUMENT_CATEGORY_CONSENT, DocumentCategory.DOCUMENT_CATEGORY_LETTER, DocumentCategory.DOCUMENT_CATEGORY_OTHER);
        category.setConverter(new StringConverter<>() {
            @Override
            public String toString(DocumentCategory c) {
                return c == null ? "" : label(c);
            }

            @Override
            public DocumentCategory fromString(String s) {
                return null;
            }
        });
        category.valueProperty().bindBidirectional(model.categoryProperty());
        category.setAccessibleText("Category");

        TextField title = new TextField();
        title.setId("document-title");
        title.setPromptText("Title, e.g. Full blood count");
        title.textProperty().bindBidirectional(model.titleProperty());
        HBox.setHgrow(title, Priority.ALWAYS);

        Button upload = new Button("Upload file\u2026");
        upload.setId("document-upload");
        upload.setDefaultButton(false);
        upload.disableProperty().bind(model.uploadingProperty());
        upload.setOnAction(e -> chooseAndUpload());

        Button cancel = new Button("Cancel");
        cancel.setId("document-upload-cancel");
        cancel.visibleProperty().bind(model.uploadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelUpload());

        ProgressBar progress = new ProgressBar();
        progress.setId("document-upload-progress");
        progress.progressProperty().bind(model.uploadProgressProperty());
        progress.visibleProperty().bind(model.uploadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setMaxWidth(Double.MAX_VALUE);

        HBox form = new HBox(6, category, title);
        form.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(6, upload, cancel, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);

        Label error = new Label();
        error.setId("document-error");
        error.getStyleClass().add("document-error");
        error.textProperty().bind(model.errorProperty());
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label status = new Label();
        status.setId("document-status");
        status.getStyleClass().add("document-status");
        status.textProperty().bind(model.statusProperty());

        TableView<Document> table = new TableView<>(model.documents());
        table.setId("document-list");
        table.getStyleClass().add("document-list");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No documents in this chart yet."));
        TableColumn<Document, String> titleCol = column("Title", d -> d.getTitle()
                + (d.getStatus() == DocumentStatus.DOCUMENT_STATUS_ENTERED_IN_ERROR ? " (entered in error)" : ""));
        titleCol.setPrefWidth(190);
        titleCol.setMinWidth(110);
        TableColumn<Document, String> kindCol = column("Category", d -> label(d.getCategory()));
        kindCol.setPrefWidth(100);
        kindCol.setMinWidth(100);
        TableColumn<Document, String> dateCol = column("Filed", d -> when(d));
        dateCol.setPrefWidth(150);
        dateCol.setMinWidth(150);
        TableColumn<Document, String> byCol = column("By", Document::getUploadedByName);
        byCol.setMinWidth(140);
        table.getColumns().addAll(titleCol, kindCol, dateCol, byCol);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Document d, boolean empty) {
                super.updateItem(d, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("withdrawn"),
                        !empty && d != null && d.getStatus() == DocumentStatus.DOCUMENT_STATUS_ENTERED_IN_ERROR);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != model.openProperty().get()) {
                model.openDocument(now);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox box = new VBox(8, form, actions, error, status, table);
        box.getStyleClass().add("document-side");
        return box;
    }

    private VBox right() {
        Label name = new Label();
        name.setId("document-open-title");
        name.getStyleClass().add("document-open-title");
        name.textProperty().bind(Bindings.createStringBinding(() -> {
            Document d = model.openProperty().get();
            return d == null ? "" : d.getTitle();
        }, model.openProperty()));
        name.setMinWidth(0);

        Button previous = new Button("\u2039 Previous");
        previous.setId("document-page-previous");
        previous.disableProperty().bind(model.pageIndexProperty().isEqualTo(0).or(model.renderingProperty()));
        previous.setOnAction(e -> model.previousPage());
        Label page = new Label();
        page.setId("document-page");
        page.setMinWidth(Region.USE_PREF_SIZE);
        page.textProperty().bind(model.pageTextProperty());
        Button next = new Button("Next \u203a");
        next.setId("document-page-next");
        next.disableProperty().bind(model.pageIndexProperty().add(1).greaterThanOrEqualTo(model.pageCountProperty())
                .or(model.renderingProperty()));
        next.setOnAction(e -> model.nextPage());

        Button zoomOut = new Button("\u2212");
        zoomOut.setId("document-zoom-out");
        zoomOut.setTooltip(new Tooltip("Zoom out (Ctrl+-)"));
        zoomOut.disableProperty().bind(model.zoomStepProperty().isEqualTo(0).or(model.openProperty().isNull()));
        zoomOut.setOnAction(e -> model.zoomOut());
        Label zoom = new Label();
        zoom.setId("document-zoom");
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(DocumentsViewModel.ZOOMS[model.zoomStepProperty().get()] * 100) + "%", model.zoomStepProperty()));
        Button zoomIn = new Button("+");
        zoomIn.setId("document-zoom-in");
        zoomIn.setTooltip(new Tooltip("Zoom in (Ctrl++)"));
        zoomIn.disableProperty().bind(model.zoomStepProperty().isEqualTo(DocumentsViewModel.ZOOMS.length - 1)
                .or(model.openProperty().isNull()));
        zoomIn.setOnAction(e -> model.zoomIn());

        Button save = new Button("Save a copy\u2026");
        save.setId("document-save");
        save.disableProperty().bind(model.pageProperty().isNull());
        save.setOnAction(e -> saveCopy());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Button b : new Button[] {previous, next, zoomOut, zoomIn, save}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(6, name, spacer, previous, page, next, zoomOut, zoom, zoomIn, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("document-viewer-bar");

        ImageView image = new ImageView();
        image.setId("document-page-image");
        image.getStyleClass().add("document-page-image");
        model.pageProperty().addListener((o, was, now) -> image.setImage(now == null ? null : image(now)));
        image.setPreserveRatio(true);
        Label empty = new Label();
        empty.getStyleClass().add("document-empty");
        empty.textProperty().bind(Bindings.createStringBinding(() -> model.renderingProperty().get() ? "Opening\u2026"
                : model.openProperty().get() == null ? "Choose a document to read it here." : "", model.renderingProperty(), model.openProperty()));
        empty.visibleProperty().bind(model.pageProperty().isNull());
        StackPane canvas = new StackPane(image, empty);
        canvas.getStyleClass().add("document-canvas");
        ScrollPane scroll = new ScrollPane(canvas);
        scroll.setId("document-viewer");
        scroll.getStyleClass().add("document-viewer");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setPannable(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        VBox box = new VBox(8, bar, scroll);
        box.getStyleClass().add("document-reader");
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.PAGE_DOWN) {
                model.nextPage();
            } else if (e.getCode() == KeyCode.PAGE_UP) {
                model.previousPage();
            } else if (e.isShortcutDown() && (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD)) {
                model.zoomIn();
            } else if (e.isShortcutDown() && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
                model.zoomOut();
            }
        });
        return box;
    }

    private static WritableImage image(DocumentsViewModel.Page page) {
        WritableImage image = new WritableImage(page.width(), page.height());
        image.getPixelWriter().setPixels(0, 0, page.width(), page.height(), PixelFormat.getIntArgbInstance(), page.pixels(), 0, page.width());
        return image;
    }

    private void chooseAndUpload() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Upload a document");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF, PNG or JPEG", "*.pdf", "*.png", "*.jpg", "*.jpeg"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            model.fileChosen(file.toPath());
            model.upload(file.toPath());
        }
    }

    private void saveCopy() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save a copy");
        chooser.setInitialFileName(model.suggestedFileName());
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.saveCopy(file.toPath());
        }
    }

    private static TableColumn<Document, String> column(String title, java.util.function.Function<Document, String> value) {
        TableColumn<Document, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    static String label(DocumentCategory c) {
        return switch (c) {
            case DOCUMENT_CATEGORY_LAB_REPORT -> "Lab report";
            case DOCUMENT_CATEGORY_IMAGING -> "Imaging";
            case DOCUMENT_CATEGORY_CONSENT -> "Consent form";
            case DOCUMENT_CATEGORY_LETTER -> "Letter";
            default -> "Other";
        };
    }

    private static String when(Document d) {
        var at = Instant.ofEpochSecond(d.getUploadedAt().getSeconds()).atZone(ZoneId.systemDefault());
        return ClinicDates.format(at.toLocalDate()) + " " + TIME.format(at);
    }
}
