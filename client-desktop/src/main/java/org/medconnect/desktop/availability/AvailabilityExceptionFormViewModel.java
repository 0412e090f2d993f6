package org.medconnect.desktop.availability;

import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FormErrors;
import org.medconnect.desktop.platform.ScheduleChecks;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionRequest;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionResponse;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ExceptionKind;
import org.medconnect.proto.schedule.v1.ListRoomsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/**
 * Adding time off (whole days, or from a time on the first day to a time on the last) or an extra session
 * (one day, a time range, at a location, in slots).
 */
public final class AvailabilityExceptionFormViewModel {

    public static final String START_DATE = "start_date";
    public static final String END_DATE = "end_date";
    public static final String START_TIME = "start_time";
    public static final String END_TIME = "end_time";
    public static final String LOCATION = "location_id";
    public static final String ROOM = "room_id";
    public static final String SLOT = "slot_minutes";
    public static final String REASON = "reason";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Doctor doctor;
    private final ExceptionKind kind;
    private final ObservableList<Location> locations;
    private final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> endDate = new SimpleObjectProperty<>();
    private final BooleanProperty wholeDays = new SimpleBooleanProperty(true);
    private final StringProperty startTime = new SimpleStringProperty("");
    private final StringProperty endTime = new SimpleStringProperty("");
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>();
    private final ObservableList<Room> rooms = FXCollections.observableArrayList(AvailabilityRuleFormViewModel.ANY_ROOM);
    private final ObjectProperty<Room> room = new SimpleObjectProperty<>(AvailabilityRuleFormViewModel.ANY_ROOM);
    private final StringProperty slot = new SimpleStringProperty("15");
    private final StringProperty reason = new SimpleStringProperty("");
    private final FormErrors errors = new FormErrors(START_DATE, END_DATE, START_TIME, END_TIME, LOCATION, ROOM, SLOT, REASON);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final LocalDate today;
    private String requestId = UUID.randomUUID().toString();
    private Consumer<AddAvailabilityExceptionResponse> onSaved = r -> { };

    AvailabilityExceptionFormViewModel(ServerConnection connection, ServerCalls calls, Doctor doctor, ExceptionKind kind,
                                       ObservableList<Location> locations, LocalDate today) {
        this.connection = connection;
        this.calls = calls;
        this.doctor = doctor;
        this.kind = kind;
        this.locations = locations;
        this.today = today;
        startDate.set(today);
        endDate.set(today);
        if (isExtraSession()) {
            wholeDays.set(false);
            startTime.set("09:00");
            endTime.set("13:00");
            if (locations.size() == 1) {
                location.set(locations.getFirst());
            }
        } else {
            startTime.set("13:00");
            endTime.set("17:00");
        }
        // The last day follows the first until someone sets it: most time off starts and ends in view.
        startDate.addListener((obs, old, now) -> {
            if (now != null && (endDate.get() == null || endDate.get().equals(old) || endDate.get().isBefore(now) || isExtraSession())) {
                endDate.set(now);
            }
        });
        location.addListener((obs, old, now) -> loadRooms());
        loadRooms();
    }

    private void loadRooms() {
        rooms.setAll(AvailabilityRuleFormViewModel.ANY_ROOM);
        room.set(AvailabilityRuleFormViewModel.ANY_ROOM);
        Location chosen = location.get();
        if (chosen == null) {
            return;
        }
        ListRoomsRequest request = ListRoomsRequest.newBuilder().setLocationId(chosen.getLocationId()).build();
        calls.call(new SimpleBooleanProperty(), () -> connection.schedule().listRooms(request).getRoomsList(), list -> {
            if (location.get() == chosen) {
                rooms.addAll(list);
            }
        }, failure -> message.set(failure.message()));
    }

    public void onSaved(Consumer<AddAvailabilityExceptionResponse> handler) {
        this.onSaved = handler;
    }

    /** The shared rules for time off and extra sessions, as the server runs them; the slot must be a number first. */
    public boolean validate() {
        Validation validation = new Validation();
        if (startDate.get() == null) {
            validation.add(START_DATE, "Choose the first day.");
        }
        if (!isExtraSession() && endDate.get() == null) {
            validation.add(END_DATE, "Choose the last day.");
        }
        OptionalInt slotMinutes = ScheduleChecks.parseWhole(slot.get());
        if (isExtraSession() && slotMinutes.isEmpty()) {
            validation.add(SLOT, "Enter the slot length in whole minutes.");
        }
        if (startDate.get() != null && lastDay() != null) {
            ScheduleRules.checkException(draft(slotMinutes.orElse(ScheduleRules.MIN_SLOT_MINUTES)))
                    .forEach(e -> validation.add(e.field(), e.message()));
        }
        errors.show(validation.errors());
        message.set(validation.ok() ? "" : "Check the highlighted fields.");
        return validation.ok();
    }

