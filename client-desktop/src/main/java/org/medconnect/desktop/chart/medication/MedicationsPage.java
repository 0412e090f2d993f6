package org.medconnect.desktop.chart.medication;

import java.time.Clock;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The "Medications" chart page: doctors only (the server refuses everyone else anyway). */
public final class MedicationsPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;

    public MedicationsPage(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Medications";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        MedicationsViewModel model = new MedicationsViewModel(connection, calls, clock, chart.patientId());
        chart.onChange(Set.of("MEDICATION"), model::load);
        model.load();
        return new MedicationsView(model);
    }
}
