package org.medconnect.desktop.chart;

import java.util.Set;
import org.medconnect.proto.auth.v1.Principal;

/** What a chart page knows of the chart it sits in: whose chart, who is looking, and live changes. */
public interface ChartContext {

    /** The patient's id. */
    String patientId();

    /** The patient's full name as the header shows it. */
    String patientName();

    /** The signed-in user. */
    Principal caller();

    /**
     * Runs {@code refresh} on the FX thread whenever a chart change of one of these entry kinds
     * (e.g. "VITALS", "ALLERGY") arrives for this patient, from this or any other workstation.
     */
    void onChange(Set<String> entryKinds, Runnable refresh);

    /**
     * The appointment whose consultation opened this chart (Start consultation in My day), so
     * the encounter page opens that visit's note; empty when the chart was opened to read.
     */
    default java.util.Optional<String> consultationAppointmentId() {
        return java.util.Optional.empty();
    }

    /** Shows another page of this chart by its title (e.g. a summary line that opens "Vitals"). */
    void showPage(String title);
}
