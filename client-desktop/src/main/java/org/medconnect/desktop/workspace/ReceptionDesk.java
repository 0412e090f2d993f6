package org.medconnect.desktop.workspace;

import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.Directory;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.appointment.AppointmentDetailsView;
import org.medconnect.desktop.billing.InvoiceView;
import org.medconnect.desktop.billing.InvoiceViewModel;
import org.medconnect.desktop.appointment.AppointmentDetailsViewModel;
import org.medconnect.desktop.appointment.BookingView;
import org.medconnect.desktop.appointment.BookingViewModel;
import org.medconnect.desktop.patient.PatientFormSheet;
import org.medconnect.desktop.patient.PatientFormViewModel;
import org.medconnect.desktop.patient.PatientPickSheet;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import org.medconnect.desktop.appointment.SlotFinderViewModel;
import org.medconnect.desktop.waitinglist.WaitingListFormView;
import org.medconnect.desktop.waitinglist.WaitingListFormViewModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * The reception workspace's {@link FrontDesk}: it knows every feature's sheets and opens them for
 * any screen. What the reception screens share: the connection, the clinic's lists, and the sheets any screen
 * opens (booking, appointment details, patient form, waiting-list entry). Screens hear about
 * appointments changed through it, so the board and the lists stay current after every action.
 */
public final class ReceptionDesk implements FrontDesk {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Dialogs dialogs;
    private final ClinicTime time;
    private final Directory directory;
    private final List<Consumer<Appointment>> bookedListeners = new ArrayList<>();
    private final List<Consumer<Appointment>> changedListeners = new ArrayList<>();

    public ReceptionDesk(ServerConnection connection, ServerCalls calls, Dialogs dialogs, ClinicTime time) {
        this.connection = connection;
        this.calls = calls;
        this.dialogs = dialogs;
        this.time = time;
        this.directory = new Directory(connection, calls);
    }

    @Override public Directory directory() { return directory; }
    @Override public ClinicTime time() { return time; }
    @Override public Dialogs dialogs() { return dialogs; }

    /** A new appointment was booked (the board goes to its day). */
    @Override public void onBooked(Consumer<Appointment> listener) {
        bookedListeners.add(listener);
    }

    /** An appointment changed in any way (booked, moved, cancelled, checked in). */
    @Override public void onChanged(Consumer<Appointment> listener) {
        changedListeners.add(listener);
    }

    /** Booked here or from the waiting list: every screen hears it as a change too. */
    @Override public void booked(Appointment appointment) {
        List.copyOf(bookedListeners).forEach(l -> l.accept(appointment));
        changed(appointment);
    }

    @Override public void changed(Appointment appointment) {
        List.copyOf(changedListeners).forEach(l -> l.accept(appointment));
    }

    public SlotFinderViewModel newSlotFinder() {
        return new SlotFinderViewModel(connection, calls, directory, time);
    }

    public PatientFormViewModel newPatientForm(Optional<Patient> editing) {
        return new PatientFormViewModel(connection, calls, time, editing);
    }

    public PatientPickerViewModel newPatientPicker() {
        return new PatientPickerViewModel(connection, calls, () -> newPatientForm(Optional.empty()));
    }

    public BookingViewModel newBooking(Prefill prefill) {
        PatientPickerViewModel patient = newPatientPicker();
        prefill.patient().ifPresent(patient::choose);
        SlotFinderViewModel slots = newSlotFinder();
        Optional<Doctor> doctor = prefill.doctorId().map(id -> directory.doctor(id)
                .orElse(Doctor.newBuilder().setDoctorId(id).build()));
        slots.prefill(doctor.orElse(null), prefill.day().orElse(null), prefill.start());
        return new BookingViewModel(connection, calls, patient, slots);
    }

    @Override public void openBooking(Prefill prefill) {
        openBooking(prefill, appointment -> {});
    }

