package org.medconnect.desktop.workspace;

import org.medconnect.desktop.chart.BreakGlassReviewView;
import org.medconnect.desktop.chart.BreakGlassReviewViewModel;

import org.medconnect.desktop.clinic.AppointmentTypeFormViewModel;
import org.medconnect.desktop.clinic.AppointmentTypesView;
import org.medconnect.desktop.clinic.AppointmentTypesViewModel;
import org.medconnect.desktop.availability.AvailabilityView;
import org.medconnect.desktop.availability.AvailabilityViewModel;
import org.medconnect.desktop.clinic.DepartmentFormViewModel;
import org.medconnect.desktop.clinic.DepartmentsView;
import org.medconnect.desktop.clinic.DepartmentsViewModel;
import org.medconnect.desktop.clinic.LocationFormViewModel;
import org.medconnect.desktop.clinic.LocationsView;
import org.medconnect.desktop.clinic.LocationsViewModel;
import org.medconnect.desktop.billing.InvoiceViewModel;
import org.medconnect.desktop.billing.InvoicesView;
import org.medconnect.desktop.billing.InvoicesViewModel;
import org.medconnect.desktop.billing.PriceListView;
import org.medconnect.desktop.billing.PriceListViewModel;
import org.medconnect.desktop.audit.AuditView;
import org.medconnect.desktop.audit.AuditViewModel;
import org.medconnect.desktop.backup.BackupsView;
import org.medconnect.desktop.backup.BackupsViewModel;
import org.medconnect.desktop.notification.RemindersView;
import org.medconnect.desktop.notification.RemindersViewModel;
import org.medconnect.desktop.staff.ResetPasswordViewModel;
import org.medconnect.desktop.clinic.RoomFormViewModel;
import org.medconnect.desktop.staff.StaffView;
import org.medconnect.desktop.staff.StaffViewModel;
import org.medconnect.desktop.staff.UserFormViewModel;
import java.time.Clock;
import java.time.ZoneId;
import org.medconnect.desktop.absence.DoctorAbsenceView;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.platform.live.Scheduler;
import org.medconnect.desktop.prescription.brand.DrugBrandsView;
import org.medconnect.desktop.prescription.brand.DrugBrandsViewModel;
import org.medconnect.desktop.report.ReportDashboardView;
import org.medconnect.desktop.report.ReportDashboardViewModel;

/** The admin workspace: staff, departments, the scheduling set-up, billing, audit, backups and the clinic dashboard behind a left navigation. */
public final class AdminConsole {

    private AdminConsole() {}

    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Dialogs dialogs,
                                             String currency, Clock clock, AppointmentFeed feed) {
        return create(connection, calls, dialogs, currency, clock, feed, () -> dialogs.inform("Sign in again",
                "The clinic was restored from a backup: sign out and sign in again."));
    }

    /** As above; {@code signOut} returns the workstation to sign-in (after a restore the sessions are the backup's). */
    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Dialogs dialogs,
                                             String currency, Clock clock, AppointmentFeed feed, Runnable signOut) {
        return create(connection, calls, dialogs, currency, clock, feed, signOut, underWay -> { });
    }

    /** As above; {@code restoreUnderWay} tells the shell a restore is ending every session, so it does not lock. */
    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Dialogs dialogs,
                                             String currency, Clock clock, AppointmentFeed feed, Runnable signOut,
                                             java.util.function.Consumer<Boolean> restoreUnderWay) {
        ZoneId zone = clock.getZone();
        return new NavigationWorkspace("ADMINISTRATION")
                .add("staff", "Staff", () -> new StaffView(new StaffViewModel(connection, calls), dialogs,
                        user -> new UserFormViewModel(connection, calls, user, currency),
                        user -> new ResetPasswordViewModel(connection, calls, user), clock::instant, zone))
                .add("departments", "Departments", () -> new DepartmentsView(new DepartmentsViewModel(connection, calls),
                        dialogs, department -> new DepartmentFormViewModel(connection, calls, department)))
                .add("locations", "Locations & rooms", () -> new LocationsView(new LocationsViewModel(connection, calls), dialogs,
                        location -> new LocationFormViewModel(connection, calls, location),
                        (location, room) -> new RoomFormViewModel(connection, calls, location, room)))
                .add("types", "Appointment types", () -> new AppointmentTypesView(new AppointmentTypesViewModel(connection, calls),
                        dialogs, type -> new AppointmentTypeFormViewModel(connection, calls, type)))
                .add("availability", "Availability", () -> new AvailabilityView(
                        AvailabilityViewModel.forAnyDoctor(connection, calls, clock), dialogs))
                .add("doctor-absence", "Doctor absence", () -> new DoctorAbsenceView(
                        new DoctorAbsenceViewModel(connection, calls, clock), dialogs))
                .add("reminders", "Reminders", () -> new RemindersView(new RemindersViewModel(connection, calls), zone))
                .add("invoices", "Invoices", () -> new InvoicesView(new InvoicesViewModel(connection, calls),
                        () -> new InvoiceViewModel(connection, calls), dialogs))
                .add("price-list", "Price list", () -> new PriceListView(new PriceListViewModel(connection, calls)))
                .add("billing-profile", "Billing profile", () -> new org.medconnect.desktop.billing.BillingProfileView(
                        new org.medconnect.desktop.billing.BillingProfileViewModel(connection, calls, zone)))
                .add("note-templates", "Note templates", () -> {
                    var templates = new org.medconnect.desktop.notetemplate.NoteTemplatesViewModel(connection, calls);
                    templates.reload();
                    return new org.medconnect.desktop.notetemplate.NoteTemplatesView(templates);
                })
                .add("drug-brands", "Drug brands", () -> new DrugBrandsView(new DrugBrandsViewModel(
                        DrugBrandsViewModel.Server.over(connection), calls)))
                .add("audit", "Audit", () -> new AuditView(new AuditViewModel(connection, calls, zone)))
                .add("break-glass", "Break the glass", () -> new BreakGlassReviewView(new BreakGlassReviewViewModel(connection, calls, zone)))
                .add("backups", "Backups", () -> new BackupsView(new BackupsViewModel(connection, calls, zone), dialogs.overlays(), signOut,
                        restoreUnderWay))
                .add("dashboard", "Dashboard", () -> dashboard(connection, calls, clock, feed, false));
    }

    /** The clinic dashboard (or, for a doctor, their own), kept current by the live appointment feed. */
    static ReportDashboardView dashboard(ServerConnection connection, ServerCalls calls, Clock clock, AppointmentFeed feed,
                                         boolean ownFiguresOnly) {
        ReportDashboardViewModel model = new ReportDashboardViewModel(connection, calls, clock, Scheduler.daemon("dashboard-reload"),
                javafx.application.Platform::runLater, ownFiguresOnly);
        feed.listen(model);
        model.open();
        return new ReportDashboardView(model);
    }
}
