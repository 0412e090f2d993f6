package org.medconnect.desktop.platform.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.appointment.v1.AppointmentStatus;

/** A screen's list kept current by events: newer copies win, older ones are dropped, moves leave. */
class LiveAppointmentsTest {

    private static final Comparator<Appointment> BY_START = Comparator.comparingLong((Appointment a) -> a.getStartsAt().getSeconds())
            .thenComparing(Appointment::getAppointmentId);
    // The screen shows doctor "chen" between 1000 and 2000.
    private static final Predicate<Appointment> CHEN_TODAY = a -> a.getDoctorId().equals("chen")
            && a.getStartsAt().getSeconds() >= 1000 && a.getStartsAt().getSeconds() < 2000;

    private final LiveAppointments live = new LiveAppointments(BY_START);
    private final List<Appointment> shown = new ArrayList<>();

    private static Appointment a(String id, long version, String doctor, long start, AppointmentStatus status) {
        return Appointment.newBuilder().setAppointmentId(id).setVersion(version).setDoctorId(doctor)
                .setStartsAt(Timestamp.newBuilder().setSeconds(start)).setStatus(status).build();
    }

    private static Appointment confirmed(String id, long version, long start) {
        return a(id, version, "chen", start, AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED);
    }

    private static AppointmentEvent event(Appointment appointment) {
        return AppointmentEvent.newBuilder().setAppointment(appointment).build();
    }

    private List<String> ids() {
        return shown.stream().map(x -> x.getAppointmentId() + "@v" + x.getVersion()).toList();
    }

    private void load(Appointment... appointments) {
        live.loadStarted();
        live.loaded(List.of(appointments), CHEN_TODAY, shown);
    }

    @Test
    void aNewerCopyReplacesTheShownOneInPlace() {
        load(confirmed("x", 1, 1100), confirmed("y", 1, 1200));
        Appointment checkedIn = a("x", 2, "chen", 1100, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
        assertThat(live.apply(event(checkedIn), CHEN_TODAY, shown)).isTrue();
        assertThat(ids()).containsExactly("x@v2", "y@v1");
        assertThat(shown.getFirst().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
    }

    @Test
    void anOlderOrEqualCopyIsIgnored() {
        load(confirmed("x", 3, 1100));
        assertThat(live.apply(event(a("x", 2, "chen", 1100, AppointmentStatus.APPOINTMENT_STATUS_PENDING)), CHEN_TODAY, shown)).isFalse();
        assertThat(live.apply(event(a("x", 3, "chen", 1100, AppointmentStatus.APPOINTMENT_STATUS_PENDING)), CHEN_TODAY, shown)).isFalse();
        assertThat(ids()).containsExactly("x@v3");
        assertThat(shown.getFirst().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED);
    }

    @Test
    void aNewBookingIsAddedInTimeOrder() {
        load(confirmed("x", 1, 1100), confirmed("z", 1, 1500));
        live.apply(event(confirmed("y", 1, 1300)), CHEN_TODAY, shown);
        assertThat(ids()).containsExactly("x@v1", "y@v1", "z@v1");
    }

    @Test
    void anAppointmentMovedToAnotherDoctorOrDayLeaves() {
        load(confirmed("x", 1, 1100), confirmed("y", 1, 1200));
        assertThat(live.apply(event(a("x", 2, "okafor", 1100, AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED)), CHEN_TODAY, shown)).isTrue();
        assertThat(live.apply(event(confirmed("y", 2, 5000)), CHEN_TODAY, shown)).isTrue();
        assertThat(shown).isEmpty();
        // A late copy from before the move must not bring it back.
        assertThat(live.apply(event(confirmed("x", 1, 1100)), CHEN_TODAY, shown)).isFalse();
        assertThat(shown).isEmpty();
    }

    @Test
    void aMoveWithinTheDayReordersTheList() {
        load(confirmed("x", 1, 1100), confirmed("y", 1, 1200));
        live.apply(event(confirmed("x", 2, 1300)), CHEN_TODAY, shown);
        assertThat(ids()).containsExactly("y@v1", "x@v2");
    }

    @Test
    void eventsDuringALoadAreAppliedOverItsResultWhenNewer() {
        live.loadStarted();
        live.apply(event(a("x", 3, "chen", 1100, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)), CHEN_TODAY, shown);
        live.apply(event(confirmed("w", 1, 1050)), CHEN_TODAY, shown);
        live.apply(event(confirmed("y", 1, 1200)), CHEN_TODAY, shown); // older than the list's copy
        assertThat(shown).as("nothing applied while loading").isEmpty();

        live.loaded(List.of(confirmed("x", 2, 1100), a("y", 2, "chen", 1200, AppointmentStatus.APPOINTMENT_STATUS_CANCELLED)),
                CHEN_TODAY, shown);
        assertThat(ids()).containsExactly("w@v1", "x@v3", "y@v2");
        assertThat(shown.get(2).getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CANCELLED);
    }

    @Test
    void aFailedLoadKeepsTheOldListAndAppliesWhatCameMeanwhile() {
        load(confirmed("x", 1, 1100));
        live.loadStarted();
        live.apply(event(confirmed("x", 2, 1150)), CHEN_TODAY, shown);
        assertThat(live.loadFailed(CHEN_TODAY, shown)).isTrue();
        assertThat(ids()).containsExactly("x@v2");
    }

    @Test
    void aCopyWithoutAVersionIsTakenAsItIs() {
        load(confirmed("x", 0, 1100));
        assertThat(live.apply(event(a("x", 0, "chen", 1100, AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN)), CHEN_TODAY, shown)).isTrue();
        assertThat(shown.getFirst().getStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN);
    }
}
