package org.medconnect.desktop.chart.prescription.editor;

import java.time.Clock;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;

/**
 * The prescription editor for one existing draft (the caller created it with CreatePrescription
 * or RenewPrescription): lines with live checks, autosave, sign with override reasons, then print
 * and email. {@code onClosed} runs after Sign or Close.
 */
public final class PrescriptionEditor {

    private PrescriptionEditor() {}

    public static Node create(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Clock clock, ChartContext chart,
            String prescriptionId, Runnable onClosed) {
        PrescriptionEditorViewModel model = new PrescriptionEditorViewModel(connection, calls, clock, FxDelay.INSTANCE,
                chart.patientId(), prescriptionId);
        PrescriptionEditorView view = new PrescriptionEditorView(model, dialogs, chart.patientName(), onClosed);
        model.load();
        return view;
    }
}
