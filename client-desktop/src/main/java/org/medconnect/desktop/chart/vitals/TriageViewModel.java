package org.medconnect.desktop.chart.vitals;

import java.time.Clock;
import org.medconnect.desktop.chart.allergy.AllergiesViewModel;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;

/**
 * The nurse's triage form for one checked-in patient: the vitals entry form, the latest trend
 * (so a recorded set shows at once) and the allergies with "no known allergies".
 */
public final class TriageViewModel {

    private final VitalsFormViewModel vitals;
    private final VitalsTrendViewModel trend;
    private final AllergiesViewModel allergies;

    public TriageViewModel(ServerConnection connection, ServerCalls calls, Clock clock, String patientId) {
        this.vitals = new VitalsFormViewModel(connection, calls, patientId, clock);
        this.trend = new VitalsTrendViewModel(connection, calls, patientId, clock);
        this.allergies = new AllergiesViewModel(connection, calls, patientId);
        vitals.onRecorded(s -> trend.load());
    }

    /** Loads the trend and the allergies (call when shown, and on a live chart change). */
    public void load() {
        trend.load();
        allergies.load();
    }

    public VitalsFormViewModel vitals() {
        return vitals;
    }

    public VitalsTrendViewModel trend() {
        return trend;
    }

    public AllergiesViewModel allergies() {
        return allergies;
    }
}
