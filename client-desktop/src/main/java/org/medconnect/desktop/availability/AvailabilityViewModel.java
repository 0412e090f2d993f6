package org.medconnect.desktop.availability;

import org.medconnect.desktop.platform.Plural;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionResponse;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.DeleteAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ExceptionKind;
import org.medconnect.proto.schedule.v1.GetAvailabilityRequest;
import org.medconnect.proto.schedule.v1.GetAvailabilityResponse;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.RemoveAvailabilityExceptionRequest;
import org.medconnect.proto.schedule.v1.TimeRange;
import org.medconnect.proto.schedule.v1.OutsideHoursAppointment;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleResponse;
import org.medconnect.proto.appointment.v1.AbsenceMode;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceRequest;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.shared.schedule.ScheduleRules;

/**
 * One doctor's weekly rules and exceptions (time off, extra sessions). An admin picks the doctor;
 * a doctor sees only their own ({@link #forDoctor}).
 */
public final class AvailabilityViewModel {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;
    private final java.time.Clock clock;
    private final boolean ownOnly;
    private final ObservableList<Doctor> doctors = FXCollections.observableArrayList();
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>();
    private final ObservableList<AvailabilityRule> rules = FXCollections.observableArrayList();
    private final ObservableList<AvailabilityException> exceptions = FXCollections.observableArrayList();
    private final ObservableList<Location> locations = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<OutsideHoursAppointment> outsideHours = FXCollections.observableArrayList();
    private long generation;

