package org.medconnect.desktop.billing;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;

/**
 * The credit note dialog over an issued invoice: tick lines and say how much of each, or type an
 * amount off the whole invoice; a reason; the credit note's total before it is issued. Enter issues,
 * Esc cancels.
 */
public final class CreditNoteView {

    private final VBox card;

    public CreditNoteView(CreditNoteViewModel model, Runnable onCancel) {
        var invoice = model.invoice();
        Label title = Widgets.title("Credit note for " + invoice.getNumber(), "credit-title");
        Label who = new Label(invoice.getPatientName() + " · invoiced " + BillingText.money(invoice.getTotal())
                + " · left to credit " + BillingText.money(model.creditableMinor(), model.currency()));
        who.getStyleClass().add(Styles.TEXT_MUTED);

        ToggleGroup how = new ToggleGroup();
        RadioButton byLines = new RadioButton("Lines and quantities");
        byLines.setId("credit-mode-lines");
        byLines.setToggleGroup(how);
        RadioButton byAmount = new RadioButton("An amount off the invoice");
        byAmount.setId("credit-mode-amount");
        byAmount.setToggleGroup(how);
        how.selectToggle(model.modeProperty().get() == CreditNoteViewModel.Mode.AMOUNT ? byAmount : byLines);
        how.selectedToggleProperty().addListener((o, a, b) -> model.modeProperty().set(b == byAmount
                ? CreditNoteViewModel.Mode.AMOUNT : CreditNoteViewModel.Mode.LINES));
        HBox modes = new HBox(18, byLines, byAmount);

        GridPane lines = new GridPane();
        lines.setId("credit-lines");
        lines.getStyleClass().add("credit-lines");
        lines.setHgap(10);
        lines.setVgap(6);
        ColumnConstraints what = new ColumnConstraints(200, 300, Double.MAX_VALUE);
        what.setHgrow(Priority.ALWAYS);
        lines.getColumnConstraints().addAll(what, new ColumnConstraints(70), new ColumnConstraints(180));
        Label h1 = new Label("Line");
        Label h2 = new Label("Credit qty");
        Label h3 = new Label("Left to credit");
        for (Label h : new Label[] {h1, h2, h3}) {
            h.getStyleClass().add(Styles.TEXT_MUTED);
        }
        lines.addRow(0, h1, h2, h3);
        int row = 1;
        for (CreditNoteViewModel.Row r : model.rows()) {
            CheckBox pick = new CheckBox(r.line().getPosition() + ". " + r.line().getDescription());
            pick.setId("credit-line-" + r.line().getPosition());
            pick.setMnemonicParsing(false);
            pick.setMaxWidth(Double.MAX_VALUE);
            pick.selectedProperty().bindBidirectional(r.chosenProperty());
            TextField qty = Widgets.field("credit-qty-" + r.line().getPosition(), r.quantityProperty(), "Qty");
            qty.setPrefWidth(70);
            qty.disableProperty().bind(r.chosenProperty().not());
            Label left = new Label(r.leftText(model.currency()));
            left.getStyleClass().add(Styles.TEXT_MUTED);
            lines.addRow(row++, pick, qty, left);
        }
        if (model.rows().isEmpty()) {
            lines.addRow(1, new Label("Nothing is left to credit on this invoice."));
        }
        ScrollPane linesScroll = new ScrollPane(lines);
        linesScroll.setFitToWidth(true);
        linesScroll.setPrefViewportHeight(180);
        linesScroll.getStyleClass().add("credit-lines-scroll");
        var linesMode = model.modeProperty().isEqualTo(CreditNoteViewModel.Mode.LINES);
        linesScroll.visibleProperty().bind(linesMode);
        linesScroll.managedProperty().bind(linesMode);

        TextField amount = Widgets.field("credit-amount", model.amountProperty(), "Amount, tax included");
        amount.setPrefWidth(160);
        Label amountHint = new Label("Spread over the lines in proportion to what is left on each; tax follows each line's rate.");
        amountHint.getStyleClass().add(Styles.TEXT_MUTED);
        amountHint.setWrapText(true);
        VBox amountBox = new VBox(6, amount, amountHint);
        amountBox.visibleProperty().bind(linesMode.not());
        amountBox.managedProperty().bind(linesMode.not());

        TextField reason = Widgets.field("credit-reason", model.reasonProperty(), "Reason (printed on the credit note)");
        Label preview = new Label();
        preview.setId("credit-preview");
        preview.getStyleClass().add(Styles.TEXT_BOLD);
        preview.textProperty().bind(model.previewProperty());
        preview.setWrapText(true);

        Button cancel = new Button("Cancel");
        cancel.setId("credit-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        Button issue = new Button("_Issue credit note");
        issue.setId("credit-issue");
        issue.getStyleClass().add(Styles.DANGER);
        issue.setDefaultButton(true);
        issue.disableProperty().bind(model.readyProperty().not().or(model.busyProperty()));
        issue.setOnAction(e -> model.issue());

        card = new VBox(12, title, who, modes, linesScroll, amountBox, new Label("Reason"), reason, preview,
                Widgets.actions(model.busyProperty(), Widgets.problem(model.messageProperty(), "credit-message"), cancel, issue));
        card.setId("credit-note-dialog");
        card.setPadding(new Insets(22, 24, 20, 24));
        card.setPrefWidth(640);
        card.setMaxHeight(600);
        modes.setAlignment(Pos.CENTER_LEFT);
        Platform.runLater(byLines::requestFocus);
    }

    public VBox card() {
        return card;
    }
}
