package org.medconnect.desktop.followup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.platform.Plural;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.chart.v1.DismissFollowUpRequest;
import org.medconnect.proto.chart.v1.DismissFollowUpResponse;
import org.medconnect.proto.chart.v1.FollowUp;
import org.medconnect.proto.chart.v1.ListFollowUpsRequest;
import org.medconnect.proto.chart.v1.ListFollowUpsResponse;
import org.medconnect.proto.chart.v1.MarkFollowUpBookedRequest;
import org.medconnect.proto.chart.v1.MarkFollowUpBookedResponse;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.patient.v1.GetPatientRequest;
import org.medconnect.proto.patient.v1.Patient;

/**
 * Reception's Follow-ups screen: the doctors' "see again in N weeks" recommendations that are still
 * open, due date first, a page at a time. "Book" opens the appointment feature's booking dialog
 * (through the workspace's {@link Booker}) with the patient, the doctor and the due week chosen;
 * when the booking succeeds the follow-up is marked booked as that appointment and leaves the list.
 */
public final class FollowUpsViewModel {

    static final int PAGE_SIZE = 50;

    /** The follow-up calls and the one patient read the Book action needs. */
    public interface Server {
        ListFollowUpsResponse list(ListFollowUpsRequest request);

        MarkFollowUpBookedResponse markBooked(MarkFollowUpBookedRequest request);

        DismissFollowUpResponse dismiss(DismissFollowUpRequest request);

        Patient patient(String patientId);

        static Server over(ServerConnection connection) {
            return new Server() {
                @Override public ListFollowUpsResponse list(ListFollowUpsRequest r) { return connection.plans().listFollowUps(r); }
                @Override public MarkFollowUpBookedResponse markBooked(MarkFollowUpBookedRequest r) {
                    return connection.plans().markFollowUpBooked(r);
                }
                @Override public DismissFollowUpResponse dismiss(DismissFollowUpRequest r) { return connection.plans().dismissFollowUp(r); }
                @Override public Patient patient(String patientId) {
                    return connection.patients().getPatient(GetPatientRequest.newBuilder().setPatientId(patientId).build()).getPatient();
                }
            };
        }
    }

    /**
     * Opens the existing booking dialog with this prefill and calls {@code onBooked} with the
     * appointment once it is booked (never when the dialog is closed without booking). The
     * reception workspace implements it with its booking sheet; features do not import each other.
     */
    @FunctionalInterface
    public interface Booker {
        void book(FrontDesk.Prefill prefill, Consumer<Appointment> onBooked);
    }

    private final Server server;
    private final ServerCalls calls;
    private final ClinicTime time;
    private final ObservableList<FollowUp> followUps = FXCollections.observableArrayList();
    private final ObjectProperty<FollowUp> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty more = new SimpleBooleanProperty();
    private String nextPageToken = "";
    private int total;

    public FollowUpsViewModel(Server server, ServerCalls calls, ClinicTime time) {
        this.server = server;
        this.calls = calls;
        this.time = time;
    }

    /** The first page again (when shown, on F5, after an action elsewhere). */
    public void reload() {
        load("", false, "");
    }

    /** The next page, added below the rows already shown. */
    public void loadMore() {
        if (more.get()) {
            load(nextPageToken, true, "");
        }
    }

    /** Loads a page; {@code say} is the message to show once it is in (a refusal that made the reload). */
    private void load(String token, boolean append, String say) {
        ListFollowUpsRequest request = ListFollowUpsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(token)).build();
        calls.call(busy, () -> server.list(request), response -> {
            if (append) {
                followUps.addAll(response.getFollowUpsList());
            } else {
                followUps.setAll(response.getFollowUpsList());
            }
            nextPageToken = response.getPage().getNextPageToken();
            total = Math.max(response.getPage().getTotalCount(), followUps.size());
            more.set(!nextPageToken.isEmpty());
            message.set(say);
            updateSummary();
        }, failure -> message.set(failure.message()));
    }

    private void updateSummary() {
        if (total == 0) {
            summary.set("No open follow-ups.");
            return;
        }
        long overdue = followUps.stream().filter(f -> overdue(f)).count();
        String shown = followUps.size() < total ? " (" + followUps.size() + " shown)" : "";
        summary.set(Plural.of(total, "open follow-up", "open follow-ups") + shown
                + (overdue > 0 ? ", " + overdue + " overdue" : ""));
    }

    /**
     * Book: reads the patient (the booking dialog wants the full record), opens the booking
     * dialog for the patient, the doctor and the due week, and once booked marks the follow-up.
     */
    public void book(FollowUp followUp, Booker booker) {
        if (followUp == null) {
            return;
        }
        notice.set("");
        calls.call(busy, () -> server.patient(followUp.getPatientId()), patient -> booker.book(prefill(followUp, patient),
                appointment -> markBooked(followUp, appointment)), failure -> message.set(failure.message()));
    }

    /** The booking's prefill: the patient, the recommending doctor and the Monday of the due week. */
    FrontDesk.Prefill prefill(FollowUp followUp, Patient patient) {
        return new FrontDesk.Prefill(Optional.of(patient),
                followUp.getDoctorId().isEmpty() ? Optional.empty() : Optional.of(followUp.getDoctorId()),
                dueWeek(followUp), Optional.empty());
    }

    static Optional<LocalDate> dueWeek(FollowUp followUp) {
        return ClinicTime.parseIso(followUp.getDueOn()).map(d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    void markBooked(FollowUp followUp, Appointment appointment) {
        MarkFollowUpBookedRequest request = MarkFollowUpBookedRequest.newBuilder().setFollowUpId(followUp.getId())
                .setExpectedVersion(followUp.getVersion()).setAppointmentId(appointment.getAppointmentId()).build();
        calls.call(busy, () -> server.markBooked(request), response -> {
            leave(followUp);
            notice.set("Follow-up for " + followUp.getPatientName() + " booked (" + appointment.getReference() + ").");
            message.set("");
        }, failure -> load("", false, "The appointment is booked, but the follow-up was not marked: " + failure.message()));
    }

    /** Dismiss with a reason (the patient declined, booked elsewhere, ...); the reason is required. */
    public boolean dismiss(FollowUp followUp, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (followUp == null) {
            return false;
        }
        if (why.isEmpty()) {
            message.set("Say why the follow-up is dismissed.");
            return false;
        }
        DismissFollowUpRequest request = DismissFollowUpRequest.newBuilder().setFollowUpId(followUp.getId())
                .setExpectedVersion(followUp.getVersion()).setReason(why).build();
        calls.call(busy, () -> server.dismiss(request), response -> {
            leave(followUp);
            notice.set("Follow-up for " + followUp.getPatientName() + " dismissed.");
            message.set("");
        }, failure -> load("", false, failure.message()));
        return true;
    }

    private void leave(FollowUp followUp) {
        followUps.removeIf(f -> f.getId().equals(followUp.getId()));
        total = Math.max(0, total - 1);
        updateSummary();
    }

    public boolean overdue(FollowUp followUp) {
        return ClinicTime.parseIso(followUp.getDueOn()).map(d -> d.isBefore(time.today())).orElse(false);
    }

    /** The due date in the clinic's format. */
    public static String due(FollowUp followUp) {
        return ClinicTime.parseIso(followUp.getDueOn()).map(ClinicDates::format).orElse(followUp.getDueOn());
    }

    public ObservableList<FollowUp> followUps() { return followUps; }
    public ObjectProperty<FollowUp> selectedProperty() { return selected; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty moreProperty() { return more; }
}