    /** The booking sheet; {@code onBooked} hears the appointment once it is booked (e.g. to close a follow-up). */
    public void openBooking(Prefill prefill, Consumer<Appointment> onBooked) {
        directory.ensureLoaded(() -> {
            BookingViewModel booking = newBooking(prefill);
            OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
            BookingView view = new BookingView(booking, () -> sheet[0].close());
            booking.onBooked(appointment -> {
                sheet[0].close();
                booked(appointment);
                onBooked.accept(appointment);
                // The reference to read out to the patient (on the phone or at the desk); Enter closes it.
                dialogs.inform("Booked: " + appointment.getReference(), BookingViewModel.readOut(appointment, time));
            });
            sheet[0] = dialogs.overlays().show(view.card());
            booking.slots().searchWhenCriteriaChange();
            if (booking.slots().complete()) {
                booking.slots().search();
            }
        });
    }

    @Override public void openDetails(Appointment appointment) {
        directory.ensureLoaded(() -> {
            AppointmentDetailsViewModel details = new AppointmentDetailsViewModel(connection, calls, time,
                    this::newSlotFinder, appointment);
            OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
            AppointmentDetailsView view = new AppointmentDetailsView(details, () -> sheet[0].close());
            details.onChanged(() -> changed(details.appointmentProperty().get()));
            details.onCheckOut(completed -> {
                sheet[0].close();
                openCheckout(completed);
            });
            sheet[0] = dialogs.overlays().show(view.card());
            details.load();
        });
    }

    /** The full patient form as a sheet; {@code onSaved} gets the patient as registered or corrected. */
    @Override public void openPatientForm(Optional<Patient> editing, Consumer<Patient> onSaved) {
        PatientFormViewModel form = newPatientForm(editing);
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        Consumer<Patient> done = patient -> {
            sheet[0].close();
            onSaved.accept(patient);
        };
        PatientFormSheet view = new PatientFormSheet(form, () -> sheet[0].close(), done);
        form.onSaved(done);
        sheet[0] = dialogs.overlays().show(view.card());
    }

    /** A small sheet to find one patient (e.g. to filter the appointments list). */
    @Override public void pickPatient(Consumer<Patient> onPicked) {
        PatientPickerViewModel picker = newPatientPicker();
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        PatientPickSheet view = new PatientPickSheet(picker, () -> sheet[0].close(), patient -> {
            sheet[0].close();
            onPicked.accept(patient);
        });
        sheet[0] = dialogs.overlays().show(view.card());
    }

    @Override public void openWaitingListForm(Optional<Patient> patient, Runnable onAdded) {
        directory.ensureLoaded(() -> {
            PatientPickerViewModel picker = newPatientPicker();
            patient.ifPresent(picker::choose);
            WaitingListFormViewModel form = new WaitingListFormViewModel(connection, calls, directory, time, picker);
            OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
            WaitingListFormView view = new WaitingListFormView(form, () -> sheet[0].close());
            form.onAdded(entry -> {
                sheet[0].close();
                onAdded.run();
            });
            sheet[0] = dialogs.overlays().show(view.card());
        });
    }

    /** Checkout of a completed visit: its draft invoice, issue, payment and receipt (billing). */
    public void openCheckout(Appointment completed) {
        openCheckout(completed.getAppointmentId(), () -> {});
    }

    /** Checkout of the completed visit {@code appointmentId}; {@code onClosed} runs when its sheet closes (e.g. to reload a list). */
    public void openCheckout(String appointmentId, Runnable onClosed) {
        InvoiceViewModel invoice = newInvoice();
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        InvoiceView view = new InvoiceView(invoice, dialogs, () -> {
            sheet[0].close();
            onClosed.run();
        });
        sheet[0] = dialogs.overlays().show(view.card());
        invoice.checkOut(appointmentId);
    }

    public InvoiceViewModel newInvoice() {
        return new InvoiceViewModel(connection, calls);
    }

    ServerConnection connection() { return connection; }
    ServerCalls calls() { return calls; }
}
