package org.medconnect.desktop.workspace;

import org.medconnect.desktop.appointment.AppointmentsView;
import org.medconnect.desktop.appointment.AppointmentsViewModel;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.appointment.DayBoardView;
import org.medconnect.desktop.appointment.DayBoardViewModel;
import org.medconnect.desktop.billing.CheckoutQueueView;
import org.medconnect.desktop.billing.CheckoutQueueViewModel;
import org.medconnect.desktop.billing.InvoicesView;
import org.medconnect.desktop.followup.FollowUpsView;
import org.medconnect.desktop.followup.FollowUpsViewModel;
import org.medconnect.desktop.billing.InvoicesViewModel;
import org.medconnect.desktop.chart.demographics.PatientRecordSheet;
import org.medconnect.desktop.chart.demographics.PatientRecordViewModel;
import org.medconnect.desktop.patient.PatientPickerView;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.patient.PatientsView;
import org.medconnect.desktop.patient.PatientsViewModel;
import org.medconnect.desktop.queue.ReceptionQueueView;
import org.medconnect.desktop.queue.ReceptionQueueViewModel;
import org.medconnect.desktop.waitinglist.WaitingListView;
import org.medconnect.desktop.waitinglist.WaitingListViewModel;
import java.time.Clock;
import org.medconnect.desktop.absence.DoctorAbsenceView;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.prescription.refill.RefillDeskView;
import org.medconnect.desktop.prescription.refill.RefillDeskViewModel;
import org.medconnect.proto.notification.v1.NotificationKind;

/** The front-desk workspace: day board, queue, checkout, appointments, patients, the waiting list and refill requests behind a left navigation. */
public final class ReceptionWorkspace {

    private ReceptionWorkspace() {}

    /** {@code feed} keeps the day board live; its listeners are added as each screen is first opened. */
    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Clock clock,
                                             AppointmentFeed feed) {
        ClinicTime time = new ClinicTime(clock);
        ReceptionDesk desk = new ReceptionDesk(connection, calls, dialogs, time);
        // Made up front so a doctor's decision, heard by the inbox, refreshes it even before it is first shown.
        RefillDeskViewModel refills = new RefillDeskViewModel(RefillDeskViewModel.Server.over(connection), calls, clock.getZone());
        // Made up front so the navigation counts visits to check out, live, before the screen is opened.
        CheckoutQueueViewModel checkout = new CheckoutQueueViewModel(connection, calls);
        feed.listen(checkout);
        NavigationWorkspace workspace = new NavigationWorkspace("RECEPTION")
                .opensAppointments(desk::openDetails)
                .add("day-board", "Day board", () -> {
                    DayBoardViewModel board = new DayBoardViewModel(connection, calls, time);
                    feed.listen(board);
                    return new DayBoardView(board, desk);
                })
                .add("queue", "Queue", () -> {
                    ReceptionQueueViewModel queue = new ReceptionQueueViewModel(connection, calls);
                    feed.listen(queue);
                    queue.liveProperty().bind(feed.stateProperty());
                    return new ReceptionQueueView(queue, clock.getZone());
                })
                .add("checkout", "Checkout", () -> new CheckoutQueueView(checkout, clock.getZone(),
                        visit -> desk.openCheckout(visit.getAppointmentId(), checkout::reload)))
                .add("appointments", "Appointments", () -> new AppointmentsView(new AppointmentsViewModel(connection, calls, time), desk))
                .add("patients", "Patients", () -> new PatientsView(new PatientsViewModel(connection, calls), desk, patient -> {
                    OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
                    var record = new PatientRecordSheet(new PatientRecordViewModel(
                            connection, calls, clock, patient.getPatientId(), PatientPickerView.name(patient), true), () -> sheet[0].close());
                    sheet[0] = dialogs.overlays().show(record.card());
                }))
                .add("invoices", "Invoices", () -> new InvoicesView(new InvoicesViewModel(connection, calls), desk::newInvoice, dialogs,
                        java.util.Optional.of(desk::pickPatient)))
                .add("waiting-list", "Waiting list", () -> new WaitingListView(new WaitingListViewModel(connection, calls), desk))
                .add("follow-ups", "Follow-ups", () -> new FollowUpsView(
                        new FollowUpsViewModel(FollowUpsViewModel.Server.over(connection), calls, time), desk::openBooking))
                .add("admissions", "Admissions", () -> {
                    var admissions = new org.medconnect.desktop.admission.ReceptionAdmissionsViewModel(connection, calls, clock.getZone(),
                            desk.newPatientPicker());
                    admissions.loadDoctors();
                    admissions.reload();
                    return new org.medconnect.desktop.admission.ReceptionAdmissionsView(admissions);
                })
                .add("refill-requests", "Refill requests", () -> new RefillDeskView(refills, desk))
                .follows(NotificationKind.NOTIFICATION_KIND_REFILL_DECIDED, "refill-requests", refills::reload)
                .add("doctor-absence", "Doctor absence", () -> new DoctorAbsenceView(
                        new DoctorAbsenceViewModel(connection, calls, clock), dialogs));
        workspace.title("checkout").ifPresent(title -> title.bind(checkout.countProperty().map(n ->
                n.intValue() == 0 ? "Checkout" : "Checkout (" + n + ")")));
        checkout.reload();
        return workspace;
    }
}
