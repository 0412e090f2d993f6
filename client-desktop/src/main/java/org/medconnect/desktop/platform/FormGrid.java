package org.medconnect.desktop.platform;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** A two-column form: label, field, and the field's error message right under it. */
public final class FormGrid {

    private final GridPane grid = new GridPane();
    private int row;

    public FormGrid(double labelWidth, double fieldWidth) {
        grid.setHgap(12);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints(labelWidth);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints(fieldWidth, fieldWidth, Double.MAX_VALUE);
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
    }

    public GridPane node() {
        return grid;
    }

    /** Adds a row; the error label gets id {@code <field id>-error} so tests and screen readers find it. */
    public Label add(String labelText, Node field, ObservableStringValue error) {
        Label label = new Label(labelText);
        label.setLabelFor(field);
        GridPane.setValignment(label, VPos.TOP);
        label.getStyleClass().add("form-label");
        Label errorLabel = new Label();
        errorLabel.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        errorLabel.setWrapText(true);
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        if (field.getId() != null) {
            errorLabel.setId(field.getId() + "-error");
        }
        if (error != null) {
            errorLabel.textProperty().bind(error);
            errorLabel.visibleProperty().bind(errorLabel.textProperty().isNotEmpty());
            errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        } else {
            errorLabel.setVisible(false);
            errorLabel.setManaged(false);
        }
        grid.add(label, 0, row);
        grid.add(field, 1, row);
        grid.add(errorLabel, 1, row + 1);
        // A small gap after each field keeps rows readable without reserving space for errors.
        GridPane.setMargin(field, new javafx.geometry.Insets(0, 0, 6, 0));
        row += 2;
        return errorLabel;
    }

    public void addFull(Node node) {
        grid.add(node, 0, row, 2, 1);
        row++;
    }
}
