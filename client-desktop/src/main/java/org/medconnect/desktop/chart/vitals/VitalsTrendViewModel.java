package org.medconnect.desktop.chart.vitals;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.ListVitalsRequest;
import org.medconnect.proto.chart.v1.ListVitalsResponse;
import org.medconnect.proto.chart.v1.VitalKind;
import org.medconnect.proto.chart.v1.VitalSeries;
import org.medconnect.proto.chart.v1.VitalSet;
import org.medconnect.proto.common.v1.PageRequest;

/** The Vitals page: the trend series of a chosen range and the newest sets for the table. */
public final class VitalsTrendViewModel {

    /** The ranges a user picks for the charts and the table. */
    public enum Range {
        THREE_MONTHS("3 months"), ONE_YEAR("1 year"), ALL("All");

        private final String label;

        Range(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final int TABLE_ROWS = 100;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final String patientId;
    private final Clock clock;
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.THREE_MONTHS);
    private final ObservableList<VitalSet> rows = FXCollections.observableArrayList();
    private final ObjectProperty<List<VitalSeries>> series = new SimpleObjectProperty<>(List.of());
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public VitalsTrendViewModel(ServerConnection connection, ServerCalls calls, String patientId, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        this.clock = clock;
        range.addListener((o, was, now) -> load());
    }

    /** Loads the table's newest sets and every set of the range for the charts, in one call. */
    public void load() {
        ListVitalsRequest.Builder r = ListVitalsRequest.newBuilder().setPatientId(patientId).setTrend(true)
                .setPage(PageRequest.newBuilder().setPageSize(TABLE_ROWS));
        from().ifPresent(f -> r.setFrom(Timestamp.newBuilder().setSeconds(f.toEpochSecond())));
        ListVitalsRequest request = r.build();
        calls.call(busy, () -> connection.vitals().listVitals(request), this::show, f -> problem.set(f.message()));
    }

    Optional<ZonedDateTime> from() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return switch (range.get()) {
            case THREE_MONTHS -> Optional.of(now.minusMonths(3));
            case ONE_YEAR -> Optional.of(now.minusYears(1));
            case ALL -> Optional.empty();
        };
    }

    void show(ListVitalsResponse r) {
        problem.set("");
        rows.setAll(r.getVitalsList());
        series.set(List.copyOf(r.getSeriesList()));
        int total = r.getPage().getTotalCount();
        summary.set(total == 0 ? "No vitals in this range."
                : total == 1 ? "1 set of vitals" : total + " sets of vitals" + (total > rows.size() ? " (newest " + rows.size() + " in the table)" : ""));
    }

    /** The series of one vital, if it has values in the range. */
    public Optional<VitalSeries> series(VitalKind kind) {
        return series.get().stream().filter(s -> s.getKind() == kind).findFirst();
    }

    public ObjectProperty<Range> rangeProperty() { return range; }
    public ObservableList<VitalSet> rows() { return rows; }
    public ObjectProperty<List<VitalSeries>> seriesProperty() { return series; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty problemProperty() { return problem; }
    public BooleanProperty busyProperty() { return busy; }
}
