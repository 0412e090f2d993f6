package org.medconnect.desktop.chart.admission;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmissionStatus;
import org.medconnect.proto.chart.v1.ListAdmissionsRequest;
import org.medconnect.proto.chart.v1.ListAdmissionsResponse;

/** The chart's Admissions page: every stay of the patient, newest first, refreshed live when one changes. */
public final class AdmissionsViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final String patientId;
    private final Function<ListAdmissionsRequest, ListAdmissionsResponse> list;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final ObservableList<Admission> admissions = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    /**
     * @param list the ListAdmissions call (the connection's stub in the workstation, a fake in tests)
     */
    public AdmissionsViewModel(String patientId, Function<ListAdmissionsRequest, ListAdmissionsResponse> list, ServerCalls calls,
                               ZoneId zone) {
        this.patientId = patientId;
        this.list = list;
        this.calls = calls;
        this.zone = zone;
    }

    public void reload() {
        Callable<ListAdmissionsResponse> work = () -> list.apply(ListAdmissionsRequest.newBuilder().setPatientId(patientId).build());
        calls.call(busy, work, response -> {
            admissions.setAll(response.getAdmissionsList());
            summary.set(summary(response.getAdmissionsList()));
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    static String summary(List<Admission> stays) {
        long open = stays.stream().filter(a -> a.getStatus() == AdmissionStatus.ADMISSION_STATUS_ADMITTED).count();
        if (stays.isEmpty()) {
            return "Never admitted.";
        }
        return open > 0 ? "In hospital now." : stays.size() == 1 ? "One past stay." : stays.size() + " past stays.";
    }

    /** "Admitted", "Discharged", "Entered in error". */
    public static String status(AdmissionStatus s) {
        return switch (s) {
            case ADMISSION_STATUS_ADMITTED -> "Admitted";
            case ADMISSION_STATUS_DISCHARGED -> "Discharged";
            case ADMISSION_STATUS_ENTERED_IN_ERROR -> "Entered in error";
            default -> "";
        };
    }

    /** "Ward 3, bed 12", "Ward 3", or "No bed assigned". */
    public static String place(Admission a) {
        if (a.getWard().isEmpty()) {
            return "No bed assigned";
        }
        return a.getBed().isEmpty() ? a.getWard() : a.getWard() + ", bed " + a.getBed();
    }

    /** A time in the clinic's date format and zone, e.g. "07/12/2026 08:00". */
    public String when(com.google.protobuf.Timestamp t) {
        if (t.getSeconds() == 0 && t.getNanos() == 0) {
            return "";
        }
        var local = Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).atZone(zone);
        return ClinicDates.format(local.toLocalDate()) + " " + TIME.format(local);
    }

    public ObservableList<Admission> admissions() { return admissions; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
