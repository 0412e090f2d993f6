package org.medconnect.desktop.chart.allergy;

import java.util.Set;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Widgets;
import org.medconnect.proto.common.v1.Role;

/** The chart's "Allergies" page: doctors and nurses; refreshed live when allergies change anywhere. */
public final class AllergiesPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;

    public AllergiesPage(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    @Override
    public String title() {
        return "Allergies";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR || role == Role.ROLE_NURSE;
    }

    @Override
    public Node create(ChartContext chart) {
        AllergiesViewModel model = new AllergiesViewModel(connection, calls, chart.patientId());
        chart.onChange(Set.of("ALLERGY", "ALLERGY_REVIEW"), model::load);
        model.load();
        VBox page = new VBox(12, Widgets.title("Allergies and intolerances", "allergies-title"), new AllergiesView(model, false).build());
        page.getStyleClass().add("chart-page");
        return page;
    }
}
