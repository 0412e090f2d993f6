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
        pages.add(new org.medconnect.desktop.chart.admission.AdmissionsPage(connection, calls, clock.getZone()));
        pages.add(new org.medconnect.desktop.chart.plan.PlansPage(connection, calls, dialogs, clock.getZone()));
        return List.copyOf(pages);
    }
}
