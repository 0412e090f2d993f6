package org.medconnect.desktop.chart.vitals;

import java.time.ZoneId;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.chart.allergy.AllergiesView;
import org.medconnect.desktop.platform.Widgets;

/** The compact triage form (vitals, then allergies) that the nurse workspace shows beside its queue. */
public final class TriageView {

    private final TriageViewModel model;
    private final String patientName;
    private final ZoneId zone;

    public TriageView(TriageViewModel model, String patientName, ZoneId zone) {
        this.model = model;
        this.patientName = patientName;
        this.zone = zone;
    }

    public Node build() {
        Label title = Widgets.title("Triage \u00b7 " + patientName, "triage-title");
        Node trend = new VitalsTrendView(model.trend(), zone).build();
        VBox entry = new VBox(10, Widgets.section("Vitals"), new VitalsFormView(model.vitals()).build(),
                new Separator(), Widgets.section("Allergies"), new AllergiesView(model.allergies(), true).build());
        // The allergy search needs room: the form scrolls rather than squeezing the allergy list.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(entry);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinWidth(660);
        scroll.setPrefWidth(660);
        HBox.setHgrow(trend, Priority.ALWAYS);
        HBox columns = new HBox(14, scroll, trend);
        VBox.setVgrow(columns, Priority.ALWAYS);
        VBox box = new VBox(10, title, columns);
        box.setId("triage");
        box.getStyleClass().add("chart-triage");
        return box;
    }
}
