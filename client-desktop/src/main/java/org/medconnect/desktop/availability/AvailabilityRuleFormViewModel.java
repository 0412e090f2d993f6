package org.medconnect.desktop.availability;

import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleResponse;

import org.medconnect.desktop.platform.FormErrors;
import org.medconnect.desktop.platform.ScheduleChecks;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
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
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListRoomsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.TimeRange;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/** Adding or changing one weekly rule: where, which weekdays, hours, slot length, breaks, and the dates it holds. */
public final class AvailabilityRuleFormViewModel {

    public static final String LOCATION = "location_id";
    public static final String ROOM = "room_id";
    public static final String WEEKDAYS = "weekdays";
    public static final String START = "start_time";
    public static final String END = "end_time";
    public static final String SLOT = "slot_minutes";
    public static final String BREAKS = "breaks";
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    /** The reason the server gives when the rule overlaps another of the same doctor. */
    public static final String OVERLAP = "AVAILABILITY_OVERLAP";
    /** "Any room": a rule need not name one. */
    public static final Room ANY_ROOM = Room.newBuilder().setName("Any room").build();

    /** One break, as typed. */
    public static final class Break {
        private final StringProperty start = new SimpleStringProperty("");
        private final StringProperty end = new SimpleStringProperty("");

        public Break(String start, String end) {
            this.start.set(start);
            this.end.set(end);
        }

        public StringProperty startProperty() { return start; }
        public StringProperty endProperty() { return end; }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Doctor doctor;
    private final ObservableList<Location> locations;
    private final Optional<AvailabilityRule> editing;
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>();
    private final ObservableList<Room> rooms = FXCollections.observableArrayList(ANY_ROOM);
    private final ObjectProperty<Room> room = new SimpleObjectProperty<>(ANY_ROOM);
    private final List<BooleanProperty> weekdays = new ArrayList<>();
    private final StringProperty start = new SimpleStringProperty("09:00");
    private final StringProperty end = new SimpleStringProperty("17:00");
    private final StringProperty slot = new SimpleStringProperty("15");
    private final ObservableList<Break> breaks = FXCollections.observableArrayList();
    private final ObjectProperty<LocalDate> validFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> validTo = new SimpleObjectProperty<>();
    private final FormErrors errors = new FormErrors(LOCATION, ROOM, WEEKDAYS, START, END, SLOT, BREAKS, VALID_FROM, VALID_TO);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<SaveAvailabilityRuleResponse> onSaved = r -> { };
    private String roomToKeep;

    AvailabilityRuleFormViewModel(ServerConnection connection, ServerCalls calls, Doctor doctor, ObservableList<Location> locations,
                                  Optional<AvailabilityRule> editing, LocalDate today) {
        this.connection = connection;
        this.calls = calls;
        this.doctor = doctor;
        this.locations = locations;
        this.editing = editing;
        for (int day = 1; day <= 7; day++) {
            weekdays.add(new SimpleBooleanProperty(editing.isEmpty() && day <= 5));
        }
        validFrom.set(today);
        errors.clearWhenChanged(LOCATION, location);
        errors.clearWhenChanged(ROOM, room);
        errors.clearWhenChanged(WEEKDAYS, weekdays.toArray(new javafx.beans.Observable[0]));
        errors.clearWhenChanged(START, start);
        errors.clearWhenChanged(END, end);
        errors.clearWhenChanged(SLOT, slot);
        errors.clearWhenChanged(VALID_FROM, validFrom);
        errors.clearWhenChanged(VALID_TO, validTo);
        location.addListener((obs, old, now) -> {
            loadRooms(Optional.ofNullable(roomToKeep));
            roomToKeep = null;
        });
        editing.ifPresent(this::fill);
        if (editing.isEmpty() && locations.size() == 1) {
            location.set(locations.getFirst());
        }
    }

    private void fill(AvailabilityRule rule) {
        rule.getWeekdaysList().forEach(d -> weekdays.get(d - 1).set(true));
        start.set(rule.getStartTime());
        end.set(rule.getEndTime());
        slot.set(Integer.toString(rule.getSlotMinutes()));
        rule.getBreaksList().forEach(b -> breaks.add(new Break(b.getStartTime(), b.getEndTime())));
        validFrom.set(rule.getValidFrom().isEmpty() ? null : LocalDate.parse(rule.getValidFrom()));
        validTo.set(rule.getValidTo().isEmpty() ? null : LocalDate.parse(rule.getValidTo()));
        Location chosen = locations.stream().filter(l -> l.getLocationId().equals(rule.getLocationId())).findFirst()
                .orElse(Location.newBuilder().setLocationId(rule.getLocationId()).setName(rule.getLocationName()).build());
        roomToKeep = rule.getRoomId().isEmpty() ? null : rule.getRoomId();
        location.set(chosen);
    }

    /** Rooms of the chosen location; keeps {@code keepRoomId} chosen when it is still there. */
    private void loadRooms(Optional<String> keepRoomId) {
        rooms.setAll(ANY_ROOM);
        room.set(ANY_ROOM);
        Location chosen = location.get();
        if (chosen == null) {
            return;
        }
        ListRoomsRequest request = ListRoomsRequest.newBuilder().setLocationId(chosen.getLocationId()).build();
        calls.call(new SimpleBooleanProperty(), () -> connection.schedule().listRooms(request).getRoomsList(), list -> {
            if (location.get() != chosen) {
                return;
            }
            rooms.setAll(ANY_ROOM);
            rooms.addAll(list);
            keepRoomId.flatMap(id -> list.stream().filter(r -> r.getRoomId().equals(id)).findFirst()).ifPresent(room::set);
        }, failure -> message.set(failure.message()));
    }