    /**
     * A question to ask before saving when the first day looks wrong for the field: in the past (most often
     * a date typed the other way round) or more than a year ahead. Empty when the date looks right.
     */
    public Optional<String> doubtfulDate() {
        LocalDate first = startDate.get();
        if (first == null) {
            return Optional.empty();
        }
        String what = isExtraSession() ? "The extra session is on " : "The time off starts on ";
        String day = ClinicTime.longDay(first) + " (" + ClinicDates.format(first) + ")";
        if (first.isBefore(today)) {
            return Optional.of(what + day + ", which is in the past: today is " + ClinicTime.longDay(today)
                    + ". Save it anyway?");
        }
        if (first.isAfter(today.plusYears(1))) {
            return Optional.of(what + day + ", more than a year from today. Save it anyway?");
        }
        return Optional.empty();
    }

    private ScheduleRules.ExceptionDraft draft(int slotMinutes) {
        boolean times = !wholeDays.get();
        return new ScheduleRules.ExceptionDraft(Optional.of(isExtraSession() ? org.medconnect.shared.schedule.ExceptionKind.EXTRA_SESSION
                : org.medconnect.shared.schedule.ExceptionKind.TIME_OFF),
                startDate.get().toString(), lastDay().toString(),
                times ? ScheduleChecks.time(startTime.get()) : "", times ? ScheduleChecks.time(endTime.get()) : "",
                location.get() != null, slotMinutes, reason.get() == null ? "" : reason.get());
    }

    private LocalDate lastDay() {
        return isExtraSession() ? startDate.get() : endDate.get();
    }

    /** The exception as the form describes it (call after {@link #validate()}). */
    AvailabilityException toException() {
        LocalDate last = lastDay();
        AvailabilityException.Builder exception = AvailabilityException.newBuilder()
                .setDoctorId(doctor.getDoctorId())
                .setKind(kind)
                .setStartDate(startDate.get().toString())
                .setEndDate(last.toString())
                .setReason(reason.get() == null ? "" : reason.get().strip());
        if (!wholeDays.get()) {
            exception.setStartTime(ScheduleChecks.time(startTime.get())).setEndTime(ScheduleChecks.time(endTime.get()));
        }
        if (isExtraSession()) {
            exception.setLocationId(location.get().getLocationId())
                    .setRoomId(room.get() == null ? "" : room.get().getRoomId())
                    .setSlotMinutes(ScheduleChecks.parseWhole(slot.get()).orElseThrow());
        }
        return exception.build();
    }

    public void save() {
        if (busy.get() || !validate()) {
            return;
        }
        AddAvailabilityExceptionRequest request = AddAvailabilityExceptionRequest.newBuilder().setRequestId(requestId)
                .setException(toException()).build();
        calls.call(busy, () -> connection.schedule().addAvailabilityException(request), onSaved::accept, this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        boolean placed = errors.showServer(failure.fieldErrors());
        if (failure.is(AvailabilityRuleFormViewModel.OVERLAP)) {
            errors.get(START_TIME).set(failure.message());
            message.set("Change the day or hours so the sessions do not overlap.");
        } else {
            message.set(placed ? "Check the highlighted fields." : failure.message());
        }
    }

    public boolean isExtraSession() { return kind == ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION; }
    public Doctor doctor() { return doctor; }
    public ObservableList<Location> locations() { return locations; }
    public ObjectProperty<LocalDate> startDateProperty() { return startDate; }
    public ObjectProperty<LocalDate> endDateProperty() { return endDate; }
    public BooleanProperty wholeDaysProperty() { return wholeDays; }
    public StringProperty startTimeProperty() { return startTime; }
    public StringProperty endTimeProperty() { return endTime; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObservableList<Room> rooms() { return rooms; }
    public ObjectProperty<Room> roomProperty() { return room; }
    public StringProperty slotProperty() { return slot; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty error(String field) { return errors.get(field); }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
