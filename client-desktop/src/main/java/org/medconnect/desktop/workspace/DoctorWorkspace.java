package org.medconnect.desktop.workspace;

import org.medconnect.desktop.chart.ChartWindow;

import org.medconnect.desktop.queue.DoctorQueueView;
import org.medconnect.desktop.queue.DoctorQueueViewModel;
import org.medconnect.desktop.appointment.MyDayView;
import org.medconnect.desktop.appointment.MyDayViewModel;
import org.medconnect.desktop.appointment.RequestsView;
import org.medconnect.desktop.appointment.RequestsViewModel;
import org.medconnect.desktop.appointment.WeekView;
import org.medconnect.desktop.appointment.WeekViewModel;
import java.time.Clock;
import javafx.beans.binding.Bindings;
import org.medconnect.desktop.availability.AvailabilityView;
import org.medconnect.desktop.availability.AvailabilityViewModel;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.prescription.refill.RefillInboxView;
import org.medconnect.desktop.prescription.refill.RefillInboxViewModel;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.notification.v1.NotificationKind;

/** The consulting-room workspace: my day, requests to accept, refill requests, the week ahead and the doctor's own availability. */
public final class DoctorWorkspace {

    private DoctorWorkspace() {}

    /** {@code feed} keeps My day and the requests count live. */
    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Clock clock,
                                             Principal doctor, AppointmentFeed feed) {
        // Made up front so the navigation can show how many requests wait before the screen is opened.
        RequestsViewModel requests = new RequestsViewModel(connection, calls, clock, doctor.getUserId());
        ChartWindow charts = new ChartWindow(connection, calls, dialogs, clock, doctor, null);
        feed.listen(requests);
        RefillInboxViewModel refills = new RefillInboxViewModel(RefillInboxViewModel.Server.over(connection), calls, clock.getZone(),
                charts::openOnPage);
        NavigationWorkspace workspace = new NavigationWorkspace("DOCTOR")
                .add("my-day", "My day", () -> {
                    MyDayViewModel day = new MyDayViewModel(connection, calls, clock, doctor.getUserId());
                    feed.listen(day);
                    // Start consultation opens the chart on that visit's note.
                    day.onConsultationStarted(a -> charts.openForConsultation(a.getPatient().getPatientId(),
                            a.getPatient().getDisplayName(), a.getAppointmentId()));
                    return new MyDayView(day, charts::open);
                })
                .add("queue", "Queue", () -> {
                    DoctorQueueViewModel queue = new DoctorQueueViewModel(connection, calls, doctor.getUserId());
                    feed.listen(queue);
                    return new DoctorQueueView(queue, clock.getZone(), charts::open);
                })
                .add("inpatients", "Inpatients", () -> {
                    var inpatients = new org.medconnect.desktop.admission.InpatientsViewModel(connection, calls, clock.getZone());
                    inpatients.reload();
                    return new org.medconnect.desktop.admission.InpatientsView(inpatients, charts::open);
                })
                .add("requests", "Requests", () -> new RequestsView(requests, dialogs))
                .add("refill-requests", "Refill requests", () -> new RefillInboxView(refills))
                .follows(NotificationKind.NOTIFICATION_KIND_REFILL_REQUEST, "refill-requests", refills::reload)
                .add("week", "Week", () -> new WeekView(new WeekViewModel(connection, calls, clock)))
                .add("availability", "My availability", () -> new AvailabilityView(AvailabilityViewModel.forDoctor(
                        connection, calls, clock, doctor.getUserId(), doctor.getDisplayName()), dialogs))
                .add("my-figures", "My figures", () -> AdminConsole.dashboard(connection, calls, clock, feed, true));
        workspace.title("requests").ifPresent(title -> title.bind(Bindings.createStringBinding(() ->
                requests.countProperty().get() == 0 ? "Requests" : "Requests (" + requests.countProperty().get() + ")",
                requests.countProperty())));
        workspace.title("refill-requests").ifPresent(title -> title.bind(Bindings.createStringBinding(() ->
                refills.countProperty().get() == 0 ? "Refill requests" : "Refill requests (" + refills.countProperty().get() + ")",
                refills.countProperty())));
        requests.reload();
        refills.reload();
        return workspace;
    }
}
