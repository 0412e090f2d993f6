package org.medconnect.desktop.chart;

import java.time.Clock;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The chart spine's own pages: "History" (every version, field by field) and "Access" (who looked at this chart). */
public final class ChartSpinePages {

    private ChartSpinePages() {}

    public static ChartPage history(ServerConnection connection, ServerCalls calls, Clock clock) {
        return new ChartPage() {
            @Override
            public String title() {
                return "History";
            }

            @Override
            public boolean visibleTo(Role role) {
                return role == Role.ROLE_DOCTOR || role == Role.ROLE_NURSE;
            }

            @Override
            public Node create(ChartContext chart) {
                var model = new ChartHistoryViewModel(connection, calls, chart.patientId(), clock.getZone());
                chart.onChange(Set.of(), model::reload);
                model.reload();
                return new ChartTableView<>("History", "chart-history", model.rows(), model.busyProperty(), model.problemProperty())
                        .column("When", 130, ChartHistoryViewModel.Row::when)
                        .column("Who", 170, ChartHistoryViewModel.Row::who)
                        .column("Entry", 130, ChartHistoryViewModel.Row::entry)
                        .column("Change", 110, ChartHistoryViewModel.Row::change)
                        .column("What changed", 420, ChartHistoryViewModel.Row::fields);
            }
        };
    }

    public static ChartPage access(ServerConnection connection, ServerCalls calls, Clock clock) {
        return new ChartPage() {
            @Override
            public String title() {
                return "Access";
            }

            @Override
            public boolean visibleTo(Role role) {
                return role == Role.ROLE_DOCTOR || role == Role.ROLE_ADMIN;
            }

            @Override
            public Node create(ChartContext chart) {
                var model = new ChartAccessViewModel(connection, calls, chart.patientId(), clock.getZone());
                model.reload();
                return new ChartTableView<>("Who looked at this chart", "chart-access", model.rows(), model.busyProperty(),
                        model.problemProperty())
                        .column("When", 130, ChartAccessViewModel.Row::when)
                        .column("Who", 180, ChartAccessViewModel.Row::who)
                        .column("Role", 100, ChartAccessViewModel.Row::role)
                        .column("What", 140, ChartAccessViewModel.Row::action)
                        .column("On what basis", 380, ChartAccessViewModel.Row::basis);
            }
        };
    }
}
