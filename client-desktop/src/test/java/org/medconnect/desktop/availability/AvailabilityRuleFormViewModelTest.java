package org.medconnect.desktop.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.Room;
import org.medconnect.proto.schedule.v1.TimeRange;

class AvailabilityRuleFormViewModelTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Doctor DOCTOR = Doctor.newBuilder().setDoctorId("doc-1").setDisplayName("Dr Anna Chen").build();
    static final Location MAIN = Location.newBuilder().setLocationId("loc-1").setName("Main clinic").build();

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });
    private AvailabilityRuleFormViewModel form;

    @BeforeEach
    void newForm() {
        form = new AvailabilityRuleFormViewModel(connection, calls, DOCTOR, FXCollections.observableArrayList(MAIN), Optional.empty(), TODAY);
        runner.succeed(List.<Room>of()); // rooms of the only location, chosen for the admin
    }

    @Test
    void aNewRuleStartsAsAnOrdinaryWeekAtTheOnlyLocation() {
        assertThat(form.locationProperty().get()).isEqualTo(MAIN);
        assertThat(form.chosenWeekdays()).containsExactly(1, 2, 3, 4, 5);
        assertThat(form.validFromProperty().get()).isEqualTo(TODAY);
        assertThat(form.validToProperty().get()).isNull();
    }

    @Test
    void sendsTheRuleWithTimesWrittenHhMmAndBreaksInOrder() {
        form.weekdayProperty(5).set(false);
        form.weekdayProperty(6).set(true);
        form.startProperty().set("8:00");
        form.endProperty().set("16.30");
        form.slotProperty().set("20");
        form.addBreak();
        form.breaks().getFirst().startProperty().set("14:00");
        form.breaks().getFirst().endProperty().set("14:15");
        form.addBreak();
        form.breaks().getLast().startProperty().set("12:00");
        form.breaks().getLast().endProperty().set("12:45");
        form.validToProperty().set(LocalDate.of(2027, 3, 31));

        assertThat(form.validate()).isTrue();
        AvailabilityRule rule = form.toRule();

        assertThat(rule.getDoctorId()).isEqualTo("doc-1");
        assertThat(rule.getLocationId()).isEqualTo("loc-1");
        assertThat(rule.getRoomId()).isEmpty();
        assertThat(rule.getWeekdaysList()).containsExactly(1, 2, 3, 4, 6);
        assertThat(rule.getStartTime()).isEqualTo("08:00");
        assertThat(rule.getEndTime()).isEqualTo("16:30");
        assertThat(rule.getSlotMinutes()).isEqualTo(20);
        assertThat(rule.getBreaksList()).extracting(TimeRange::getStartTime).containsExactly("12:00", "14:00");
        assertThat(rule.getValidFrom()).isEqualTo("2026-11-23");
        assertThat(rule.getValidTo()).isEqualTo("2027-03-31");
    }

    @Nested
    class Checks {

        @Test
        void eachProblemShowsNextToItsFieldAndNothingIsSent() {
            for (int day = 1; day <= 7; day++) {
                form.weekdayProperty(day).set(false);
            }
            form.startProperty().set("9");
            form.endProperty().set("25:00");
            form.slotProperty().set("2");

            form.save();

            assertThat(form.error(AvailabilityRuleFormViewModel.WEEKDAYS).get()).isEqualTo("Choose at least one day of the week.");
            assertThat(form.error(AvailabilityRuleFormViewModel.START).get()).contains("HH:MM");
            assertThat(form.error(AvailabilityRuleFormViewModel.END).get()).contains("HH:MM");
            assertThat(form.error(AvailabilityRuleFormViewModel.SLOT).get()).isEqualTo("Slots last 5 to 240 minutes.");
            assertThat(form.messageProperty().get()).isEqualTo("Check the highlighted fields.");
            assertThat(runner.pendingCount()).isZero();
        }

        @Test
        void theEndMustComeAfterTheStart() {
            form.startProperty().set("17:00");
            form.endProperty().set("09:00");

            assertThat(form.validate()).isFalse();
            assertThat(form.error(AvailabilityRuleFormViewModel.END).get()).isEqualTo("The session must end after it starts.");
        }

        @Test
        void aSlotLongerThanTheSessionIsRefused() {
            form.startProperty().set("09:00");
            form.endProperty().set("09:30");
            form.slotProperty().set("45");

            assertThat(form.validate()).isFalse();
            assertThat(form.error(AvailabilityRuleFormViewModel.SLOT).get()).isEqualTo("A slot cannot be longer than the session.");
        }

        @Test
        void aBreakOutsideTheHoursIsRefused() {
            form.addBreak();
            form.breaks().getFirst().startProperty().set("18:00");
            form.breaks().getFirst().endProperty().set("18:30");

            assertThat(form.validate()).isFalse();
            assertThat(form.error(AvailabilityRuleFormViewModel.BREAKS).get()).isEqualTo("The break 18:00-18:30 is outside the session 09:00-17:00.");
        }

        @Test
        void overlappingBreaksAreRefused() {
            form.addBreak();
            form.addBreak();
            form.breaks().getLast().startProperty().set("13:00");
            form.breaks().getLast().endProperty().set("13:45");

            assertThat(form.validate()).isFalse();
            assertThat(form.error(AvailabilityRuleFormViewModel.BREAKS).get()).isEqualTo("The break 13:00-13:45 overlaps the break 12:30-13:30.");
        }

        @Test
        void theLastDayMayNotComeBeforeTheFirst() {
            form.validToProperty().set(TODAY.minusDays(1));

            assertThat(form.validate()).isFalse();
            assertThat(form.error(AvailabilityRuleFormViewModel.VALID_TO).get()).isEqualTo("The rule cannot end before it starts (2026-11-23).");
        }
    }

    @Nested
    class ServerAnswers {

        @Test
        void anOverlapWithAnotherRuleShowsNextToTheDays() {
            form.save();
            runner.fail(Failures.reason(Status.Code.FAILED_PRECONDITION,
                    "This overlaps the rule Mon-Fri 08:00-12:00 at Main clinic.", "AVAILABILITY_OVERLAP"));

            assertThat(form.error(AvailabilityRuleFormViewModel.WEEKDAYS).get()).isEqualTo("This overlaps the rule Mon-Fri 08:00-12:00 at Main clinic.");
            assertThat(form.messageProperty().get()).isEqualTo("Change the days, hours or dates so the rules do not overlap.");
            assertThat(form.busyProperty().get()).isFalse();
        }

        @Test
        void fieldErrorsFindTheirFieldsWhateverPrefixTheServerUses() {
            form.save();
            runner.fail(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.", "VALIDATION",
                    "rule.slot_minutes", "Slots last 5 to 240 minutes.", "breaks[1]", "The break overlaps the break 12:30-13:30."));

            assertThat(form.error(AvailabilityRuleFormViewModel.SLOT).get()).isEqualTo("Slots last 5 to 240 minutes.");
            assertThat(form.error(AvailabilityRuleFormViewModel.BREAKS).get()).startsWith("The break overlaps");
            assertThat(form.messageProperty().get()).isEqualTo("Check the highlighted fields.");
        }

        @Test
        void aSavedRuleIsHandedBack() {
            AvailabilityRule[] saved = new AvailabilityRule[1];
            form.onSaved(response -> saved[0] = response.getRule());

            form.save();
            runner.succeed(org.medconnect.proto.schedule.v1.SaveAvailabilityRuleResponse.newBuilder()
                    .setRule(form.toRule().toBuilder().setRuleId("rule-9").setLocationName("Main clinic")).build());

            assertThat(saved[0].getRuleId()).isEqualTo("rule-9");
        }
    }

    @Test
    void editingKeepsTheRulesIdAndRoom() {
        Room three = Room.newBuilder().setRoomId("room-3").setLocationId("loc-1").setName("Room 3").build();
        AvailabilityRule existing = AvailabilityRule.newBuilder().setRuleId("rule-1").setDoctorId("doc-1").setLocationId("loc-1")
                .setRoomId("room-3").addAllWeekdays(List.of(2, 4)).setStartTime("14:00").setEndTime("18:00").setSlotMinutes(30)
                .setValidFrom("2026-01-05").build();
        AvailabilityRuleFormViewModel edit = new AvailabilityRuleFormViewModel(connection, calls, DOCTOR,
                FXCollections.observableArrayList(MAIN), Optional.of(existing), TODAY);
        runner.succeed(List.of(three));

        assertThat(edit.roomProperty().get()).isEqualTo(three);
        assertThat(edit.validate()).isTrue();
        assertThat(edit.toRule().getRuleId()).isEqualTo("rule-1");
        assertThat(edit.toRule().getRoomId()).isEqualTo("room-3");
        assertThat(edit.toRule().getWeekdaysList()).containsExactly(2, 4);
    }
}
