package org.medconnect.desktop.chart.demographics;

import java.time.Clock;
import java.util.Set;
import javafx.scene.Node;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/** The chart's "Contacts & insurance" page: reception's demographics, read-only, live when reception changes them. */
public final class ContactsAndInsurancePage implements ChartPage {

    private static final Set<String> KINDS = Set.of("CONTACT", "INSURANCE", "CONSENT", "DEMOGRAPHICS");

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;

    public ContactsAndInsurancePage(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "Contacts & insurance";
    }

    @Override
    public boolean visibleTo(Role role) {
        return role == Role.ROLE_DOCTOR || role == Role.ROLE_NURSE;
    }

    @Override
    public Node create(ChartContext chart) {
        PatientRecordViewModel model = new PatientRecordViewModel(connection, calls, clock, chart.patientId(), chart.patientName(), false);
        chart.onChange(KINDS, model::load);
        model.load();
        return new PatientRecordView(model);
    }
}
