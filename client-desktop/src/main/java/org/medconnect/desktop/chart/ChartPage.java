package org.medconnect.desktop.chart;

import javafx.scene.Node;
import org.medconnect.proto.common.v1.Role;

/**
 * One page of the patient chart (timeline, problems, allergies, vitals, documents, ...),
 * shown under the summary header. Each chart part supplies its pages; {@link ChartPages}
 * lists them in reading order and the chart shell shows those the caller's role may see.
 */
public interface ChartPage {

    /** The navigation label, e.g. "Vitals". */
    String title();

    /** Whether this role sees the page at all (the server refuses what a role may not read anyway). */
    boolean visibleTo(Role role);

    /** Builds the page for one opened chart; called once per chart, the first time the page is shown. */
    Node create(ChartContext chart);
}
