package org.medconnect.desktop.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.patient.v1.Patient;

/**
 * What the reception screens share: the clinic's lists, the clock, dialogs, and the sheets any
 * screen opens (booking, appointment details, patient form, waiting-list entry). Screens hear
 * about appointments changed through it, so the board and the lists stay current after every
 * action. Features see only this interface; the reception workspace implements it, so a feature
 * opens another feature's sheet without importing it.
 */
public interface FrontDesk {

    /** How a booking starts: maybe a patient, a doctor, a day and a time already chosen. */
    record Prefill(Optional<Patient> patient, Optional<String> doctorId, Optional<LocalDate> day, Optional<Instant> start) {
        public static Prefill empty() {
            return new Prefill(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Prefill forPatient(Patient patient) {
            return new Prefill(Optional.of(patient), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    Directory directory();

    ClinicTime time();

    Dialogs dialogs();

    /** A new appointment was booked (the board goes to its day). */
    void onBooked(Consumer<Appointment> listener);

    /** An appointment changed in any way (booked, moved, cancelled, checked in). */
    void onChanged(Consumer<Appointment> listener);

    /** Booked here or from the waiting list: every screen hears it as a change too. */
    void booked(Appointment appointment);

    void changed(Appointment appointment);

    void openBooking(Prefill prefill);

    void openDetails(Appointment appointment);

    /** The full patient form as a sheet; {@code onSaved} gets the patient as registered or corrected. */
    void openPatientForm(Optional<Patient> editing, Consumer<Patient> onSaved);

    /** A small sheet to find one patient (e.g. to filter the appointments list). */
    void pickPatient(Consumer<Patient> onPicked);

    void openWaitingListForm(Optional<Patient> patient, Runnable onAdded);
}
