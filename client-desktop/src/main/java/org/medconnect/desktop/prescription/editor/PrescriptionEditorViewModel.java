package org.medconnect.desktop.prescription.editor;

import java.time.Clock;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.Prescription;

/** The editor of one prescription draft. */
public final class PrescriptionEditorViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final Delay delay;
    private final String patientId;
    private final String prescriptionId;

    private final ObjectProperty<Prescription> prescription = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");

    public PrescriptionEditorViewModel(ServerConnection connection, ServerCalls calls, Clock clock, Delay delay, String patientId,
            String prescriptionId) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.delay = delay;
        this.patientId = patientId;
        this.prescriptionId = prescriptionId;
    }

    public void load() {
        calls.call(loading, () -> connection.prescriptions().getPrescription(GetPrescriptionRequest.newBuilder()
                .setPrescriptionId(prescriptionId).build()).getPrescription(), prescription::set, failure -> message.set(failure.message()));
    }

    public ObjectProperty<Prescription> prescription() {
        return prescription;
    }

    public StringProperty message() {
        return message;
    }
}
