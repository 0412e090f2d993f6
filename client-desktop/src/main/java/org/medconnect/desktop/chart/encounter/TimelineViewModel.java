package org.medconnect.desktop.chart.encounter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.EncounterSummary;
import org.medconnect.proto.chart.v1.ListEncountersRequest;
import org.medconnect.proto.chart.v1.ListEncountersResponse;
import org.medconnect.proto.common.v1.PageRequest;

/** A patient's encounters, newest first, one page at a time ("More" asks for the next). */
public final class TimelineViewModel {

    static final int PAGE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObservableList<EncounterSummary> encounters = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty more = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private String patientId = "";
    private String nextToken = "";

    public TimelineViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
    }

    public void load(String patient) {
        this.patientId = patient;
        this.nextToken = "";
        encounters.clear();
        loadMore();
    }

    public void loadMore() {
        if (busy.get()) {
            return;
        }
        String token = nextToken;
        calls.call(busy, () -> connection.encounters().listEncounters(ListEncountersRequest.newBuilder().setPatientId(patientId)
                .setPage(PageRequest.newBuilder().setPageSize(PAGE).setPageToken(token)).build()), this::append, f -> error.set(f.message()));
    }

    void append(ListEncountersResponse page) {
        encounters.addAll(page.getEncountersList());
        nextToken = page.getNextPageToken();
        more.set(!nextToken.isEmpty());
    }

    /** "06/12/2026 10:40  Walk-in  Dr Amara Okafor  Signed  Acute pharyngitis" as the list shows it. */
    public String line(EncounterSummary s) {
        var at = Instant.ofEpochSecond(s.getStartedAt().getSeconds()).atZone(zone);
        String kind = switch (s.getKind()) {
            case ENCOUNTER_KIND_WALK_IN -> "Walk-in";
            case ENCOUNTER_KIND_PHONE -> "Phone";
            case ENCOUNTER_KIND_VIDEO -> "Video";
            default -> "Consultation";
        };
        String status = switch (s.getStatus()) {
            case ENCOUNTER_STATUS_SIGNED -> "Signed";
            case ENCOUNTER_STATUS_ENTERED_IN_ERROR -> "Entered in error";
            default -> "Open";
        };
        String first = s.getAssessmentFirstLine().isBlank() ? s.getReason() : s.getAssessmentFirstLine();
        return ClinicDates.format(at.toLocalDate()) + " " + TIME.format(at) + "   " + kind + "   " + s.getDoctorName() + "   " + status
                + (first.isBlank() ? "" : "   " + first);
    }

    public ObservableList<EncounterSummary> encounters() { return encounters; }
    public BooleanProperty busy() { return busy; }
    public BooleanProperty more() { return more; }
    public StringProperty error() { return error; }
}
