package org.medconnect.desktop.admission;

import java.time.ZoneId;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.ListInpatientsRequest;
import org.medconnect.proto.chart.v1.ListMyDischargesRequest;
import org.medconnect.proto.common.v1.PageRequest;

/**
 * The doctor's Inpatients screen: everyone in hospital now (the reason shows where the doctor
 * may open that chart) and the doctor's own discharges, newest first. Enter opens the chart.
 */
public final class InpatientsViewModel {

    static final int PAGE = 200;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Times times;
    private final ObservableList<Admission> inpatients = FXCollections.observableArrayList();
    private final ObservableList<Admission> discharges = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();

    public InpatientsViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.times = new Times(zone);
    }

    private record Lists(List<Admission> inpatients, int inpatientCount, List<Admission> discharges) {}

    public void reload() {
        calls.call(loading, () -> {
            var in = connection.admissions().listInpatients(ListInpatientsRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(PAGE)).build());
            var mine = connection.admissions().listMyDischarges(ListMyDischargesRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(PAGE)).build());
            return new Lists(in.getInpatientsList(), in.getPage().getTotalCount(), mine.getDischargesList());
        }, lists -> {
            problem.set("");
            inpatients.setAll(lists.inpatients());
            discharges.setAll(lists.discharges());
            summary.set(lists.inpatientCount() == 0 ? "Nobody is in hospital."
                    : lists.inpatientCount() == 1 ? "1 patient in hospital." : lists.inpatientCount() + " patients in hospital.");
        }, f -> problem.set(f.message()));
    }

    public String when(com.google.protobuf.Timestamp t) {
        return times.when(t);
    }

    public ObservableList<Admission> inpatients() { return inpatients; }
    public ObservableList<Admission> discharges() { return discharges; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty problemProperty() { return problem; }
    public BooleanProperty loadingProperty() { return loading; }
}
