package org.medconnect.desktop.appointment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;

/** Seven days of the signed-in doctor's appointments from a first day (today unless moved), one column a day. */
public final class WeekViewModel {

    static final int DAYS = 7;

    /** One day's column: its appointments in time order. */
    public record Day(LocalDate date, List<Appointment> appointments) {
        public int count() {
            return appointments.size();
        }
    }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectProperty<LocalDate> first = new SimpleObjectProperty<>();
    private final ObservableList<Day> days = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public WeekViewModel(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.zone = clock.getZone();
        first.set(LocalDate.now(clock));
        days.setAll(group(List.of(), first.get(), zone));
        first.addListener((obs, old, now) -> reload());
    }

    public void reload() {
        long mine = ++generation;
        LocalDate start = first.get();
        ListAppointmentsRequest.Builder request = ListAppointmentsRequest.newBuilder()
                .setFrom(ClinicTime.startOf(start, zone))
                .setTo(ClinicTime.startOf(start.plusDays(DAYS), zone));
        // Cancelled and declined appointments no longer take the doctor's time, so the week leaves them out.
        for (AppointmentStatus status : AppointmentStatus.values()) {
            if (status != AppointmentStatus.UNRECOGNIZED && status != AppointmentStatus.APPOINTMENT_STATUS_UNSPECIFIED
                    && !StatusStyle.of(status).faded()) {
                request.addStatuses(status);
            }
        }
        calls.call(busy, () -> connection.appointments().listAppointments(request.build()).getAppointmentsList(), list -> {
            if (mine == generation) {
                List<Day> grouped = group(list, start, zone);
                days.setAll(shown(grouped));
                summary.set(summarize(grouped));
                message.set("");
            }
        }, failure -> message.set(failure.message()));
    }

    public void previousWeek() {
        first.set(first.get().minusDays(DAYS));
    }

    public void nextWeek() {
        first.set(first.get().plusDays(DAYS));
    }

    public void thisWeek() {
        first.set(LocalDate.now(clock));
    }

    public boolean isToday(LocalDate day) {
        return day.equals(LocalDate.now(clock));
    }

    static List<Day> group(List<Appointment> list, LocalDate start, ZoneId zone) {
        List<Appointment> sorted = MyDayViewModel.inTimeOrder(list);
        List<Day> result = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            LocalDate date = start.plusDays(i);
            result.add(new Day(date, sorted.stream().filter(a -> ClinicTime.dateOf(a.getStartsAt(), zone).equals(date)).toList()));
        }
        return result;
    }

    /**
     * The columns to draw: a Saturday or Sunday with nothing booked is left out, so a clinic
     * closed at weekends does not show two empty columns; a weekend with appointments stays.
     */
    static List<Day> shown(List<Day> week) {
        return week.stream().filter(d -> d.count() > 0 || (d.date().getDayOfWeek() != java.time.DayOfWeek.SATURDAY
                && d.date().getDayOfWeek() != java.time.DayOfWeek.SUNDAY)).toList();
    }

    static String summarize(List<Day> week) {
        long total = week.stream().mapToLong(Day::count).sum();
        long pending = week.stream().flatMap(d -> d.appointments().stream())
                .filter(a -> a.getStatus() == AppointmentStatus.APPOINTMENT_STATUS_PENDING).count();
        long busiest = week.stream().mapToLong(Day::count).max().orElse(0);
        String text = MyDayViewModel.plural(total, "appointment") + " in these 7 days";
        if (pending > 0) {
            text += " · " + pending + " awaiting you";
        }
        if (busiest > 0) {
            text += " · busiest day " + busiest;
        }
        return text;
    }

    public ZoneId zone() { return zone; }
    public ObjectProperty<LocalDate> firstDayProperty() { return first; }
    public ObservableList<Day> days() { return days; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
