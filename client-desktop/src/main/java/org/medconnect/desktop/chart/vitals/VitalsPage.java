package org.medconnect.desktop.chart.vitals;

import java.time.Clock;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The chart's "Vitals" page: trends and table, a form to record a set; refreshed live. Doctors and nurses. */
public final class VitalsPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;

    public VitalsPage(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Vitals";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR || role == Role.ROLE_NURSE;
    }

    @Override
    public Node create(ChartContext chart) {
        VitalsTrendViewModel trend = new VitalsTrendViewModel(connection, calls, chart.patientId(), clock);
        VitalsFormViewModel form = new VitalsFormViewModel(connection, calls, chart.patientId(), clock);
        form.onRecorded(s -> trend.load());
        chart.onChange(Set.of("VITALS"), trend::load);
        trend.load();
        TitledPane record = new TitledPane("Record vitals", new VitalsFormView(form).build());
        record.setId("vitals-record");
        record.setExpanded(false);
        Node body = new VitalsTrendView(trend, clock.getZone()).build();
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(8, body, record);
        page.getStyleClass().add("chart-page");
        return page;
    }
}
