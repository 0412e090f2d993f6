package org.medconnect.desktop.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.ChartEntryVersion;
import org.medconnect.proto.chart.v1.ListChartHistoryRequest;
import org.medconnect.proto.common.v1.PageRequest;

/** The chart-wide history page: every version of every entry, newest first, each with what changed field by field. */
public final class ChartHistoryViewModel {

    /** One version as the table shows it. */
    public record Row(String when, String who, String entry, String change, String fields) {}

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty("");

    public ChartHistoryViewModel(ServerConnection connection, ServerCalls calls, String patientId, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        this.zone = zone;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public void reload() {
        calls.call(busy, () -> connection.chart().listChartHistory(ListChartHistoryRequest.newBuilder().setPatientId(patientId)
                        .setPage(PageRequest.newBuilder().setPageSize(200)).build()),
                r -> {
                    problem.set(r.getVersionsCount() == 0 ? "Nothing has been recorded in this chart yet." : "");
                    rows.setAll(r.getVersionsList().stream().map(this::row).toList());
                }, f -> problem.set(f.message()));
    }

    Row row(ChartEntryVersion v) {
        var at = Instant.ofEpochSecond(v.getChangedAt().getSeconds()).atZone(zone);
        String fields = v.getChangesList().stream()
                .map(c -> c.getBefore().isEmpty() ? c.getField() + ": " + c.getAfter()
                        : c.getField() + ": " + c.getBefore() + " → " + (c.getAfter().isEmpty() ? "(removed)" : c.getAfter()))
                .collect(Collectors.joining("\n"));
        return new Row(ClinicDates.format(at.toLocalDate()) + " " + DateTimeFormatter.ofPattern("HH:mm").format(at),
                v.getChangedByName(), words(v.getEntryKind()) + " v" + v.getVersion(), words(v.getChange()), fields);
    }

    /** ENTERED_IN_ERROR -> "Entered in error". */
    static String words(String upperSnake) {
        String s = upperSnake.replace('_', ' ').toLowerCase();
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
