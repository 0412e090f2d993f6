package org.medconnect.desktop.chart;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;

/** The chart's pages in reading order; each chart part adds its own here. */
public final class ChartPages {

    private ChartPages() {}

    public static List<ChartPage> all(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Clock clock) {
        List<ChartPage> pages = new ArrayList<>();
        // Reading order: the consultation first, then the lists a doctor scans, then the record's administration.
        var prescriptions = new org.medconnect.desktop.chart.prescription.PrescriptionsPage(connection, calls, clock);
        pages.addAll(org.medconnect.desktop.chart.encounter.EncounterPages.pages(connection, calls, clock,
                org.medconnect.desktop.platform.DesktopPreferences.home(), prescriptions::prescribe));
        pages.add(new org.medconnect.desktop.chart.problem.ProblemsPage(connection, calls, clock));
        pages.add(new org.medconnect.desktop.chart.allergy.AllergiesPage(connection, calls));
        pages.add(new org.medconnect.desktop.chart.medication.MedicationsPage(connection, calls, clock));
        pages.add(prescriptions);
        pages.add(new org.medconnect.desktop.chart.vitals.VitalsPage(connection, calls, clock));
        pages.add(new org.medconnect.desktop.chart.document.DocumentsPage(connection, calls));
        pages.add(new org.medconnect.desktop.chart.plan.PlansPage(connection, calls, dialogs, clock.getZone()));
        pages.add(new org.medconnect.desktop.chart.admission.AdmissionsPage(connection, calls, clock.getZone()));
        pages.add(new org.medconnect.desktop.chart.demographics.ContactsAndInsurancePage(connection, calls, clock));
        pages.add(ChartSpinePages.history(connection, calls, clock));
        pages.add(ChartSpinePages.access(connection, calls, clock));
        return List.copyOf(pages);
    }
}
