package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.patient.PatientPickerView;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The booking sheet: patient on the left, slot finder and reason on the right, Book at the bottom. */
public final class BookingView {

    private final VBox card;

    public BookingView(BookingViewModel model, Runnable onCancel) {
        PatientPickerView picker = new PatientPickerView(model.patient());
        VBox patientSide = new VBox(8, Widgets.section("1  Patient"), picker.node());
        VBox.setVgrow(picker.node(), Priority.ALWAYS);
        patientSide.setPrefWidth(370);
        patientSide.setMinWidth(340);

        SlotFinderView finder = new SlotFinderView(model.slots(), false);
        TextArea reason = new TextArea();
        reason.setId("booking-reason");
        reason.setPromptText("Reason for the visit or symptoms, as the patient says it (optional)");
        reason.setPrefRowCount(2);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        // Tab leaves the text area (it would type a tab character); Ctrl+Enter books from inside it.
        reason.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                reason.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(), e.getText(),
                        e.getCode(), e.isShiftDown(), true, e.isAltDown(), e.isMetaDown()));
            } else if (e.getCode() == KeyCode.ENTER && e.isControlDown()) {
                e.consume();
                model.book();
            }
        });
        Label reasonLabel = new Label("_Reason / symptoms");
        reasonLabel.setMnemonicParsing(true);
        reasonLabel.setLabelFor(reason);
        VBox slotSide = new VBox(8, Widgets.section("2  Slot"), finder.node(), reasonLabel, reason,
                Widgets.problem(model.reasonErrorProperty(), "booking-reason-error"));
        VBox.setVgrow(finder.node(), Priority.ALWAYS);
        HBox.setHgrow(slotSide, Priority.ALWAYS);
        slotSide.setPrefWidth(640);

        HBox columns = new HBox(16, patientSide, new Separator(Orientation.VERTICAL), slotSide);
        VBox.setVgrow(columns, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("booking-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            var who = model.patient().selectedProperty().get();
            var slot = model.slots().selectedProperty().get();
            if (who == null && slot == null) {
                return "Choose the patient and a free slot.";
            }
            return (who == null ? "No patient yet" : PatientPickerView.name(who)) + " — "
                    + (slot == null ? "no slot yet" : model.slots().describe(slot));
        }, model.patient().selectedProperty(), model.slots().selectedProperty()));

        Button cancel = new Button("Cancel");
        cancel.setId("booking-cancel");
        cancel.setCancelButton(true);
        cancel.setTooltip(new Tooltip("Close without booking (Esc)"));
        cancel.setOnAction(e -> onCancel.run());
        Button book = new Button("_Book");
        book.setId("booking-book");
        book.setOnAction(e -> model.book());
        book.disableProperty().bind(model.readyBinding().not());
        book.setTooltip(new Tooltip("Book the chosen slot (Ctrl+Enter)"));
        Label keys = Widgets.keyHint("booking-keys",
                "Tab next field · arrows between times · Space chooses a time · Ctrl+Enter books · Esc cancels");

        card = new VBox(12, Widgets.title("New booking", "booking-title"), columns,
                Widgets.problem(model.messageProperty(), "booking-message"), keys,
                Widgets.actions(model.busyProperty(), summary, cancel, book));
        // Ctrl+Enter books from any field of the sheet, not only from the reason.
        card.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                model.book();
            }
        });
        card.setId("booking-sheet");
        card.setPadding(new Insets(20, 24, 20, 24));
        card.setPrefSize(1090, 640);
        Platform.runLater(() -> {
            if (model.patient().selectedProperty().get() == null) {
                picker.focus();
            } else {
                finder.focusFirst();
            }
        });
    }

    public VBox card() {
        return card;
    }
}