    /** Gets the saved rule with the appointments now outside the doctor's hours. */
    public void onSaved(Consumer<SaveAvailabilityRuleResponse> handler) {
        this.onSaved = handler;
    }

    public void addBreak() {
        // A sensible first guess: lunch, or right after the previous break.
        if (breaks.isEmpty()) {
            breaks.add(new Break("12:30", "13:30"));
        } else {
            LocalTime after = ScheduleRules.parseTime(ScheduleChecks.time(breaks.getLast().endProperty().get()))
                    .orElse(LocalTime.NOON).plusHours(2);
            breaks.add(new Break(ScheduleRules.formatTime(after), ScheduleRules.formatTime(after.plusMinutes(15))));
        }
    }

    public void removeBreak(Break b) {
        breaks.remove(b);
    }

    /** Ticks Monday to Friday only. */
    public void weekdaysOnly() {
        for (int i = 0; i < 7; i++) {
            weekdays.get(i).set(i < 5);
        }
    }

    /** The shared rules (as the server runs them) plus what only the form knows: a location is chosen, the slot is a number. */
    public boolean validate() {
        Validation validation = new Validation();
        if (location.get() == null) {
            validation.add(LOCATION, "Choose where the doctor works in this rule.");
        }
        OptionalInt slotMinutes = ScheduleChecks.parseWhole(slot.get());
        if (slotMinutes.isEmpty()) {
            validation.add(SLOT, "Enter the slot length in whole minutes.");
        }
        List<ScheduleRules.BreakDraft> breakDrafts = breaks.stream()
                .map(b -> new ScheduleRules.BreakDraft(ScheduleChecks.time(b.startProperty().get()), ScheduleChecks.time(b.endProperty().get())))
                .toList();
        ScheduleRules.checkWeeklyRule(new ScheduleRules.WeeklyRuleDraft(chosenWeekdays(), ScheduleChecks.time(start.get()),
                        ScheduleChecks.time(end.get()), slotMinutes.orElse(ScheduleRules.MIN_SLOT_MINUTES), breakDrafts,
                        validFrom.get() == null ? "" : validFrom.get().toString(), validTo.get() == null ? "" : validTo.get().toString()))
                .forEach(e -> validation.add(e.field(), e.message()));
        Optional<LocalTime> from = ScheduleRules.parseTime(ScheduleChecks.time(start.get()));
        Optional<LocalTime> to = ScheduleRules.parseTime(ScheduleChecks.time(end.get()));
        if (from.isPresent() && to.isPresent() && to.get().isAfter(from.get()) && slotMinutes.isPresent()
                && slotMinutes.getAsInt() > Duration.between(from.get(), to.get()).toMinutes()) {
            validation.add(SLOT, "A slot cannot be longer than the session.");
        }
        errors.show(validation.errors());
        message.set(validation.ok() ? "" : "Check the highlighted fields.");
        return validation.ok();
    }

    List<Integer> chosenWeekdays() {
        List<Integer> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            if (weekdays.get(i).get()) {
                days.add(i + 1);
            }
        }
        return days;
    }

    /** The rule as the form describes it, times written HH:MM and breaks in time order (call after {@link #validate()}). */
    AvailabilityRule toRule() {
        AvailabilityRule.Builder rule = AvailabilityRule.newBuilder()
                .setRuleId(editing.map(AvailabilityRule::getRuleId).orElse(""))
                .setDoctorId(doctor.getDoctorId())
                .setLocationId(location.get().getLocationId())
                .setRoomId(room.get() == null ? "" : room.get().getRoomId())
                .addAllWeekdays(chosenWeekdays())
                .setStartTime(normalized(start.get()))
                .setEndTime(normalized(end.get()))
                .setSlotMinutes(ScheduleChecks.parseWhole(slot.get()).orElseThrow())
                .setValidFrom(validFrom.get().toString())
                .setValidTo(validTo.get() == null ? "" : validTo.get().toString());
        breaks.stream()
                .map(b -> TimeRange.newBuilder().setStartTime(normalized(b.startProperty().get())).setEndTime(normalized(b.endProperty().get())).build())
                .sorted(java.util.Comparator.comparing(TimeRange::getStartTime))
                .forEach(rule::addBreaks);
        return rule.build();
    }

    private static String normalized(String time) {
        return ScheduleChecks.time(time);
    }

    public void save() {
        if (busy.get() || !validate()) {
            return;
        }
        SaveAvailabilityRuleRequest request = SaveAvailabilityRuleRequest.newBuilder().setRequestId(requestId).setRule(toRule()).build();
        calls.call(busy, () -> connection.schedule().saveAvailabilityRule(request), onSaved::accept, this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        boolean placed = errors.showServer(failure.fieldErrors());
        if (failure.is(OVERLAP)) {
            // The days and hours are what overlap; say so where they are typed.
            errors.get(WEEKDAYS).set(failure.message());
            message.set("Change the days, hours or dates so the rules do not overlap.");
        } else {
            message.set(placed ? "Check the highlighted fields." : failure.message());
        }
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public Doctor doctor() { return doctor; }
    public ObservableList<Location> locations() { return locations; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObservableList<Room> rooms() { return rooms; }
    public ObjectProperty<Room> roomProperty() { return room; }
    /** Monday is 1, as in ISO and the proto. */
    public BooleanProperty weekdayProperty(int isoDay) { return weekdays.get(isoDay - 1); }
    public StringProperty startProperty() { return start; }
    public StringProperty endProperty() { return end; }
    public StringProperty slotProperty() { return slot; }
    public ObservableList<Break> breaks() { return breaks; }
    public ObjectProperty<LocalDate> validFromProperty() { return validFrom; }
    public ObjectProperty<LocalDate> validToProperty() { return validTo; }
    public StringProperty error(String field) { return errors.get(field); }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
