package org.medconnect.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.QUEUE_DAY;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.HistoryItem;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.queue.QueueModel.Board;
import org.medconnect.server.queue.QueueModel.BoardDoctor;
import org.medconnect.server.queue.QueueModel.Called;
import org.medconnect.server.queue.QueueModel.DoctorQueue;
import org.medconnect.server.queue.QueueModel.ReorderResult;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.appointment.StatusMoves.Status;

class QueueServiceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    /** Tuesday 24 November 2026, 07:30 in Berlin: the day's appointments are all ahead. */
    static final Instant EARLY = ZonedDateTime.of(TUESDAY, LocalTime.of(7, 30), BERLIN).toInstant();

    Database db;
    MutableClock clock;
    ClinicServices services;
    AppointmentService appointments;
    QueueService queue;
    SchedulingFixture fixture;
    Principal reception;
    Principal admin;
    Principal okafor;
    Principal sharma;
    UUID riverside;
    UUID hillside;
    UUID room1;
    UUID room2;
    UUID quick;
    int patients;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        clock = new MutableClock(EARLY);
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        appointments = services.appointments();
        queue = services.queue();
        fixture = new SchedulingFixture(db.dsl(), services);
        reception = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        admin = fixture.staff("grace", "Grace Admin", Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        riverside = fixture.location("Riverside");
        hillside = fixture.location("Hillside");
        room1 = fixture.room(riverside, "Room 1");
        room2 = fixture.room(riverside, "Room 2");
        quick = fixture.type("Quick check", 10, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.of(room1), EVERY_DAY, "09:00", "17:00", 15, TUESDAY.minusDays(1), "12:30-13:30");
        fixture.weekly(sharma.userId(), riverside, Optional.of(room2), EVERY_DAY, "09:00", "17:00", 15, TUESDAY.minusDays(1), "12:30-13:30");
    }

    static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant();
    }

    /** Books the n-th quarter-hour slot of the doctor's morning (0 = 09:00) for a new patient. */
    Appointment book(Principal doctor, LocalDate day, int slot) {
        UUID patient = fixture.patient("Patient", "Number " + (++patients));
        return appointments.book(reception, new BookingRequest(UUID.randomUUID(), patient, doctor.userId(), riverside, quick,
                at(day, "09:00").plus(Duration.ofMinutes(15L * slot)), Optional.of("Palpitations at night")));
    }

    Appointment checkedIn(Principal doctor, int slot) {
        return appointments.checkIn(reception, book(doctor, TUESDAY, slot).id());
    }

    @Nested
    class Tokens {
        @Test
        void checkInGivesTokensOneTwoThreePerDoctorAndTheOtherDoctorStartsAtOne() {
            Appointment first = checkedIn(okafor, 0);
            Appointment second = checkedIn(okafor, 1);
            Appointment other = checkedIn(sharma, 0);
            assertThat(first.tokenNumber()).contains(1);
            assertThat(second.tokenNumber()).contains(2);
            assertThat(other.tokenNumber()).contains(1);
            assertThat(first.status()).isEqualTo(Status.CHECKED_IN);
            assertThat(first.checkedInAt()).contains(EARLY);
            assertThat(appointments.history(reception, second.id())).extracting(HistoryItem::action, h -> h.detail().orElse(""))
                    .contains(org.assertj.core.groups.Tuple.tuple("CHECKED_IN", "Token 2"));
        }

        @Test
        void eachClinicDayStartsAgainAtOne() {
            checkedIn(okafor, 0);
            Appointment booked = book(okafor, TUESDAY.plusDays(1), 0);
            clock.advance(Duration.ofDays(1)); // check-in belongs to the appointment's day
            Appointment tomorrow = appointments.checkIn(reception, booked.id());
            assertThat(tomorrow.tokenNumber()).contains(1);
        }

        @Test
        void aRefusedCheckInUsesNoToken() {
            Appointment a = book(okafor, TUESDAY, 0);
            appointments.cancel(reception, a.id(), "Patient called");
            assertThatThrownBy(() -> appointments.checkIn(reception, a.id())).isInstanceOf(DomainException.FailedPrecondition.class);
            assertThat(checkedIn(okafor, 1).tokenNumber()).contains(1);
        }

        @Test
        void manyDesksCheckingInOneDoctorsPatientsAtOnceGetTokensOneToNWithNoDuplicatesOrGaps() throws Exception {
            int n = 24;
            List<Appointment> booked = new ArrayList<>();
            List<Appointment> others = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                booked.add(book(okafor, TUESDAY, i < 14 ? i : i + 4)); // skip the lunch break
            }
            for (int i = 0; i < 6; i++) {
                others.add(book(sharma, TUESDAY, i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(n + others.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Appointment>> results = new ArrayList<>();
            for (Appointment a : booked) {
                results.add(pool.submit(() -> {
                    go.await();
                    return appointments.checkIn(reception, a.id());
                }));
            }
            List<Future<Appointment>> otherResults = new ArrayList<>();
            for (Appointment a : others) {
                otherResults.add(pool.submit(() -> {
                    go.await();
                    return appointments.checkIn(reception, a.id());
                }));
            }
            go.countDown();
            List<Integer> tokens = new ArrayList<>();
            for (Future<Appointment> f : results) {
                tokens.add(f.get(60, TimeUnit.SECONDS).tokenNumber().orElseThrow());
            }
            List<Integer> otherTokens = new ArrayList<>();
            for (Future<Appointment> f : otherResults) {
                otherTokens.add(f.get(60, TimeUnit.SECONDS).tokenNumber().orElseThrow());
            }
            pool.shutdown();
            assertThat(tokens).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
            assertThat(otherTokens).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, others.size()).boxed().toList());
            assertThat(db.dsl().select(QUEUE_DAY.LAST_TOKEN).from(QUEUE_DAY).where(QUEUE_DAY.DOCTOR_ID.eq(okafor.userId()))
                    .fetchSingle().value1()).isEqualTo(n);
            assertThat(queue.doctorQueue(reception, Optional.of(okafor.userId()), Optional.empty()).waiting())
                    .extracting(a -> a.tokenNumber().orElseThrow()).containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
        }

        @Test
        void theDatabaseItselfRefusesATokenTwiceForOneDoctorAndDay() {
            Appointment first = checkedIn(okafor, 0);
            Appointment second = checkedIn(okafor, 1);
            var e = catchThrowableOfType(DataAccessException.class, () -> db.dsl().update(APPOINTMENT)
                    .set(APPOINTMENT.TOKEN_NUMBER, first.tokenNumber().orElseThrow()).where(APPOINTMENT.ID.eq(second.id())).execute());
            assertThat(Constraints.violated(e, Constraints.UNIQUE_VIOLATION)).contains("appointment_token_key");
        }
    }

    @Nested
    class CallNext {
        @Test
        void callsTheFirstWaitingPatientAndAnnouncesTokenAndRoom() {
            checkedIn(okafor, 1);
            checkedIn(okafor, 0);
            clock.advance(Duration.ofMinutes(90));
            Called called = queue.callNext(okafor, Optional.empty());
            assertThat(called.tokenNumber()).isEqualTo(1);
            assertThat(called.roomName()).contains("Room 1");
            assertThat(called.announcement()).isEqualTo("Token 1, please go to Room 1");
            assertThat(called.appointment().status()).isEqualTo(Status.IN_CONSULTATION);
            assertThat(called.appointment().calledAt()).contains(EARLY.plus(Duration.ofMinutes(90)));
            DoctorQueue q = queue.doctorQueue(okafor, Optional.empty(), Optional.empty());
            assertThat(q.serving().flatMap(Appointment::tokenNumber)).contains(1);
            assertThat(q.waiting()).extracting(a -> a.tokenNumber().orElseThrow()).containsExactly(2);
        }

        @Test
        void whileAPatientIsInConsultationTheNextCallIsRefusedSayingWhichToken() {
            checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            Called first = queue.callNext(okafor, Optional.empty());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> queue.callNext(okafor, Optional.empty()));
            assertThat(e.reason()).isEqualTo("PATIENT_IN_CONSULTATION");
            assertThat(e.getMessage()).isEqualTo("Token 1 is still in consultation. Complete it before calling the next patient.");
            appointments.complete(okafor, first.appointment().id());
            assertThat(queue.callNext(okafor, Optional.empty()).tokenNumber()).isEqualTo(2);
        }

        @Test
        void anEmptyQueueIsRefusedInWords() {
            var none = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> queue.callNext(okafor, Optional.empty()));
            assertThat(none.reason()).isEqualTo("QUEUE_EMPTY");
            assertThat(none.getMessage()).isEqualTo("Nobody has checked in for Dr Okafor today.");
        }

        @Test
        void whenEveryoneHasBeenSeenTheQueueIsEmpty() {
            Appointment a = checkedIn(okafor, 0);
            queue.callNext(okafor, Optional.empty());
            appointments.complete(okafor, a.id());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> queue.callNext(okafor, Optional.empty()));
            assertThat(e.reason()).isEqualTo("QUEUE_EMPTY");
            assertThat(e.getMessage()).isEqualTo("Nobody is waiting for Dr Okafor.");
        }

        @Test
        void aDoctorCallsOnlyTheirOwnQueueAndAnAdminMustNameTheDoctor() {
            checkedIn(okafor, 0);
            assertThatThrownBy(() -> queue.callNext(sharma, Optional.of(okafor.userId()))).isInstanceOf(DomainException.PermissionDenied.class);
            assertThatThrownBy(() -> queue.callNext(admin, Optional.empty())).isInstanceOf(DomainException.InvalidInput.class);
            assertThat(queue.callNext(admin, Optional.of(okafor.userId())).tokenNumber()).isEqualTo(1);
        }

        @Test
        void startingASecondConsultationDirectlyIsRefusedByTheDatabaseRule() {
            Appointment a = checkedIn(okafor, 0);
            Appointment b = checkedIn(okafor, 1);
            appointments.startConsultation(okafor, a.id());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> appointments.startConsultation(okafor, b.id()));
            assertThat(e.reason()).isEqualTo("PATIENT_IN_CONSULTATION");
            assertThat(appointments.get(b.id()).status()).isEqualTo(Status.CHECKED_IN);
        }

        @Test
        void twoCallNextPressesAtOnceCallExactlyOnePatient() throws Exception {
            checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return queue.callNext(okafor, Optional.empty());
                    } catch (DomainException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(outcomes).filteredOn(Called.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(DomainException.FailedPrecondition.class::isInstance).hasSize(1);
            assertThat(db.dsl().fetchCount(APPOINTMENT, APPOINTMENT.STATUS.eq("IN_CONSULTATION"))).isEqualTo(1);
        }
    }

    @Nested
    class Reorder {
        @Test
        void anUrgentPatientMovesToTheFrontWithTheReasonRecordedAndIsCalledNext() {
            checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            Appointment urgent = checkedIn(okafor, 2);
            ReorderResult result = queue.reorder(reception, urgent.id(), 1, "Chest pain: urgent");
            assertThat(result.waiting()).extracting(a -> a.tokenNumber().orElseThrow()).containsExactly(3, 1, 2);
            assertThat(result.reorder().reason()).isEqualTo("Chest pain: urgent");
            assertThat(result.reorder().actorName()).isEqualTo("Maria Lopez");
            assertThat(result.reorder().fromPlace()).isEqualTo(3);
            assertThat(result.reorder().toPlace()).isEqualTo(1);
            assertThat(result.reorder().tokenNumber()).isEqualTo(3);
            assertThat(queue.doctorQueue(okafor, Optional.empty(), Optional.empty()).reorders()).hasSize(1);
            // the history says what moved, never the (possibly clinical) reason
            assertThat(appointments.history(reception, urgent.id())).extracting(h -> h.detail().orElse(""))
                    .contains("Token 3 moved from place 3 to 1").noneMatch(d -> d.contains("Chest pain"));

            assertThat(queue.callNext(okafor, Optional.empty()).tokenNumber()).isEqualTo(3);
            // a later check-in still joins the end of the queue
            checkedIn(okafor, 3);
            assertThat(queue.doctorQueue(okafor, Optional.empty(), Optional.empty()).waiting())
                    .extracting(a -> a.tokenNumber().orElseThrow()).containsExactly(1, 2, 4);
        }

        @Test
        void aPlaceBeyondTheEndMeansLast() {
            Appointment first = checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            checkedIn(okafor, 2);
            assertThat(queue.reorder(reception, first.id(), 99, "Gone for an X-ray first").waiting())
                    .extracting(a -> a.tokenNumber().orElseThrow()).containsExactly(2, 3, 1);
        }

        @Test
        void aReasonAndAValidPlaceAreRequired() {
            Appointment a = checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            assertThat(catchThrowableOfType(DomainException.InvalidInput.class, () -> queue.reorder(reception, a.id(), 2, "  "))
                    .errors()).extracting(e -> e.field()).containsExactly("reason");
            assertThat(catchThrowableOfType(DomainException.InvalidInput.class, () -> queue.reorder(reception, a.id(), 0, "Urgent"))
                    .errors()).extracting(e -> e.field()).containsExactly("to_place");
            assertThatThrownBy(() -> queue.reorder(reception, a.id(), 1, "Urgent")).hasMessage("Token 1 is already at place 1.");
        }

        @Test
        void aPatientNoLongerWaitingCannotBeMoved() {
            Appointment a = checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            queue.callNext(okafor, Optional.empty());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> queue.reorder(reception, a.id(), 2, "Urgent"));
            assertThat(e.reason()).isEqualTo("NOT_WAITING");
            assertThat(e.getMessage()).isEqualTo("Token 1 is no longer waiting (in consultation).");
            Appointment notIn = book(okafor, TUESDAY, 5);
            assertThat(catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> queue.reorder(reception, notIn.id(), 1, "Urgent")).getMessage()).contains("has not checked in");
        }
    }

    @Nested
    class Reading {
        @Test
        void theDoctorSeesTheirQueueWithReasonsAndTheFrontDeskWithout() {
            checkedIn(okafor, 0);
            DoctorQueue mine = queue.doctorQueue(okafor, Optional.empty(), Optional.empty());
            assertThat(mine.showsReasons()).isTrue();
            assertThat(mine.lastToken()).isEqualTo(1);
            assertThat(mine.doctorName()).isEqualTo("Dr Okafor");
            assertThat(mine.day()).isEqualTo(TUESDAY);
            assertThat(queue.doctorQueue(reception, Optional.of(okafor.userId()), Optional.empty()).showsReasons()).isFalse();
        }

        @Test
        void aDoctorCannotReadAnotherDoctorsQueue() {
            assertThatThrownBy(() -> queue.doctorQueue(sharma, Optional.of(okafor.userId()), Optional.empty()))
                    .isInstanceOf(DomainException.PermissionDenied.class).hasMessage("You can see only your own queue.");
            assertThatThrownBy(() -> queue.doctorQueue(reception, Optional.of(UUID.randomUUID()), Optional.empty()))
                    .isInstanceOf(DomainException.NotFound.class);
        }

        @Test
        void aCheckedInPatientWhoLeftIsMarkedNoShowAndLeavesTheQueue() {
            Appointment left = checkedIn(okafor, 0);
            checkedIn(okafor, 1);
            clock.advance(Duration.ofHours(2)); // past the start time
            assertThat(appointments.markNoShow(reception, left.id()).status()).isEqualTo(Status.NO_SHOW);
            assertThat(queue.doctorQueue(reception, Optional.of(okafor.userId()), Optional.empty()).waiting())
                    .extracting(a -> a.tokenNumber().orElseThrow()).containsExactly(2);
        }
    }

    @Nested
    class WaitingRoomBoard {
        @Test
        void showsPerDoctorTheTokenBeingServedTheNextFewAndTheRoom() {
            for (int i = 0; i < 6; i++) {
                checkedIn(okafor, i);
            }
            checkedIn(sharma, 0);
            queue.callNext(okafor, Optional.empty());
            Board board = queue.board(reception, riverside, 3);
            assertThat(board.locationName()).isEqualTo("Riverside");
            assertThat(board.day()).isEqualTo(TUESDAY);
            assertThat(board.doctors()).extracting(BoardDoctor::doctorName).containsExactly("Dr Okafor", "Dr Sharma");
            BoardDoctor ok = board.doctors().getFirst();
            assertThat(ok.servingToken()).contains(1);
            assertThat(ok.nextTokens()).containsExactly(2, 3, 4);
            assertThat(ok.waitingCount()).isEqualTo(5);
            assertThat(ok.roomName()).contains("Room 1");
            BoardDoctor sh = board.doctors().get(1);
            assertThat(sh.servingToken()).isEmpty();
            assertThat(sh.nextTokens()).containsExactly(1);
            assertThat(sh.roomName()).contains("Room 2");
        }

        @Test
        void anotherLocationsBoardIsEmptyAndAnUnknownLocationIsNotFound() {
            checkedIn(okafor, 0);
            assertThat(queue.board(reception, hillside, 0).doctors()).isEmpty();
            assertThatThrownBy(() -> queue.board(reception, UUID.randomUUID(), 0)).isInstanceOf(DomainException.NotFound.class);
        }

        @Test
        void aReorderShowsOnTheBoard() {
            checkedIn(okafor, 0);
            Appointment urgent = checkedIn(okafor, 1);
            queue.reorder(reception, urgent.id(), 1, "Urgent");
            assertThat(queue.board(reception, riverside, 0).doctors().getFirst().nextTokens()).containsExactly(2, 1);
        }
    }
}
