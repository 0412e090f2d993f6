package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.ClinicTime;

import org.medconnect.shared.appointment.AppointmentLimits;
import org.medconnect.shared.appointment.AppointmentReasons;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import io.grpc.Status;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.schedule.v1.Slot;

/**
 * The booking dialog: a patient, a free slot, the reason for the visit, and Book. The request id
 * is made once per dialog and kept across retries, so a retry after a timeout cannot book twice;
 * it changes only after the server has certainly refused.
 */
public final class BookingViewModel {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final PatientPickerViewModel patient;
    private final SlotFinderViewModel slots;
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty reasonError = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding ready;
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Appointment> onBooked = a -> { };

    public BookingViewModel(ServerConnection connection, ServerCalls calls, PatientPickerViewModel patient,
                            SlotFinderViewModel slots) {
        this.connection = connection;
        this.calls = calls;
        this.patient = patient;
        this.slots = slots;
        this.ready = Bindings.createBooleanBinding(() -> patient.selectedProperty().get() != null
                && slots.selectedProperty().get() != null && !busy.get(),
                patient.selectedProperty(), slots.selectedProperty(), busy);
        // Slots that clash with the patient's own appointments are not offered; choosing the patient searches again.
        patient.selectedProperty().addListener((obs, old, now) -> {
            slots.patientIdProperty().set(now == null ? "" : now.getPatientId());
            if (slots.complete() && !slots.days().isEmpty()) {
                slots.search();
            }
        });
    }

    /** What reception reads out after booking: the reference first, then who, with whom, when and where. */
    public static String readOut(Appointment booked, ClinicTime time) {
        return "Reference " + booked.getReference() + ": " + booked.getPatient().getDisplayName()
                + (booked.getDoctorName().isEmpty() ? "" : " with " + booked.getDoctorName())
                + " on " + ClinicTime.longDay(time.dateOf(booked.getStartsAt())) + " at " + time.time(booked.getStartsAt())
                + (booked.getLocationName().isEmpty() ? "" : ", " + booked.getLocationName()) + ".";
    }

    public void onBooked(Consumer<Appointment> handler) {
        this.onBooked = handler;
    }

    public void book() {
        if (busy.get()) {
            return;
        }
        message.set("");
        reasonError.set("");
        Patient who = patient.selectedProperty().get();
        Slot slot = slots.selectedProperty().get();
        String why = reason.get() == null ? "" : reason.get().strip();
        if (who == null) {
            message.set("Find the patient first, or register them.");
            return;
        }
        if (slot == null) {
            message.set("Pick a free slot.");
            return;
        }
        if (AppointmentLimits.VISIT_REASON.exceededBy(why)) {
            reasonError.set(AppointmentLimits.VISIT_REASON.message(why.length()));
            return;
        }
        BookAppointmentRequest request = BookAppointmentRequest.newBuilder().setRequestId(requestId)
                .setPatientId(who.getPatientId()).setDoctorId(slot.getDoctorId()).setLocationId(slot.getLocationId())
                .setAppointmentTypeId(slots.typeProperty().get().getTypeId()).setStartsAt(slot.getStartsAt())
                .setReason(why).build();
        calls.call(busy, () -> connection.appointments().bookAppointment(request).getAppointment(), booked -> {
            requestId = UUID.randomUUID().toString();
            onBooked.accept(booked);
        }, this::failed);
    }

    private void failed(CallFailure failure) {
        if (failure.definiteRefusal() || failure.code() == Status.Code.ABORTED) {
            requestId = UUID.randomUUID().toString(); // nothing was booked; the next try is a new request
        }
        if (failure.code() == Status.Code.ABORTED && failure.is(AppointmentReasons.SLOT_TAKEN)) {
            message.set("That slot was just taken. Please pick another.");
            slots.slotTaken();
            return;
        }
        if (slotGone(failure)) {
            message.set(failure.message());
            slots.slotTaken();
            return;
        }
        String reasonProblem = failure.fieldErrors().getOrDefault("reason", "");
        reasonError.set(reasonProblem);
        message.set(failure.message());
    }

    /** The chosen slot is no longer bookable (leave was added, or its time passed): show the slots again. */
    static boolean slotGone(CallFailure failure) {
        return (failure.code() == Status.Code.FAILED_PRECONDITION && failure.is("SLOT_NOT_AVAILABLE"))
                || failure.fieldErrors().containsKey("starts_at") || failure.fieldErrors().containsKey("new_starts_at");
    }

    public PatientPickerViewModel patient() { return patient; }
    public SlotFinderViewModel slots() { return slots; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty reasonErrorProperty() { return reasonError; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanBinding readyBinding() { return ready; }
    String requestId() { return requestId; }
}
