package org.medconnect.desktop.chart.vitals;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.shared.chart.VitalSigns.Vital;

/** The vitals entry form: label, field, unit and a live flag or warning per vital; Enter saves. */
public final class VitalsFormView {

    private final VitalsFormViewModel model;

    public VitalsFormView(VitalsFormViewModel model) {
        this.model = model;
    }

    public Node build() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("vitals-form");
        Vital[][] layout = {
                {Vital.SYSTOLIC}, {Vital.DIASTOLIC}, {Vital.HEART_RATE}, {Vital.RESPIRATORY_RATE},
                {Vital.TEMPERATURE}, {Vital.OXYGEN_SATURATION}, {Vital.BODY_WEIGHT}, {Vital.BODY_HEIGHT}};
        for (int row = 0; row < layout.length; row++) {
            for (int col = 0; col < 1; col++) {
                Vital v = layout[row][col];
                Label label = new Label(label(v));
                Label unit = new Label(v.unitLabel());
                unit.getStyleClass().add("vital-unit");
                TextField field = Widgets.field("vital-" + v.name().toLowerCase().replace('_', '-'), model.text(v), "");
                field.setPrefColumnCount(5);
                field.setMinWidth(80);
                label.setMinWidth(100);
                unit.setMinWidth(55);
                field.setOnAction(e -> model.save());
                label.setLabelFor(field);
                Label flag = new Label();
                flag.setId("vital-flag-" + v.name().toLowerCase().replace('_', '-'));
                flag.textProperty().bind(javafx.beans.binding.Bindings.when(model.hint(v).isEmpty()).then(model.flag(v))
                        .otherwise(model.hint(v)));
                flag.getStyleClass().add("vital-flag");
                javafx.css.PseudoClass implausible = javafx.css.PseudoClass.getPseudoClass("implausible");
                flag.pseudoClassStateChanged(implausible, !model.hint(v).get().isEmpty());
                model.hint(v).addListener((o, was, now) -> flag.pseudoClassStateChanged(implausible, !now.isEmpty()));
                flag.setWrapText(true);
                flag.setMaxWidth(380);
                flag.setMinWidth(300);
                grid.add(label, col * 4, row);
                grid.add(field, col * 4 + 1, row);
                grid.add(unit, col * 4 + 2, row);
                grid.add(flag, col * 4 + 3, row);
            }
        }
        Label bmiLabel = new Label("BMI");
        Label bmi = new Label();
        bmi.setId("vital-bmi");
        bmi.textProperty().bind(model.bmiProperty().map(b -> b.isEmpty() ? "from weight and height" : b));
        grid.add(bmiLabel, 0, layout.length);
        grid.add(bmi, 1, layout.length, 3, 1);

        Button save = new Button("Record vitals");
        save.setId("vitals-save");
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(model.busyProperty());
        save.getStyleClass().add("accent");
        HBox actions = new HBox(8, save, Widgets.notice(model.noticeProperty(), "vitals-notice"));
        actions.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, grid, Widgets.problem(model.problemProperty(), "vitals-problem"), actions);
    }

    static String label(Vital v) {
        return switch (v) {
            case SYSTOLIC -> "Systolic";
            case DIASTOLIC -> "Diastolic";
            case HEART_RATE -> "Pulse";
            case TEMPERATURE -> "Temperature";
            case RESPIRATORY_RATE -> "Resp. rate";
            case OXYGEN_SATURATION -> "SpO2";
            case BODY_WEIGHT -> "Weight";
            case BODY_HEIGHT -> "Height";
            case BMI -> "BMI";
        };
    }
}
