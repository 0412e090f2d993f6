package org.medconnect.desktop.absence;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Action;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Phase;
import org.medconnect.desktop.absence.DoctorAbsenceViewModel.Row;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.AbsenceMode;
import org.medconnect.proto.appointment.v1.AbsenceOutcome;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.proto.schedule.v1.Doctor;

class DoctorAbsenceViewModelTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 23 November 2026, 09:00 in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), BERLIN);
    static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);

    static final Doctor OKAFOR = doctor("d1", "Dr Okafor", "Cardiology");
    static final Doctor LINDQVIST = doctor("d2", "Dr Lindqvist", "Cardiology");
    static final Doctor SHARMA = doctor("d3", "Dr Sharma", "Dermatology");

    final FakeAbsenceServer server = new FakeAbsenceServer().doctors(OKAFOR, LINDQVIST, SHARMA);
    final DoctorAbsenceViewModel model = new DoctorAbsenceViewModel(server.connection(), server.calls(), CLOCK);

    @AfterEach
    void stop() {
        server.close();
    }

    static Doctor doctor(String id, String name, String specialization) {
        return Doctor.newBuilder().setDoctorId(id).setDisplayName(name).setSpecialization(specialization).build();
    }

    static Appointment appointment(String patient, String phone, String doctorName, String time) {
        Instant start = ZonedDateTime.of(TUESDAY, LocalTime.parse(time), BERLIN).toInstant();
        return Appointment.newBuilder().setAppointmentId(patient).setDoctorName(doctorName).setTypeName("Consultation")
                .setPatient(PatientSummary.newBuilder().setDisplayName(patient).setPhone(phone))
                .setStartsAt(Timestamp.newBuilder().setSeconds(start.getEpochSecond())).build();
    }

    /** Ana moves to Dr Lindqvist at 09:00; Ben at 10:00 cannot move. */
    static HandleDoctorAbsenceResponse oneMovesOneCannot() {
        return HandleDoctorAbsenceResponse.newBuilder()
                .addOutcomes(AbsenceOutcome.newBuilder().setDone(true)
                        .setAppointment(appointment("Ana Silva", "+1 555 0101", "Dr Lindqvist", "09:00")))
                .addOutcomes(AbsenceOutcome.newBuilder().setDone(false)
                        .setWhyNot("No colleague of the same specialty is free at Tue 24 Nov 10:00.")
                        .setAppointment(appointment("Ben Carter", "+1 555 0102", "Dr Okafor", "10:00")))
                .setMovedCount(1).setNotMovedCount(1).build();
    }

    static HandleDoctorAbsenceResponse counts(int moved, int cancelled, int notMoved) {
        HandleDoctorAbsenceResponse.Builder r = HandleDoctorAbsenceResponse.newBuilder()
                .setMovedCount(moved).setCancelledCount(cancelled).setNotMovedCount(notMoved);
        for (int i = 0; i < moved + cancelled + notMoved; i++) {
            r.addOutcomes(AbsenceOutcome.newBuilder().setDone(i < moved + cancelled)
                    .setAppointment(appointment("Patient " + i, "", "Dr Lindqvist", "09:00")));
        }
        return r.build();
    }

    void fillIn() {
        model.loadDoctors();
        model.doctorProperty().set(OKAFOR);
        model.firstDayProperty().set(TUESDAY);
        model.lastDayProperty().set(TUESDAY.plusDays(2));
        model.reasonProperty().set("  Dr Okafor is on leave ");
    }

    void previewed(HandleDoctorAbsenceResponse answer) {
        server.onAbsence(r -> answer);
        fillIn();
        model.preview();
    }

    @Nested
    class ChoosingTheDoctor {
        @Test
        void listsEveryDoctorWithTheirSpecialty() {
            model.loadDoctors();

            assertThat(model.doctors()).extracting(DoctorAbsenceViewModel::label)
                    .containsExactly("Dr Okafor — Cardiology", "Dr Lindqvist — Cardiology", "Dr Sharma — Dermatology");
        }

        @Test
        void namesTheColleaguesWhoCouldTakeTheAppointments() {
            model.loadDoctors();
            model.doctorProperty().set(OKAFOR);
            assertThat(model.colleaguesProperty().get()).isEqualTo("Same specialty first: Dr Lindqvist; then Dr Sharma.");

            model.doctorProperty().set(SHARMA);
            // Beyond the same specialty: the absence move tries every other doctor (issue 11 item 16).
            assertThat(model.colleaguesProperty().get()).isEqualTo("No other doctor is in Dermatology: tries the 2 other doctors.");
        }

        @Test
        void startsWithTodayAsTheOnlyDayAndMovingAsTheChoice() {
            assertThat(model.firstDayProperty().get()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(model.lastDayProperty().get()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(model.spanProperty().get()).isEqualTo("1 day");
            assertThat(model.actionProperty().get()).isEqualTo(Action.MOVE_TO_COLLEAGUES);
        }
    }

    @Nested
    class Preview {
        @Test
        void asksForADryRunOfExactlyWhatWasChosen() {
            previewed(oneMovesOneCannot());

            var sent = server.lastRequest();
            assertThat(sent.getDryRun()).isTrue();
            assertThat(sent.getDoctorId()).isEqualTo("d1");
            assertThat(sent.getFromDate()).isEqualTo("2026-11-24");
            assertThat(sent.getToDate()).isEqualTo("2026-11-26");
            assertThat(sent.getMode()).isEqualTo(AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES);
            assertThat(sent.getReason()).isEqualTo("Dr Okafor is on leave");
        }

        @Test
        void showsWhatWouldHappenToEachAppointmentAndCountsThem() {
            previewed(oneMovesOneCannot());

            assertThat(model.phaseProperty().get()).isEqualTo(Phase.PREVIEWED);
            assertThat(model.rows()).extracting(Row::when, Row::patient, Row::phone, Row::result).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Tue 24 Nov 09:00", "Ana Silva", "+1 555 0101", "Moves to Dr Lindqvist"),
                    org.assertj.core.groups.Tuple.tuple("Tue 24 Nov 10:00", "Ben Carter", "+1 555 0102",
                            "Cannot move: No colleague of the same specialty is free at Tue 24 Nov 10:00."));
            assertThat(model.summaryProperty().get()).isEqualTo("1 move, 1 cannot be moved");
            assertThat(model.canApplyProperty().get()).isTrue();
        }

        @Test
        void cancellingSaysEachWillBeCancelled() {
            server.onAbsence(r -> counts(0, 2, 0));
            fillIn();
            model.actionProperty().set(Action.CANCEL);

            model.preview();

            assertThat(server.lastRequest().getMode()).isEqualTo(AbsenceMode.ABSENCE_MODE_CANCEL);
            assertThat(model.rows()).extracting(Row::result).containsOnly("Will be cancelled");
            // A cancellation is a warning, not good news: amber, never the green of a move.
            assertThat(model.rows()).extracting(Row::resultStyle).containsOnly("absence-cancels");
            assertThat(model.summaryProperty().get()).isEqualTo("2 will be cancelled");
        }

        @Test
        void aDoctorWithNothingToHandleSaysSoAndCannotBeApplied() {
            server.onAbsence(r -> HandleDoctorAbsenceResponse.getDefaultInstance());
            fillIn();
            model.lastDayProperty().set(TUESDAY);

            model.preview();

            assertThat(model.summaryProperty().get()).isEqualTo("Dr Okafor has no pending or confirmed appointments on Tue 24 Nov.");
            assertThat(model.canApplyProperty().get()).isFalse();
        }

        @Test
        void nothingThatCanMoveMeansNothingToApply() {
            previewed(counts(0, 0, 3));

            assertThat(model.summaryProperty().get()).isEqualTo("3 cannot be moved");
            assertThat(model.canApplyProperty().get()).isFalse();
        }

        @Test
        void missingChoicesAreShownAtTheirFieldsWithoutAskingTheServer() {
            model.loadDoctors();
            model.lastDayProperty().set(model.firstDayProperty().get().minusDays(1));

            model.preview();

            assertThat(server.requests()).isEmpty();
            assertThat(model.doctorErrorProperty().get()).isEqualTo("Choose the doctor who is absent.");
            assertThat(model.daysErrorProperty().get()).isEqualTo("The last day must not be before the first.");
            assertThat(model.reasonErrorProperty().get()).startsWith("Give a reason");
        }

        @Test
        void moreThanNinetyThreeDaysIsRefusedAtTheDays() {
            fillIn();
            model.lastDayProperty().set(TUESDAY.plusDays(93));

            model.preview();

            assertThat(server.requests()).isEmpty();
            assertThat(model.daysErrorProperty().get()).isEqualTo("Handle at most 93 days at a time.");
        }

        @Test
        void fixingAFieldClearsItsError() {
            model.preview();
            model.reasonProperty().set("Conference");

            assertThat(model.reasonErrorProperty().get()).isEmpty();
            assertThat(model.doctorErrorProperty().get()).isNotEmpty();
        }

        @Test
        void theServersFieldErrorsAppearNextToTheFields() {
            server.onAbsence(r -> {
                throw Failures.reason(Status.Code.INVALID_ARGUMENT, "Handle at most 93 days at a time.", "VALIDATION",
                        "to_date", "Handle at most 93 days at a time.");
            });
            fillIn();

            model.preview();

            assertThat(model.daysErrorProperty().get()).isEqualTo("Handle at most 93 days at a time.");
            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(model.phaseProperty().get()).isEqualTo(Phase.EDITING);
        }

        @Test
        void otherServerErrorsAreShownAsTheyCome() {
            server.onAbsence(r -> {
                throw Failures.of(Status.Code.NOT_FOUND, "That doctor does not exist.", null);
            });
            fillIn();

            model.preview();

            assertThat(model.messageProperty().get()).isEqualTo("That doctor does not exist.");
        }
    }

    @Nested
    class ChangingAnInput {
        @ParameterizedTest
        @ValueSource(strings = {"doctor", "first day", "last day", "action", "reason"})
        void throwsThePreviewAway(String input) {
            previewed(oneMovesOneCannot());
            Consumer<DoctorAbsenceViewModel> change = switch (input) {
                case "doctor" -> m -> m.doctorProperty().set(LINDQVIST);
                case "first day" -> m -> m.firstDayProperty().set(TUESDAY.plusDays(1));
                case "last day" -> m -> m.lastDayProperty().set(TUESDAY.plusDays(5));
                case "action" -> m -> m.actionProperty().set(Action.CANCEL);
                default -> m -> m.reasonProperty().set("Ill");
            };

            change.accept(model);

            assertThat(model.phaseProperty().get()).isEqualTo(Phase.EDITING);
            assertThat(model.rows()).isEmpty();
            assertThat(model.summaryProperty().get()).isEmpty();
            assertThat(model.canApplyProperty().get()).isFalse();
        }

        @Test
        void dropsAPreviewThatArrivesAfterTheChange() {
            ScriptedTaskRunner runner = new ScriptedTaskRunner();
            ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "test", BERLIN), new SessionState());
            DoctorAbsenceViewModel slow = new DoctorAbsenceViewModel(new ServerConnection(Duration.ofSeconds(1), s -> { }),
                    calls, CLOCK);
            slow.doctorProperty().set(OKAFOR);
            slow.reasonProperty().set("Leave");
            slow.preview();

            slow.reasonProperty().set("Conference");
            runner.succeed(oneMovesOneCannot());

            assertThat(slow.phaseProperty().get()).isEqualTo(Phase.EDITING);
            assertThat(slow.rows()).isEmpty();
            assertThat(slow.canApplyProperty().get()).isFalse();
        }
    }

    @Nested
    class Apply {
        @Test
        void asksInWordsWhatWillHappen() {
            previewed(counts(5, 0, 2));
            assertThat(model.applyQuestion()).isEqualTo("Move 5 appointments and leave 2 as they are?");
            assertThat(model.previewedScope()).isEqualTo("Dr Okafor, from Tue 24 Nov to Thu 26 Nov");

            previewed(counts(1, 0, 1));
            assertThat(model.applyQuestion()).isEqualTo("Move 1 appointment and leave 1 as it is?");

            previewed(counts(3, 0, 0));
            assertThat(model.applyQuestion()).isEqualTo("Move 3 appointments?");
        }

        @Test
        void asksBeforeCancelling() {
            server.onAbsence(r -> counts(0, 4, 0));
            fillIn();
            model.actionProperty().set(Action.CANCEL);
            model.preview();

            assertThat(model.applyQuestion()).isEqualTo("Cancel 4 appointments?");
            assertThat(model.previewIsCancel()).isTrue();
        }

        @Test
        void doesForRealExactlyWhatWasPreviewedAndShowsWhomToCall() {
            previewed(oneMovesOneCannot());

            model.apply();

            assertThat(server.requests()).hasSize(2);
            var sent = server.lastRequest();
            assertThat(sent.getDryRun()).isFalse();
            assertThat(sent.toBuilder().setDryRun(true).build()).isEqualTo(server.requests().getFirst());
            assertThat(model.phaseProperty().get()).isEqualTo(Phase.APPLIED);
            assertThat(model.rows()).extracting(Row::result).containsExactly("Moved to Dr Lindqvist",
                    "Not moved: No colleague of the same specialty is free at Tue 24 Nov 10:00.");
            assertThat(model.rows()).filteredOn(r -> !r.done()).extracting(Row::patient).containsExactly("Ben Carter");
            assertThat(model.summaryProperty().get()).isEqualTo("1 moved, 1 not moved. Call the highlighted patient to rebook.");
            assertThat(model.canApplyProperty().get()).isFalse();
        }

        @Test
        void cancelledAppointmentsAreReportedAsCancelled() {
            server.onAbsence(r -> counts(0, 2, 0));
            fillIn();
            model.actionProperty().set(Action.CANCEL);
            model.preview();

            model.apply();

            assertThat(model.rows()).extracting(Row::result).containsOnly("Cancelled");
            assertThat(model.summaryProperty().get()).isEqualTo("2 cancelled. Let the patients know.");
        }

        @Test
        void aTimeoutSaysItMayHaveHappenedAndAsksForAFreshPreview() {
            previewed(oneMovesOneCannot());
            server.onAbsence(r -> {
                throw Status.DEADLINE_EXCEEDED.asRuntimeException();
            });

            model.apply();

            assertThat(model.messageProperty().get()).contains("may or may not have been done").contains("preview again");
            assertThat(model.phaseProperty().get()).isEqualTo(Phase.EDITING);
            assertThat(model.rows()).isEmpty();
        }

        @Test
        void isRefusedWithoutAPreview() {
            fillIn();

            model.apply();

            assertThat(server.requests()).isEmpty();
        }
    }
}