    private AvailabilityViewModel(ServerConnection connection, ServerCalls calls, java.time.Clock clock, boolean ownOnly) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.zone = clock.getZone();
        this.ownOnly = ownOnly;
        doctor.addListener((obs, old, now) -> {
            if (now == null) {
                rules.clear();
                exceptions.clear();
            } else if (old == null || !old.getDoctorId().equals(now.getDoctorId())) {
                notice.set("");
                reload();
            }
        });
    }

    /** For admins (and reception): any active doctor, picked from a list. */
    public static AvailabilityViewModel forAnyDoctor(ServerConnection connection, ServerCalls calls, java.time.Clock clock) {
        return new AvailabilityViewModel(connection, calls, clock, false);
    }

    /** For a signed-in doctor: their own availability only. */
    public static AvailabilityViewModel forDoctor(ServerConnection connection, ServerCalls calls, java.time.Clock clock,
                                                  String doctorId, String displayName) {
        AvailabilityViewModel model = new AvailabilityViewModel(connection, calls, clock, true);
        model.doctors.setAll(Doctor.newBuilder().setDoctorId(doctorId).setDisplayName(displayName).build());
        return model;
    }

    /** Loads what the screen needs first: the doctors to pick from (admins) and the locations the forms offer. */
    public void start() {
        calls.call(new SimpleBooleanProperty(), () -> connection.schedule().listLocations(
                ListLocationsRequest.newBuilder().build()).getLocationsList(), locations::setAll,
                failure -> message.set(failure.message()));
        if (ownOnly) {
            if (doctor.get() == null) {
                doctor.set(doctors.getFirst());
            } else {
                reload();
            }
            return;
        }
        calls.call(busy, () -> connection.schedule().listDoctors(ListDoctorsRequest.newBuilder().build()).getDoctorsList(), list -> {
            String keep = doctor.get() == null ? null : doctor.get().getDoctorId();
            doctors.setAll(list);
            list.stream().filter(d -> d.getDoctorId().equals(keep)).findFirst().ifPresentOrElse(doctor::set, () -> {
                if (doctor.get() == null && !list.isEmpty()) {
                    doctor.set(list.getFirst());
                }
            });
            message.set(list.isEmpty() ? "There are no active doctors yet. Add one on the Staff screen." : "");
        }, failure -> message.set(failure.message()));
    }

    public void reload() {
        Doctor current = doctor.get();
        if (current == null) {
            return;
        }
        long mine = ++generation;
        GetAvailabilityRequest request = GetAvailabilityRequest.newBuilder().setDoctorId(current.getDoctorId()).build();
        calls.call(busy, () -> connection.schedule().getAvailability(request), (GetAvailabilityResponse response) -> {
            if (mine == generation) {
                rules.setAll(response.getRulesList());
                exceptions.setAll(response.getExceptionsList());
                message.set("");
            }
        }, failure -> message.set(failure.message()));
    }

    public void deleteRule(AvailabilityRule rule) {
        DeleteAvailabilityRuleRequest request = DeleteAvailabilityRuleRequest.newBuilder().setRuleId(rule.getRuleId()).build();
        calls.call(busy, () -> connection.schedule().deleteAvailabilityRule(request), r -> {
            notice.set("Weekly rule removed. Appointments already booked in it stay.");
            reload();
        }, failure -> message.set(failure.message()));
    }

    public void removeException(AvailabilityException exception) {
        RemoveAvailabilityExceptionRequest request = RemoveAvailabilityExceptionRequest.newBuilder()
                .setExceptionId(exception.getExceptionId()).build();
        calls.call(busy, () -> connection.schedule().removeAvailabilityException(request), r -> {
            notice.set(exception.getKind() == ExceptionKind.EXCEPTION_KIND_TIME_OFF ? "Time off removed." : "Extra session removed.");
            reload();
        }, failure -> message.set(failure.message()));
    }

    public AvailabilityRuleFormViewModel ruleForm(Optional<AvailabilityRule> rule) {
        return new AvailabilityRuleFormViewModel(connection, calls, doctor.get(), locations, rule, LocalDate.now(clock));
    }

    public AvailabilityExceptionFormViewModel exceptionForm(ExceptionKind kind) {
        return new AvailabilityExceptionFormViewModel(connection, calls, doctor.get(), kind, locations, LocalDate.now(clock));
    }

    /**
     * After a weekly rule is saved: say so, and keep the booked appointments it left outside the
     * doctor's hours for the screen to list and offer the absence move for (issue 11 item 12).
     */
    public void ruleSaved(SaveAvailabilityRuleResponse response) {
        AvailabilityRule rule = response.getRule();
        outsideHours.setAll(response.getOutsideHoursList());
        int outside = outsideHours.size();
        notice.set("Weekly rule saved: " + days(rule.getWeekdaysList()) + " " + rule.getStartTime() + "–" + rule.getEndTime()
                + (rule.getLocationName().isEmpty() ? "" : " at " + rule.getLocationName()) + "."
                + (outside == 0 ? "" : outside == 1 ? " 1 booked appointment is now outside the hours."
                        : " " + outside + " booked appointments are now outside the hours."));
        reload();
    }

    /** The appointments outside the new hours, one a line: "Wed 25 Nov 16:15  Zelda Okoro (A-000012)". */
    public String outsideHoursList() {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (OutsideHoursAppointment a : outsideHours) {
            if (++shown > OUTSIDE_LISTED) {
                b.append("\n… and ").append(outsideHours.size() - OUTSIDE_LISTED).append(" more (the doctor's day and week show them)");
                break;
            }
            b.append(b.isEmpty() ? "" : "\n").append(DAY_TIME.format(ClinicTime.instant(a.getStartsAt()).atZone(zone)))
                    .append("  ").append(a.getPatientName()).append(a.getReference().isEmpty() ? "" : " (" + a.getReference() + ")");
        }
        return b.toString();
    }

    /** How many the list names before "… and N more", so the question fits the screen. */
    static final int OUTSIDE_LISTED = 12;

    /** Reception and admins may move them to colleagues; a doctor's own screen only lists them. */
    public boolean mayMoveOutsideHours() {
        return !ownOnly && !outsideHours.isEmpty();
    }

    /**
     * The absence move for just these appointments: each to a free colleague at the same time
     * (same specialty first); what cannot move stays and is named.
     */
    public void moveOutsideHours() {
        if (outsideHours.isEmpty() || doctor.get() == null || busy.get()) {
            return;
        }
        List<LocalDate> days = outsideHours.stream().map(a -> ClinicTime.instant(a.getStartsAt()).atZone(zone).toLocalDate()).sorted().toList();
        HandleDoctorAbsenceRequest request = HandleDoctorAbsenceRequest.newBuilder().setDoctorId(doctor.get().getDoctorId())
                .setFromDate(days.getFirst().toString()).setToDate(days.getLast().toString())
                .setMode(AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES)
                .setReason("Outside " + doctor.get().getDisplayName() + "'s new hours")
                .addAllOnlyAppointmentIds(outsideHours.stream().map(OutsideHoursAppointment::getAppointmentId).toList()).build();
        calls.call(busy, () -> connection.appointments().handleDoctorAbsence(request), result -> {
            outsideHours.clear();
            message.set("");
            notice.set(movedNotice(result));
        }, failure -> message.set(failure.message()));
    }

    static String movedNotice(HandleDoctorAbsenceResponse result) {
        String moved = Plural.of(result.getMovedCount(), "appointment", "appointments") + " moved to "
                + Plural.noun(result.getMovedCount(), "a colleague.", "colleagues.");
        if (result.getNotMovedCount() == 0) {
            return moved;
        }
        return moved + " " + result.getNotMovedCount() + " could not be moved and stay"
                + result.getOutcomesList().stream().filter(o -> !o.getDone()).findFirst().map(o -> ": " + o.getWhyNot()).orElse(".");
    }

    /** After time off is added, say how many booked appointments now fall in it. */
    public void exceptionAdded(AddAvailabilityExceptionResponse response) {
        notice.set(addedNotice(response));
        reload();
    }

    static String addedNotice(AddAvailabilityExceptionResponse response) {
        if (response.getException().getKind() == ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION) {
            return "Extra session added.";
        }
        int affected = response.getAffectedAppointmentIdsCount();
        return switch (affected) {
            case 0 -> "Time off added. No booked appointments fall in it.";
            case 1 -> "Time off added. 1 booked appointment falls in it: reception should move or cancel it.";
            default -> "Time off added. " + affected + " booked appointments fall in it: reception should move or cancel them.";
        };
    }

    /** ISO weekdays as the clinic names them: "Mon–Fri", "Mon, Wed, Fri". */
    public static String days(List<Integer> weekdays) {
        return ScheduleRules.describeWeekdays(weekdays).replace('-', '–'); // the same dash as the hours beside it
    }

    public static String breaks(List<TimeRange> breaks) {
        return breaks.isEmpty() ? "None" : String.join(", ", breaks.stream().map(b -> b.getStartTime() + "–" + b.getEndTime()).toList());
    }

    public static String validity(String from, String to) {
        String start = from.isEmpty() ? "" : DATE.format(LocalDate.parse(from));
        if (to.isEmpty()) {
            return "From " + start;
        }
        return start + " – " + DATE.format(LocalDate.parse(to));
    }

    /** "Mon 7 Dec 2026 – Fri 11 Dec 2026" for whole days, "Tue 8 Dec 2026 13:00–17:00" within a day. */
    public static String when(AvailabilityException e) {
        LocalDate from = LocalDate.parse(e.getStartDate());
        LocalDate to = e.getEndDate().isEmpty() ? from : LocalDate.parse(e.getEndDate());
        if (e.getStartTime().isEmpty()) {
            return from.equals(to) ? DAY.format(from) + " (whole day)" : DAY.format(from) + " – " + DAY.format(to);
        }
        if (from.equals(to)) {
            return DAY.format(from) + " " + e.getStartTime() + "–" + e.getEndTime();
        }
        return DAY.format(from) + " " + e.getStartTime() + " – " + DAY.format(to) + " " + e.getEndTime();
    }

    public static String kind(AvailabilityException e) {
        return e.getKind() == ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION ? "Extra session" : "Time off";
    }

    /** Where an extra session is held; time off has no place. */
    public String where(AvailabilityException e) {
        if (e.getLocationId().isEmpty()) {
            return "";
        }
        String name = locations.stream().filter(l -> l.getLocationId().equals(e.getLocationId())).map(Location::getName)
                .findFirst().orElse("");
        return name + (e.getSlotMinutes() > 0 ? (name.isEmpty() ? "" : " · ") + e.getSlotMinutes() + "-min slots" : "");
    }

    public boolean ownOnly() { return ownOnly; }
    public ZoneId zone() { return zone; }
    public ObservableList<Doctor> doctors() { return doctors; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public ObservableList<AvailabilityRule> rules() { return rules; }
    public ObservableList<AvailabilityException> exceptions() { return exceptions; }
    public ObservableList<Location> locations() { return locations; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public ObservableList<OutsideHoursAppointment> outsideHours() { return outsideHours; }
    public BooleanProperty busyProperty() { return busy; }
}
