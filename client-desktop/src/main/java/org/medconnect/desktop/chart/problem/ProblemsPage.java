package org.medconnect.desktop.chart.problem;

import java.time.Clock;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The "Problems" chart page: doctors only (the server refuses everyone else anyway). */
public final class ProblemsPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;

    public ProblemsPage(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Problems";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        ProblemsViewModel model = new ProblemsViewModel(connection, calls, clock, chart.patientId());
        chart.onChange(Set.of("PROBLEM"), model::load);
        model.load();
        return new ProblemsView(model);
    }
}
