package org.medconnect.desktop.chart.plan;

import java.time.ZoneId;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The "Plans & referrals" page of a doctor's chart; refreshed live when a plan or referral of the patient changes. */
public final class PlansPage implements ChartPage {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Dialogs dialogs;
    private final ZoneId zone;

    public PlansPage(ServerConnection connection, ServerCalls calls, Dialogs dialogs, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.dialogs = dialogs;
        this.zone = zone;
    }

    @Override
    public String title() {
        return "Plans & referrals";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR;
    }

    @Override
    public Node create(ChartContext chart) {
        var model = new PlansViewModel(chart.patientId(), chart.caller().getUserId(), PlansViewModel.Server.over(connection), calls, zone);
        chart.onChange(Set.of("CARE_PLAN", "REFERRAL"), model::reload);
        model.reload();
        model.loadColleagues();
        return new PlansView(model, dialogs);
    }
}
