package org.medconnect.desktop.appointment;

import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Directory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.proto.schedule.v1.SearchSlotsResponse;
import org.medconnect.proto.schedule.v1.Slot;
import org.medconnect.proto.staff.v1.Department;

/**
 * The slot finder used for booking and for moving an appointment: what kind of visit, with whom
 * (a doctor, or anyone in a department), where, between which days; free slots come back grouped
 * by day and one of them is chosen.
 */
public final class SlotFinderViewModel {

    static final int MAX_DAYS = ScheduleRules.MAX_SEARCH_DAYS;
    static final int LIMIT = 400;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Directory directory;
    private final ClinicTime time;
    private final ObjectProperty<AppointmentType> type = new SimpleObjectProperty<>();
    private final ObjectProperty<Department> department = new SimpleObjectProperty<>(Directory.ANY_DEPARTMENT);
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>(Directory.ANY_DOCTOR);
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>(Directory.ANY_LOCATION);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<Doctor> doctorChoices = FXCollections.observableArrayList();
    private final ObservableList<SlotDay> days = FXCollections.observableArrayList();
    private final ObjectProperty<Slot> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty patientId = new SimpleStringProperty("");
    private Optional<Preferred> preferred = Optional.empty();
    private long generation;

    /** One day of free slots, e.g. "Tue 12 Nov" and its times in order. */
    public record SlotDay(LocalDate date, String label, List<Slot> slots) {}

    private record Preferred(String doctorId, Instant start) {}

    /** Free slots, and the patient's own appointments in those days (to leave out times that clash). */
    private record Found(SearchSlotsResponse slots, List<org.medconnect.proto.appointment.v1.Appointment> own) {}

    public SlotFinderViewModel(ServerConnection connection, ServerCalls calls, Directory directory, ClinicTime time) {
        this.connection = connection;
        this.calls = calls;
        this.directory = directory;
        this.time = time;
        from.set(time.today());
        to.set(time.today().plusDays(13));
        refreshDoctorChoices();
        department.addListener((obs, old, now) -> refreshDoctorChoices());
        directory.doctors().addListener((ListChangeListener<Doctor>) c -> refreshDoctorChoices());
        directory.types().addListener((ListChangeListener<AppointmentType>) c -> {
            if (type.get() == null && directory.types().size() == 1) {
                type.set(directory.types().getFirst());
            }
        });
        if (directory.types().size() == 1) {
            type.set(directory.types().getFirst());
        }
        hint.set(incompleteHint());
    }

    /** Searches again whenever the criteria change and are complete (dialogs turn this on; tests search by hand). */
    public void searchWhenCriteriaChange() {
        // Change listeners, not invalidation: a field that commits the same value again when focus leaves it
        // (a date picker re-reading its own text) must not search again and pull the focus back.
        for (javafx.beans.value.ObservableValue<?> criterion : List.<javafx.beans.value.ObservableValue<?>>of(type, department, doctor, location, from, to)) {
            criterion.addListener((obs, old, now) -> {
                if (complete()) {
                    search();
                } else {
                    generation++;
                    days.clear();
                    selected.set(null);
                    hint.set(incompleteHint());
                }
            });
        }
    }

    private void refreshDoctorChoices() {
        Doctor current = doctor.get();
        doctorChoices.setAll(directory.doctorChoices(department.get()));
        boolean stillThere = current != null && doctorChoices.stream().anyMatch(d -> d.getDoctorId().equals(current.getDoctorId()));
        doctor.set(stillThere ? doctorChoices.stream().filter(d -> d.getDoctorId().equals(current.getDoctorId()))
                .findFirst().orElse(Directory.ANY_DOCTOR) : Directory.ANY_DOCTOR);
    }

    /** Starts from a doctor and a time (a cell on the day board, or the appointment being moved). */
    public void prefill(Doctor withDoctor, LocalDate day, Optional<Instant> start) {
        if (withDoctor != null && !withDoctor.getDoctorId().isEmpty()) {
            directory.department(withDoctor.getDepartmentId()).ifPresent(department::set);
            doctor.set(doctorChoices.stream().filter(d -> d.getDoctorId().equals(withDoctor.getDoctorId()))
                    .findFirst().orElse(withDoctor));
            preferred = start.map(s -> new Preferred(withDoctor.getDoctorId(), s));
        }
        if (day != null) {
            LocalDate first = day.isBefore(time.today()) ? time.today() : day;
            from.set(first);
            to.set(first.plusDays(6));
        }
    }

