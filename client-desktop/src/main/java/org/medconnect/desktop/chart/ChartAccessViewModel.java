package org.medconnect.desktop.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.Roles;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.ChartAccessEntry;
import org.medconnect.proto.chart.v1.ListChartAccessRequest;
import org.medconnect.proto.common.v1.PageRequest;

/** "Who looked at this chart": each opening, document read and break of the glass, newest first. */
public final class ChartAccessViewModel {

    /** One line as the table shows it. */
    public record Row(String when, String who, String role, String action, String basis) {}

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty("");

    public ChartAccessViewModel(ServerConnection connection, ServerCalls calls, String patientId, ZoneId zone) {
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
        calls.call(busy, () -> connection.chart().listChartAccess(ListChartAccessRequest.newBuilder().setPatientId(patientId)
                        .setPage(PageRequest.newBuilder().setPageSize(200)).build()),
                r -> {
                    problem.set("");
                    rows.setAll(r.getEntriesList().stream().map(this::row).toList());
                }, f -> problem.set(f.message()));
    }

    Row row(ChartAccessEntry e) {
        var at = Instant.ofEpochSecond(e.getAt().getSeconds()).atZone(zone);
        String action = switch (e.getAction()) {
            case "OPEN_CHART" -> "Opened the chart";
            case "READ_DOCUMENT" -> "Read a document";
            case "BREAK_GLASS" -> "Broke the glass";
            default -> ChartHistoryViewModel.words(e.getAction());
        };
        String basis = switch (e.getBasis()) {
            case "CARE_RELATION" -> "Cares for the patient";
            case "REFERRAL" -> "Referred";
            case "TRIAGE" -> "Triage today";
            case "BREAK_GLASS" -> "Break the glass" + (e.getBreakGlassReason().isEmpty() ? "" : ": " + e.getBreakGlassReason());
            default -> e.getBasis();
        };
        return new Row(ClinicDates.format(at.toLocalDate()) + " " + DateTimeFormatter.ofPattern("HH:mm").format(at),
                e.getUserName(), Roles.label(e.getRole()), action, basis);
    }
}
