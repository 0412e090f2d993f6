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
    private final BooleanProperty showEnteredInError = new SimpleBooleanProperty();
    private final ObjectProperty<VitalSet> selected = new SimpleObjectProperty<>();
    private final StringProperty errorReason = new SimpleStringProperty("");
    private final StringProperty correctionProblem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");

    public VitalsTrendViewModel(ServerConnection connection, ServerCalls calls, String patientId, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.patientId = patientId;
        this.clock = clock;
        range.addListener((o, was, now) -> load());
        showEnteredInError.addListener((o, was, now) -> load());
        selected.addListener((o, was, now) -> {
            if (now == null || was == null || !was.getId().equals(now.getId())) {
                errorReason.set(""); // a reason typed for one set is not meant for another
                correctionProblem.set("");
            }
        });
    }

    /** Loads the table's newest sets and every set of the range for the charts, in one call. */
    public void load() {
        ListVitalsRequest.Builder r = ListVitalsRequest.newBuilder().setPatientId(patientId).setTrend(true)
                .setIncludeEnteredInError(showEnteredInError.get())
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
        String keep = selected.get() == null ? "" : selected.get().getId();
        rows.setAll(r.getVitalsList());
        selected.set(rows.stream().filter(v -> v.getId().equals(keep)).findFirst().orElse(null));
        series.set(List.copyOf(r.getSeriesList()));
        int total = r.getPage().getTotalCount();
        summary.set(total == 0 ? "No vitals in this range."
                : total == 1 ? "1 set of vitals" : total + " sets of vitals" + (total > rows.size() ? " (newest " + rows.size() + " in the table)" : ""));
    }

    /** Whether the selected set can be marked entered in error (it is not already). */
    public boolean canMarkInError() {
        return selected.get() != null && selected.get().getStatus() != org.medconnect.proto.chart.v1.VitalStatus.VITAL_STATUS_ENTERED_IN_ERROR;
    }

    /**
     * Marks the selected set entered in error with the typed reason; it leaves the table and the
     * trend (kept in the history). A change made meanwhile elsewhere is refused with who made it;
     * the reason stays.
     */
    public void markEnteredInError() {
        VitalSet set = selected.get();
        notice.set("");
        if (!canMarkInError()) {
            correctionProblem.set("Choose a set of vitals in the table.");
            return;
        }
        if (errorReason.get().isBlank()) {
            correctionProblem.set("Say why these vitals were entered in error.");
            return;
        }
        correctionProblem.set("");
        var request = org.medconnect.proto.chart.v1.MarkVitalsEnteredInErrorRequest.newBuilder().setVitalsId(set.getId())
                .setExpectedVersion(set.getVersion()).setReason(errorReason.get().strip()).build();
        calls.call(busy, () -> connection.vitals().markVitalsEnteredInError(request).getVitals(), done -> {
            notice.set("Vitals entered in error.");
            selected.set(null);
            load();
        }, f -> {
            correctionProblem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values()));
            if (f.code() == io.grpc.Status.Code.ABORTED) {
                load();
            }
        });
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
    public BooleanProperty showEnteredInErrorProperty() { return showEnteredInError; }
    public ObjectProperty<VitalSet> selectedProperty() { return selected; }
    public StringProperty errorReasonProperty() { return errorReason; }
    public StringProperty correctionProblemProperty() { return correctionProblem; }
    public StringProperty noticeProperty() { return notice; }
}