    public boolean complete() {
        return type.get() != null && !type.get().getTypeId().isEmpty() && (hasDoctor() || hasDepartment())
                && from.get() != null && to.get() != null;
    }

    private boolean hasDoctor() {
        return doctor.get() != null && !doctor.get().getDoctorId().isEmpty();
    }

    private boolean hasDepartment() {
        return department.get() != null && !department.get().getDepartmentId().isEmpty();
    }

    private String incompleteHint() {
        if (type.get() == null || type.get().getTypeId().isEmpty()) {
            return "Choose the kind of appointment to see free slots.";
        }
        if (!hasDoctor() && !hasDepartment()) {
            return "Choose a doctor, or a department for any of its doctors.";
        }
        return "Choose the dates to search.";
    }

    /** Asks the server for free slots; the choice is kept when that slot is still free. */
    public void search() {
        message.set("");
        if (!complete()) {
            message.set(incompleteHint());
            return;
        }
        if (to.get().isBefore(from.get())) {
            message.set("The last day must not be before the first.");
            return;
        }
        if (ChronoUnit.DAYS.between(from.get(), to.get()) > MAX_DAYS) {
            message.set("Search at most " + MAX_DAYS + " days at a time.");
            return;
        }
        if (to.get().isBefore(time.today())) {
            message.set("Those days are over; choose days from today on.");
            return;
        }
        SearchSlotsRequest.Builder request = SearchSlotsRequest.newBuilder()
                .setAppointmentTypeId(type.get().getTypeId())
                .setLocationId(location.get() == null ? "" : location.get().getLocationId())
                .setFromDate(from.get().toString()).setToDate(to.get().toString()).setLimit(LIMIT);
        if (hasDoctor()) {
            request.setDoctorId(doctor.get().getDoctorId());
        } else {
            request.setDepartmentId(department.get().getDepartmentId());
        }
        SearchSlotsRequest built = request.build();
        long mine = ++generation;
        hint.set("Looking for free slots…");
        String who = patientId.get() == null ? "" : patientId.get();
        var ownRequest = org.medconnect.proto.appointment.v1.ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.timestamp(time.startOf(from.get()))).setTo(ClinicTime.timestamp(time.endOf(to.get())))
                .setPatientId(who).setView(org.medconnect.proto.appointment.v1.AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD)
                .build();
        calls.call(busy, () -> new Found(connection.schedule().searchSlots(built), who.isEmpty() ? List.of() : own(ownRequest)), found -> {
            if (mine == generation) {
                show(found.slots(), found.own());
            }
        }, failure -> {
            if (mine == generation) {
                days.clear();
                hint.set("");
                message.set(failure.message());
            }
        });
    }

    /**
     * The patient's appointments that hold time, in the searched days. Only trims the offer: if the
     * list cannot be read the slots are shown as they are, and the server still refuses a double booking.
     */
    private List<org.medconnect.proto.appointment.v1.Appointment> own(
            org.medconnect.proto.appointment.v1.ListAppointmentsRequest request) {
        try {
            return connection.appointments().listAppointments(request).getAppointmentsList().stream()
                    .filter(a -> !StatusStyle.of(a.getStatus()).faded()).toList();
        } catch (io.grpc.StatusRuntimeException e) {
            return List.of();
        }
    }

    /** The patient's own appointment that overlaps {@code slot}, if any. */
    static Optional<org.medconnect.proto.appointment.v1.Appointment> clash(Slot slot,
            List<org.medconnect.proto.appointment.v1.Appointment> own) {
        Instant start = ClinicTime.instant(slot.getStartsAt());
        Instant end = ClinicTime.instant(slot.getEndsAt());
        return own.stream().filter(a -> ClinicTime.instant(a.getStartsAt()).isBefore(end)
                && ClinicTime.instant(a.getEndsAt()).isAfter(start)).findFirst();
    }

    private void show(SearchSlotsResponse found, List<org.medconnect.proto.appointment.v1.Appointment> own) {
        Instant now = time.now();
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        List<org.medconnect.proto.appointment.v1.Appointment> clashing = new ArrayList<>();
        for (Slot slot : found.getSlotsList()) {
            if (ClinicTime.instant(slot.getStartsAt()).isBefore(now)) {
                continue; // passed while the list was open
            }
            Optional<org.medconnect.proto.appointment.v1.Appointment> taken = clash(slot, own);
            if (taken.isPresent()) {
                if (!clashing.contains(taken.get())) {
                    clashing.add(taken.get());
                }
                continue; // the patient cannot be in two places at once
            }
            byDay.computeIfAbsent(time.dateOf(slot.getStartsAt()), d -> new ArrayList<>()).add(slot);
        }
        List<SlotDay> grouped = new ArrayList<>();
        byDay.forEach((date, slots) -> grouped.add(new SlotDay(date, ClinicTime.day(date), List.copyOf(slots))));
        Slot previous = selected.get();
        days.setAll(grouped);
        Optional<Slot> keep = Optional.empty();
        if (previous != null) {
            keep = find(previous.getDoctorId(), ClinicTime.instant(previous.getStartsAt()));
        } else if (preferred.isPresent()) {
            keep = find(preferred.get().doctorId(), preferred.get().start());
        }
        preferred = Optional.empty();
        selected.set(keep.orElse(null));
        String clashNote = clashing.isEmpty() ? "" : "Times that clash with the patient's own "
                + org.medconnect.desktop.platform.Plural.noun(clashing.size(), "appointment ", "appointments ")
                + String.join(", ", clashing.stream().map(a -> a.getReference() + " (" + time.dayAndTime(a.getStartsAt())
                        + (a.getDoctorName().isEmpty() ? "" : " with " + a.getDoctorName()) + ")").toList())
                + " are left out.";
        if (grouped.isEmpty()) {
            hint.set(("No free slots in these days. Try later dates, another doctor, or add the patient to the waiting list. "
                    + clashNote).strip());
        } else {
            hint.set(((found.getTruncated() ? "Showing the first " + found.getSlotsCount()
                    + " free slots; narrow the days or choose a doctor to see the rest. " : "") + clashNote).strip());
        }
    }

    private Optional<Slot> find(String doctorId, Instant start) {
        return days.stream().flatMap(d -> d.slots().stream())
                .filter(s -> s.getDoctorId().equals(doctorId) && ClinicTime.instant(s.getStartsAt()).equals(start))
                .findFirst();
    }

    /** The chosen slot went to someone else: forget it and look again. */
    public void slotTaken() {
        selected.set(null);
        search();
    }

    /** True when the slots come from several doctors, so each button says whose it is. */
    public boolean manyDoctors() {
        return !hasDoctor();
    }

    /** "09:30" or "09:30 · Dr Chen". */
    public String slotLabel(Slot slot) {
        String at = time.time(slot.getStartsAt());
        return manyDoctors() ? at + " · " + slot.getDoctorName() : at;
    }

    /** "Tue 12 Nov 09:30 with Dr Anna Chen at Riverside". */
    public String describe(Slot slot) {
        String where = directory.location(slot.getLocationId()).map(l -> " at " + l.getName()).orElse("");
        return time.dayAndTime(slot.getStartsAt()) + " with " + slot.getDoctorName() + where;
    }

    public ObjectProperty<AppointmentType> typeProperty() { return type; }
    public ObjectProperty<Department> departmentProperty() { return department; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public ObservableList<Doctor> doctorChoices() { return doctorChoices; }
    public ObservableList<SlotDay> days() { return days; }
    public ObjectProperty<Slot> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public StringProperty hintProperty() { return hint; }
    public BooleanProperty busyProperty() { return busy; }
    /** The patient being booked ("" for none): their own appointments' times are not offered. */
    public StringProperty patientIdProperty() { return patientId; }
    public Directory directory() { return directory; }
}
