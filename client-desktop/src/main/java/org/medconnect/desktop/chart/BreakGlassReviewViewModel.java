package org.medconnect.desktop.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.ChartGlassGrant;
import org.medconnect.proto.chart.v1.ListBreakTheGlassRequest;
import org.medconnect.proto.chart.v1.ReviewBreakTheGlassRequest;
import org.medconnect.proto.common.v1.PageRequest;

/** The admins' break-the-glass review: grants newest first (unreviewed only by default), and "Mark reviewed" with a note. */
public final class BreakGlassReviewViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObservableList<ChartGlassGrant> grants = FXCollections.observableArrayList();
    private final ObjectProperty<ChartGlassGrant> selected = new SimpleObjectProperty<>();
    private final BooleanProperty unreviewedOnly = new SimpleBooleanProperty(true);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");

    public BreakGlassReviewViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
        unreviewedOnly.addListener((o, was, now) -> reload());
    }

    public ObservableList<ChartGlassGrant> grants() {
        return grants;
    }

    public ObjectProperty<ChartGlassGrant> selectedProperty() {
        return selected;
    }

    public BooleanProperty unreviewedOnlyProperty() {
        return unreviewedOnly;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public void reload() {
        calls.call(busy, () -> connection.chart().listBreakTheGlass(ListBreakTheGlassRequest.newBuilder()
                        .setUnreviewedOnly(unreviewedOnly.get()).setPage(PageRequest.newBuilder().setPageSize(200)).build()),
                r -> {
                    problem.set("");
                    grants.setAll(r.getGrantsList());
                    summary.set(r.getUnreviewedCount() == 0 ? "Nothing waits for review"
                            : r.getUnreviewedCount() == 1 ? "1 waits for review" : r.getUnreviewedCount() + " wait for review");
                }, f -> problem.set(f.message()));
    }

    /** Marks the selected grant reviewed with the typed note (optional). */
    public void markReviewed() {
        ChartGlassGrant grant = selected.get();
        if (grant == null) {
            problem.set("Choose a break of the glass to review.");
            return;
        }
        String text = note.get() == null ? "" : note.get().strip();
        if (text.length() > 500) {
            problem.set("Keep the note under 500 characters.");
            return;
        }
        calls.call(busy, () -> connection.chart().reviewBreakTheGlass(ReviewBreakTheGlassRequest.newBuilder()
                        .setGrantId(grant.getGrantId()).setNote(text).build()),
                r -> {
                    note.set("");
                    reload();
                }, f -> {
                    problem.set(f.message());
                    reload();
                });
    }

    public String when(ChartGlassGrant g) {
        var at = Instant.ofEpochSecond(g.getStartsAt().getSeconds()).atZone(zone);
        return ClinicDates.format(at.toLocalDate()) + " " + DateTimeFormatter.ofPattern("HH:mm").format(at);
    }

    public String reviewed(ChartGlassGrant g) {
        if (g.getReviewedByName().isEmpty()) {
            return "Not reviewed";
        }
        var at = Instant.ofEpochSecond(g.getReviewedAt().getSeconds()).atZone(zone);
        return g.getReviewedByName() + ", " + ClinicDates.format(at.toLocalDate())
                + (g.getReviewNote().isEmpty() ? "" : ": " + g.getReviewNote());
    }
}
