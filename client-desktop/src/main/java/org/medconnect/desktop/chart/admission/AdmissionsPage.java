package org.medconnect.desktop.chart.admission;

import java.time.ZoneId;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The "Admissions" page of a doctor's chart; refreshed live when any stay of the patient changes. */
public final class AdmissionsPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;

    public AdmissionsPage(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
    }

    @Override
    public String title() {
        return "Admissions";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        var model = new AdmissionsViewModel(chart.patientId(), r -> connection.admissions().listAdmissions(r), calls, zone);
        chart.onChange(Set.of("ADMISSION"), model::reload);
        model.reload();
        return new AdmissionsView(model);
    }
}
