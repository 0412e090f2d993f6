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
        pages.add(new org.medconnect.desktop.chart.allergy.AllergiesPage(connection, calls));
        pages.add(new org.medconnect.desktop.chart.vitals.VitalsPage(connection, calls, clock));
        return List.copyOf(pages);
    }
}
