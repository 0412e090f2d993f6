package org.medconnect.desktop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.Samples.ADEYEMI;
import static org.medconnect.desktop.appointment.Samples.CHEN;
import static org.medconnect.desktop.appointment.Samples.DAY;
import static org.medconnect.desktop.appointment.Samples.GARCIA;
import static org.medconnect.desktop.appointment.Samples.NOVAK;
import static org.medconnect.desktop.appointment.Samples.OKAFOR;
import static org.medconnect.desktop.appointment.Samples.ZONE;
import static org.medconnect.desktop.appointment.Samples.appointment;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CANCELLED;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_DECLINED;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.Appointment;

class DayBoardLayoutTest {

    private static DayBoardLayout layout(List<Appointment> appointments, boolean showReleased) {
        return DayBoardLayout.of(DAY, ZONE, List.of(CHEN, ADEYEMI), appointments, showReleased);
    }

    @Test
    void doctorsAreColumnsInTheOrderGivenWithTheirSpecialization() {
        DayBoardLayout board = layout(List.of(), false);

        assertThat(board.columns()).extracting(DayBoardLayout.Column::name).containsExactly("Dr Anna Chen", "Dr Samuel Adeyemi");
        assertThat(board.columns().getFirst().detail()).isEqualTo("Cardiologist");
    }

    @Test
    void anEmptyDayRunsFromEightToSixInQuarterHours() {
        DayBoardLayout board = layout(List.of(), false);

        assertThat(board.rows()).isEqualTo(40);
        assertThat(board.timeOfRow(0)).isEqualTo(LocalTime.of(8, 0));
        assertThat(board.timeOfRow(39)).isEqualTo(LocalTime.of(17, 45));
    }

    @Test
    void anAppointmentSitsInItsDoctorsColumnAtItsClinicTimeAndSpansItsLength() {
        Appointment a = appointment("a1", ADEYEMI, GARCIA, DAY, "09:30", 30, APPOINTMENT_STATUS_CONFIRMED);

        DayBoardLayout.Block block = layout(List.of(a), false).blocks().getFirst();

        assertThat(block.column()).isEqualTo(1);
        assertThat(block.startMinute()).isEqualTo(90); // 09:30 is 90 minutes after the board's 08:00
        assertThat(block.minutes()).isEqualTo(30);
        assertThat(block.style()).isEqualTo(StatusStyle.CONFIRMED);
        assertThat(block.lanes()).isEqualTo(1);
    }

    @Test
    void theBoardStretchesToShowAnEarlyOrLateAppointment() {
        Appointment early = appointment("a1", CHEN, GARCIA, DAY, "07:15", 30, APPOINTMENT_STATUS_CONFIRMED);
        Appointment late = appointment("a2", CHEN, NOVAK, DAY, "18:30", 30, APPOINTMENT_STATUS_CONFIRMED);

        DayBoardLayout board = layout(List.of(early, late), false);

        assertThat(board.timeOfRow(0)).isEqualTo(LocalTime.of(7, 0));
        assertThat(board.lastMinute()).isEqualTo(19 * 60);
        assertThat(board.blocks()).extracting(DayBoardLayout.Block::startMinute).containsExactly(15, 690);
    }

    @Nested
    class CancelledAndDeclined {

        private final Appointment cancelled = appointment("gone", CHEN, NOVAK, DAY, "10:00", 30, APPOINTMENT_STATUS_CANCELLED);
        private final Appointment declined = appointment("no", CHEN, NOVAK, DAY, "11:00", 30, APPOINTMENT_STATUS_DECLINED);
        private final Appointment replacement = appointment("new", CHEN, GARCIA, DAY, "10:00", 30, APPOINTMENT_STATUS_CHECKED_IN);

        @Test
        void areHiddenUnlessAskedFor() {
            assertThat(layout(List.of(cancelled, declined, replacement), false).blocks())
                    .extracting(b -> b.appointment().getAppointmentId()).containsExactly("new");
        }

        @Test
        void areFadedWhenShownAndShareTheTimeWithWhatReplacedThem() {
            List<DayBoardLayout.Block> blocks = layout(List.of(cancelled, replacement, declined), true).blocksOf(0);

            DayBoardLayout.Block live = blocks.stream().filter(b -> b.appointment().getAppointmentId().equals("new")).findFirst().orElseThrow();
            DayBoardLayout.Block faded = blocks.stream().filter(b -> b.appointment().getAppointmentId().equals("gone")).findFirst().orElseThrow();
            assertThat(live.lane()).isZero();
            assertThat(faded.lane()).isEqualTo(1);
            assertThat(live.lanes()).isEqualTo(2);
            assertThat(faded.style().faded()).isTrue();
            DayBoardLayout.Block alone = blocks.stream().filter(b -> b.appointment().getAppointmentId().equals("no")).findFirst().orElseThrow();
            assertThat(alone.lanes()).as("11:00 overlaps nothing").isEqualTo(1);
        }
    }

    @Test
    void aBookedDoctorMissingFromTheListStillGetsAColumn() {
        Appointment elsewhere = appointment("a1", OKAFOR, GARCIA, DAY, "12:00", 30, APPOINTMENT_STATUS_CONFIRMED);

        DayBoardLayout board = layout(List.of(elsewhere), false);

        assertThat(board.columns()).extracting(DayBoardLayout.Column::name).containsExactly("Dr Anna Chen", "Dr Samuel Adeyemi", "Dr Ngozi Okafor");
        assertThat(board.blocks().getFirst().column()).isEqualTo(2);
    }

    @Test
    void onTheDayClocksGoForwardAnAppointmentStaysAtItsWallClockTime() {
        LocalDate springForward = LocalDate.of(2026, 3, 29); // Europe/Berlin skips 02:00-03:00
        Appointment a = appointment("a1", CHEN, GARCIA, springForward, "09:00", 30, APPOINTMENT_STATUS_CONFIRMED);

        DayBoardLayout board = DayBoardLayout.of(springForward, ZONE, List.of(CHEN), List.of(a), false);

        assertThat(board.blocks().getFirst().startMinute()).isEqualTo(60);
    }

    @Test
    void aRowIsFoundFromAPositionOnTheBoard() {
        DayBoardLayout board = layout(List.of(), false);

        assertThat(board.rowAt(0)).contains(0);
        assertThat(board.rowAt(44)).contains(2);
        assertThat(board.rowAt(-1)).isEmpty();
        assertThat(board.rowAt(600)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Jane Smithson | Smithson, Jane",
            "Maria de la Cruz | de la Cruz, Maria",
            "Ludwig van Beethoven | van Beethoven, Ludwig",
            "Mary Ann Smith | Smith, Mary Ann",
            "Cher | Cher"})
    void aNarrowColumnShowsTheSurnameFirst(String name, String shown) {
        assertThat(DayBoardLayout.surnameFirst(name)).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void aOneLineBlockInANarrowColumnKeepsTheWholeSurnameAndTheInitial() {
        org.assertj.core.api.Assertions.assertThat(DayBoardLayout.surnameAndInitial("Felix Wagner")).isEqualTo("Wagner, F.");
        org.assertj.core.api.Assertions.assertThat(DayBoardLayout.surnameAndInitial("Maria de la Cruz")).isEqualTo("de la Cruz, M.");
        org.assertj.core.api.Assertions.assertThat(DayBoardLayout.surnameAndInitial("Madonna")).isEqualTo("Madonna");
    }
}
