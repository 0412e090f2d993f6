package org.medconnect.desktop.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.availability.AvailabilityRuleFormViewModelTest.DOCTOR;
import static org.medconnect.desktop.availability.AvailabilityRuleFormViewModelTest.MAIN;
import static org.medconnect.desktop.availability.AvailabilityRuleFormViewModelTest.TODAY;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.ExceptionKind;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;

class AvailabilityExceptionFormViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });

    private AvailabilityExceptionFormViewModel form(ExceptionKind kind, Location... locations) {
        return new AvailabilityExceptionFormViewModel(connection, calls, DOCTOR, kind, FXCollections.observableArrayList(locations), TODAY);
    }

    @Test
    void wholeDaysOfTimeOffAreSentWithoutTimes() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_TIME_OFF, MAIN);
        form.startDateProperty().set(TODAY.plusDays(14));
        form.endDateProperty().set(TODAY.plusDays(18));
        form.reasonProperty().set(" Annual leave ");

        assertThat(form.validate()).isTrue();
        AvailabilityException exception = form.toException();

        assertThat(exception.getKind()).isEqualTo(ExceptionKind.EXCEPTION_KIND_TIME_OFF);
        assertThat(exception.getStartDate()).isEqualTo("2026-12-07");
        assertThat(exception.getEndDate()).isEqualTo("2026-12-11");
        assertThat(exception.getStartTime()).isEmpty();
        assertThat(exception.getEndTime()).isEmpty();
        assertThat(exception.getLocationId()).isEmpty();
        assertThat(exception.getReason()).isEqualTo("Annual leave");
    }

    @Test
    void theLastDayFollowsTheFirstUntilItIsSetApart() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_TIME_OFF);

        form.startDateProperty().set(TODAY.plusDays(3));

        assertThat(form.endDateProperty().get()).isEqualTo(TODAY.plusDays(3));
    }

    @Test
    void anAfternoonOffNeedsItsEndAfterItsStart() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_TIME_OFF);
        form.wholeDaysProperty().set(false);
        form.startTimeProperty().set("17:00");
        form.endTimeProperty().set("13:00");

        form.save();

        assertThat(form.error(AvailabilityExceptionFormViewModel.END_TIME).get()).isEqualTo("The time off must end after it starts.");
        assertThat(runner.pendingCount()).isZero();

        form.endTimeProperty().set("18:00");
        assertThat(form.validate()).isTrue();
        assertThat(form.toException().getStartTime()).isEqualTo("17:00");
        assertThat(form.toException().getEndTime()).isEqualTo("18:00");
    }

    @Test
    void anExtraSessionNeedsAPlaceAndASlotLength() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION);
        form.slotProperty().set("");

        assertThat(form.validate()).isFalse();
        assertThat(form.error(AvailabilityExceptionFormViewModel.LOCATION).get()).isEqualTo("Choose where the extra session is.");
        assertThat(form.error(AvailabilityExceptionFormViewModel.SLOT).get()).contains("whole minutes");
    }

    @Test
    void anExtraSessionIsOneDayAtTheChosenPlace() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION, MAIN);
        runner.succeed(List.<Room>of());
        form.startDateProperty().set(TODAY.plusDays(5));

        assertThat(form.validate()).isTrue();
        AvailabilityException exception = form.toException();

        assertThat(exception.getKind()).isEqualTo(ExceptionKind.EXCEPTION_KIND_EXTRA_SESSION);
        assertThat(exception.getStartDate()).isEqualTo(exception.getEndDate());
        assertThat(exception.getStartTime()).isEqualTo("09:00");
        assertThat(exception.getEndTime()).isEqualTo("13:00");
        assertThat(exception.getLocationId()).isEqualTo("loc-1");
        assertThat(exception.getSlotMinutes()).isEqualTo(15);
    }

    @Test
    void timeOffStartingInThePastIsQuestionedBeforeItIsSaved() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_TIME_OFF);

        form.startDateProperty().set(TODAY.minusDays(56)); // "10/12/2026" read month first is 12 October

        assertThat(form.doubtfulDate()).hasValueSatisfying(question -> assertThat(question)
                .contains("in the past").contains(org.medconnect.desktop.platform.ClinicTime.longDay(TODAY)));
    }

    @Test
    void timeOffInTheComingWeeksIsNotQuestioned() {
        AvailabilityExceptionFormViewModel form = form(ExceptionKind.EXCEPTION_KIND_TIME_OFF);

        form.startDateProperty().set(TODAY.plusDays(4));

        assertThat(form.doubtfulDate()).isEmpty();
    }
}
