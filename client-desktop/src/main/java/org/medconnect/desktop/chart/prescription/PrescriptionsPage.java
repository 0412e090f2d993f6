package org.medconnect.desktop.chart.prescription;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.chart.prescription.editor.PrescriptionEditor;
import org.medconnect.proto.common.v1.Role;

/**
 * The chart's "Prescriptions" page, for doctors (the server refuses everyone else anyway). Its sheets
 * (cancel, email, dispensing, the printed PDF, the editor's own) open over the page itself, inside the
 * chart's window. {@link #prescribe} is how the encounter page starts a prescription for its encounter.
 */
public final class PrescriptionsPage implements ChartPage {

    public static final String TITLE = "Prescriptions";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final Map<ChartContext, PrescriptionsViewModel> models = new WeakHashMap<>();

    public PrescriptionsPage(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        PrescriptionsViewModel model = modelOf(chart);
        OverlayHost sheets = new OverlayHost();
        Dialogs dialogs = new Dialogs(sheets);
        sheets.setContent(new PrescriptionsView(model, dialogs,
                (prescriptionId, onClosed) -> PrescriptionEditor.create(connection, calls, dialogs, clock, chart, prescriptionId, onClosed)));
        chart.onChange(Set.of("PRESCRIPTION", "MEDICATION"), model::load);
        model.load();
        return sheets.node();
    }

    /** Shows this page of {@code chart} and starts a new prescription for the encounter (Prescribe on the encounter page). */
    public void prescribe(ChartContext chart, String encounterId) {
        chart.showPage(TITLE);
        modelOf(chart).prescribeFor(encounterId);
    }

    private PrescriptionsViewModel modelOf(ChartContext chart) {
        return models.computeIfAbsent(chart, c -> new PrescriptionsViewModel(connection, calls, clock, c.patientId(), c.caller().getUserId()));
    }
}
