package org.medconnect.desktop.chart.document;

import javafx.scene.Node;
import java.util.Set;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The chart's "Documents" page: lab reports, imaging, consent scans and letters, read inline. Doctors only. */
public final class DocumentsPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;

    public DocumentsPage(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    @Override
    public String title() {
        return "Documents";
    }

    @Override
    public boolean visibleTo(Role role) {
        // Reception files consent scans from the patient's consent records, not from this page.
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        DocumentsViewModel model = new DocumentsViewModel(connection, calls, chart.patientId());
        chart.onChange(Set.of("DOCUMENT"), model::refresh);
        model.refresh();
        return new DocumentsView(model);
    }
}
