package org.medconnect.server.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.appointment.AppointmentModel.AbsenceMode;
import org.medconnect.server.appointment.AppointmentModel.AbsenceRequest;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.appointment.AppointmentModel.HistoryItem;
import org.medconnect.server.appointment.AppointmentModel.ListQuery;
import org.medconnect.server.appointment.AppointmentModel.NewWaitingEntry;
import org.medconnect.server.appointment.AppointmentModel.WaitingStatus;
import org.medconnect.server.platform.Constraints;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.schedule.SlotFinder.FoundSlot;
import org.medconnect.server.schedule.SlotFinder.SlotQuery;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import org.medconnect.shared.appointment.StatusMoves.Status;

class AppointmentServiceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 23 November 2026, 09:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);

    Database db;
    MutableClock clock;
    ClinicServices services;
    AppointmentService appointments;
    DoctorAbsenceService absences;
    WaitingListService waiting;
    SlotFinder slots;
    SchedulingFixture fixture;
    Principal reception;
    Principal okafor;
    Principal lindqvist;
    Principal sharma;
    UUID riverside;
    UUID room1;
    UUID consultation;
    UUID procedure;
    UUID video;
    UUID ana;
    UUID ben;
    UUID cleo;

    @BeforeEach
    void clinic() {
        db = TestDatabase.fresh();
        clock = new MutableClock(NOW);
        services = new ClinicServices(TestConfig.defaults().withClinicZone(BERLIN), db, clock);
        appointments = services.appointments();
        absences = services.absences();
        waiting = services.waitingList();
        slots = services.slots();
        fixture = new SchedulingFixture(db.dsl(), services);
        reception = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        lindqvist = fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        riverside = fixture.location("Riverside");
        room1 = fixture.room(riverside, "Room 1");
        consultation = fixture.type("Consultation", 20, 5, false, false);
        procedure = fixture.type("Procedure", 45, 15, false, true);
        video = fixture.type("Video visit", 20, 0, true, false);
        for (Principal doctor : List.of(okafor, lindqvist, sharma)) {
            fixture.weekly(doctor.userId(), riverside, Optional.of(room1), EVERY_DAY, "09:00", "17:00", 15, NOW.atZone(BERLIN).toLocalDate(),
                    "12:30-13:30");
        }
        ana = fixture.patient("Ana", "Silva");
        ben = fixture.patient("Ben", "Carter");
        cleo = fixture.patient("Cleo", "Nakamura");
    }

    static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant();
    }

    Appointment book(UUID patient, Principal doctor, UUID type, Instant start) {
        return appointments.book(reception, new BookingRequest(UUID.randomUUID(), patient, doctor.userId(), riverside, type, start,
                Optional.of("Chest pain on exertion")));
    }

    List<Instant> freeStarts(Principal doctor, UUID type, LocalDate day) {
        return slots.search(new SlotQuery(Optional.of(doctor.userId()), Optional.empty(), Optional.empty(), type, day, day, 500,
                Optional.empty())).slots().stream().map(FoundSlot::start).toList();
    }

    @Nested
    class Booking {
        @Test
        void aFreeSlotIsBookedConfirmedWithAReadableReferenceAndRoom() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThat(a.status()).isEqualTo(Status.CONFIRMED);
            assertThat(a.reference()).matches("A-\\d{6}");
            assertThat(a.endsAt()).isEqualTo(at(TUESDAY, "09:20"));
            assertThat(a.roomName()).contains("Room 1");
            assertThat(a.patient().displayName()).isEqualTo("Ana Silva");
            assertThat(a.bookedByName()).contains("Maria Lopez");
            assertThat(appointments.history(reception, a.id())).extracting(HistoryItem::action).containsExactly("BOOKED");
        }

        @Test
        void aTypeThatNeedsTheDoctorStartsPending() {
            assertThat(book(ana, okafor, procedure, at(TUESDAY, "10:00")).status()).isEqualTo(Status.PENDING);
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstBookingAndBooksNothingNew() {
            var request = new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), riverside, consultation, at(TUESDAY, "09:00"), Optional.empty());
            Appointment first = appointments.book(reception, request);
            Appointment retry = appointments.book(reception, request);
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(db.dsl().fetchCount(APPOINTMENT)).isEqualTo(1);
        }

        @Test
        void theAnswerIsTheAppointmentExactlyAsStored() {
            Appointment confirmed = book(ana, okafor, video, at(TUESDAY, "09:00"));
            Appointment pending = appointments.book(reception, new BookingRequest(UUID.randomUUID(), ben, lindqvist.userId(),
                    riverside, procedure, at(TUESDAY, "10:00"), Optional.empty()));
            // as the booking receptionist may see it (decision 0018: no reason for visit)
            assertThat(confirmed).isEqualTo(appointments.get(reception, confirmed.id()));
            assertThat(pending).isEqualTo(appointments.get(reception, pending.id()));
            assertThat(confirmed.reason()).isEmpty();
            assertThat(appointments.get(confirmed.id()).reason()).as("stored whole").contains("Chest pain on exertion");
            assertThat(confirmed.version()).isEqualTo(1);
            assertThat(pending.reason()).isEmpty();
            assertThat(appointments.history(reception, pending.id())).singleElement().satisfies(h -> {
                assertThat(h.action()).isEqualTo("BOOKED");
                assertThat(h.actorName()).contains("Maria Lopez");
                assertThat(h.toStatus()).contains(Status.PENDING);
                assertThat(h.detail()).contains("Tue 24 Nov 2026 10:00, Dr Lindqvist, Riverside (Procedure)");
            });
        }

        @Test
        void referencesCountUpWithSixDigitsAtLeast() {
            String first = book(ana, okafor, consultation, at(TUESDAY, "09:00")).reference();
            String second = book(ben, okafor, consultation, at(TUESDAY, "10:00")).reference();
            assertThat(Integer.parseInt(second.substring(2))).isEqualTo(Integer.parseInt(first.substring(2)) + 1);
            db.dsl().execute("select setval('appointment_ref_seq', 1234567)");
            assertThat(book(cleo, okafor, consultation, at(TUESDAY, "11:00")).reference()).isEqualTo("A-1234568");
        }

        @Test
        void aRetryAfterTheTimeHasPassedStillReturnsTheFirstBooking() {
            var request = new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), riverside, consultation, at(TUESDAY, "09:00"), Optional.empty());
            Appointment first = appointments.book(reception, request);
            clock.advance(Duration.ofDays(2));
            assertThat(appointments.book(reception, request)).isEqualTo(first);
            assertThat(db.dsl().fetchCount(APPOINTMENT)).isEqualTo(1);
        }

        @Test
        void aLostRaceLeavesNoHistoryNorEventBehind() {
            book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThatThrownBy(() -> book(ben, okafor, consultation, at(TUESDAY, "09:00"))).isInstanceOf(DomainException.Aborted.class);
            assertThat(db.dsl().fetchCount(org.medconnect.server.db.Tables.APPOINTMENT_HISTORY)).isEqualTo(1);
            assertThat(db.dsl().fetchCount(org.medconnect.server.db.Tables.APPOINTMENT_EVENT)).isEqualTo(1);
        }

        @Test
        void anExtraSessionCanBeBookedButOnlyAtItsOwnLocation() {
            UUID harbour = fixture.location("Harbour");
            fixture.extraSession(okafor.userId(), riverside, at(TUESDAY, "18:00"), at(TUESDAY, "19:00"), 30);
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> appointments.book(reception,
                    new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), harbour, consultation, at(TUESDAY, "18:30"), Optional.empty())));
            assertThat(e.reason()).isEqualTo("SLOT_NOT_AVAILABLE");
            assertThat(catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> book(ana, okafor, consultation, at(TUESDAY, "18:15"))).reason()).isEqualTo("SLOT_NOT_AVAILABLE");
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "18:30"));
            assertThat(a.startsAt()).isEqualTo(at(TUESDAY, "18:30"));
            assertThat(a.roomName()).isEmpty();
            assertThat(a).isEqualTo(appointments.get(reception, a.id()));
        }

        @Test
        void aDoctorWhoNoLongerWorksHereCannotBeBooked() {
            db.dsl().execute("update staff_user set active = false where id = ?", okafor.userId());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> book(ana, okafor, consultation, at(TUESDAY, "09:00")));
            assertThat(e.reason()).isEqualTo("SLOT_NOT_AVAILABLE");
        }

        @Test
        void unknownPatientsTypesAndClosedLocationsAreRefusedNamingTheField() {
            UUID closed = fixture.location("Old wing");
            db.dsl().execute("update location set retired = true where id = ?", closed);
            db.dsl().execute("update appointment_type set retired = true where id = ?", procedure);
            Instant start = at(TUESDAY, "09:00");
            record Case(BookingRequest request, String field) {}
            for (Case c : List.of(
                    new Case(new BookingRequest(UUID.randomUUID(), UUID.randomUUID(), okafor.userId(), riverside, consultation, start, Optional.empty()), "patient_id"),
                    new Case(new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), closed, consultation, start, Optional.empty()), "location_id"),
                    new Case(new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), riverside, UUID.randomUUID(), start, Optional.empty()), "appointment_type_id"),
                    new Case(new BookingRequest(UUID.randomUUID(), ana, okafor.userId(), riverside, procedure, start, Optional.empty()), "appointment_type_id"))) {
                var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> appointments.book(reception, c.request()));
                assertThat(e.errors().getFirst().field()).as(c.toString()).isEqualTo(c.field());
            }
            assertThat(db.dsl().fetchCount(APPOINTMENT)).isZero();
        }

        @Test
        void theSameSlotForAnotherPatientIsTaken() {
            book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var e = catchThrowableOfType(DomainException.Aborted.class, () -> book(ben, okafor, consultation, at(TUESDAY, "09:00")));
            assertThat(e.reason()).isEqualTo("SLOT_TAKEN");
            assertThat(e.getMessage()).isEqualTo("That slot was just taken. Please pick another.");
        }

        @Test
        void theBufferAfterAnAppointmentKeepsTheNextGridSlotFree() {
            book(ana, okafor, consultation, at(TUESDAY, "09:00")); // 09:00-09:20, holds until 09:25
            assertThatThrownBy(() -> book(ben, okafor, consultation, at(TUESDAY, "09:15"))).isInstanceOf(DomainException.Aborted.class);
            assertThat(book(ben, okafor, consultation, at(TUESDAY, "09:30")).status()).isEqualTo(Status.CONFIRMED);
            assertThat(freeStarts(okafor, consultation, TUESDAY)).doesNotContain(at(TUESDAY, "09:00"), at(TUESDAY, "09:15"))
                    .contains(at(TUESDAY, "10:00"));
        }

        @Test
        void aPatientCannotBeWithTwoDoctorsAtOnce() {
            book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> book(ana, lindqvist, consultation, at(TUESDAY, "09:15")));
            assertThat(e.reason()).isEqualTo("PATIENT_ALREADY_BOOKED");
        }

        @Test
        void theRefusalNamesThePatientsOtherAppointment() {
            Appointment first = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> book(ana, lindqvist, consultation, at(TUESDAY, "09:15")));
            assertThat(e.getMessage()).contains("already has an appointment then", "09:00", first.doctorName(), first.reference());
            Appointment later = book(ana, lindqvist, consultation, at(TUESDAY, "10:00"));
            var moved = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> appointments.reschedule(reception, later.id(), at(TUESDAY, "09:00"), Optional.empty(), Optional.empty()));
            assertThat(moved.reason()).isEqualTo("PATIENT_ALREADY_BOOKED");
            assertThat(moved.getMessage()).contains(first.reference()).doesNotContain(later.reference());
        }

        @Test
        void timesOutsideTheDoctorsHoursBreaksAndLeaveAreRefused() {
            fixture.timeOff(okafor.userId(), at(TUESDAY.plusDays(1), "00:00"), at(TUESDAY.plusDays(2), "00:00"));
            for (Instant outside : List.of(at(TUESDAY, "08:45"), at(TUESDAY, "12:30"), at(TUESDAY, "16:50"), at(TUESDAY, "09:05"),
                    at(TUESDAY.plusDays(1), "10:00"))) {
                var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> book(ana, okafor, consultation, outside));
                assertThat(e.reason()).as(outside.toString()).isEqualTo("SLOT_NOT_AVAILABLE");
            }
            assertThat(db.dsl().fetchCount(APPOINTMENT)).isZero();
        }

        @Test
        void aTimeThatHasPassedIsRefused() {
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> book(ana, okafor, consultation, at(NOW.atZone(BERLIN).toLocalDate(), "09:00").minusSeconds(900)));
            assertThat(e.errors().getFirst().field()).isEqualTo("starts_at");
        }

        @Test
        void videoVisitsGetTheirOwnUnguessableLink() {
            Appointment a = book(ana, okafor, video, at(TUESDAY, "09:00"));
            Appointment b = book(ben, okafor, video, at(TUESDAY, "09:30"));
            assertThat(a.videoLink()).get().asString().startsWith("https://meet.example.test/MedConnect-").hasSize(37 + 32 - 1 + 1);
            assertThat(a.videoLink()).isNotEqualTo(b.videoLink());
            assertThat(book(cleo, okafor, consultation, at(TUESDAY, "10:00")).videoLink()).isEmpty();
        }

        @Test
        void theDatabaseItselfRefusesAnOverlapThatSkipsTheService() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var e = catchThrowableOfType(DataAccessException.class, () -> db.dsl().insertInto(APPOINTMENT)
                    .set(APPOINTMENT.REFERENCE, "A-X").set(APPOINTMENT.PATIENT_ID, ben).set(APPOINTMENT.DOCTOR_ID, okafor.userId())
                    .set(APPOINTMENT.LOCATION_ID, riverside).set(APPOINTMENT.TYPE_ID, consultation)
                    .set(APPOINTMENT.STARTS_AT, a.startsAt().plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))
                    .set(APPOINTMENT.ENDS_AT, a.endsAt().plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))
                    .set(APPOINTMENT.BLOCKS_UNTIL, a.endsAt().plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))
                    .set(APPOINTMENT.STATUS, "CONFIRMED").execute());
            assertThat(Constraints.violated(e, Constraints.EXCLUSION_VIOLATION)).contains("appointment_doctor_no_overlap");
        }
    }

    @Nested
    class StatusMoves {
        @Test
        void aVisitGoesFromConfirmedThroughCheckInAndConsultationToCompletedWithItsHistory() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            clock.advance(Duration.ofDays(1)); // to the appointment's day: check-in belongs to it
            appointments.checkIn(reception, a.id());
            appointments.startConsultation(okafor, a.id());
            assertThat(appointments.complete(okafor, a.id()).status()).isEqualTo(Status.COMPLETED);
            assertThat(appointments.history(reception, a.id())).extracting(HistoryItem::action, h -> h.actorName().orElseThrow())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("BOOKED", "Maria Lopez"),
                            org.assertj.core.groups.Tuple.tuple("CHECKED_IN", "Maria Lopez"),
                            org.assertj.core.groups.Tuple.tuple("CONSULTATION_STARTED", "Dr Okafor"),
                            org.assertj.core.groups.Tuple.tuple("COMPLETED", "Dr Okafor"));
        }

        @Test
        void checkInWaitsForTheAppointmentsClinicDayButAllowsEarlyArrivalThatDay() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "15:00"));
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> appointments.checkIn(reception, a.id()));
            assertThat(e.reason()).isEqualTo("STATUS_MOVE_REFUSED");
            assertThat(e.getMessage()).contains("Tuesday 24 November 2026").contains("not before");
            assertThat(appointments.get(a.id()).status()).isEqualTo(Status.CONFIRMED);
            clock.advance(Duration.between(clock.instant(), at(TUESDAY, "08:15")));
            assertThat(appointments.checkIn(reception, a.id()).status()).isEqualTo(Status.CHECKED_IN);
        }

        @Test
        void aPendingAppointmentCannotBeCheckedInUntilTheDoctorAccepts() {
            Appointment a = book(ana, okafor, procedure, at(TUESDAY, "10:00"));
            clock.advance(Duration.ofDays(1)); // to the appointment's day: check-in belongs to it
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class, () -> appointments.checkIn(reception, a.id()));
            assertThat(e.reason()).isEqualTo("STATUS_MOVE_REFUSED");
            assertThat(e.getMessage()).contains("doctor must confirm");
            appointments.confirm(okafor, a.id());
            assertThat(appointments.checkIn(reception, a.id()).status()).isEqualTo(Status.CHECKED_IN);
        }

        @Test
        void movesThatSkipAStepOrLeaveAFinalStatusAreRefused() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThatThrownBy(() -> appointments.complete(okafor, a.id())).isInstanceOf(DomainException.FailedPrecondition.class)
                    .hasMessageContaining("only an appointment in consultation can be completed");
            appointments.cancel(reception, a.id(), "Patient called");
            assertThatThrownBy(() -> appointments.checkIn(reception, a.id())).isInstanceOf(DomainException.FailedPrecondition.class)
                    .hasMessageContaining("cancelled");
            assertThatThrownBy(() -> appointments.cancel(reception, a.id(), "again")).isInstanceOf(DomainException.FailedPrecondition.class);
        }

        @Test
        void aNoShowCanOnlyBeMarkedAfterTheStartTime() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThatThrownBy(() -> appointments.markNoShow(reception, a.id())).hasMessageContaining("after the appointment's start time");
            clock.advance(Duration.ofDays(1).plusMinutes(10));
            assertThat(appointments.markNoShow(reception, a.id()).status()).isEqualTo(Status.NO_SHOW);
            // a no-show no longer holds the time
            assertThat(db.dsl().fetchCount(APPOINTMENT, APPOINTMENT.STATUS.in(SlotFinder.HOLDING))).isZero();
        }

        @Test
        void cancellingNeedsAReasonRecordsWhoAndFreesTheSlot() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThatThrownBy(() -> appointments.cancel(reception, a.id(), "  ")).isInstanceOf(DomainException.InvalidInput.class);
            Appointment cancelled = appointments.cancel(reception, a.id(), "Patient called to cancel");
            assertThat(cancelled.status()).isEqualTo(Status.CANCELLED);
            assertThat(cancelled.cancelReason()).contains("Patient called to cancel");
            assertThat(cancelled.cancelledByName()).contains("Maria Lopez");
            assertThat(book(ben, okafor, consultation, at(TUESDAY, "09:00")).status()).isEqualTo(Status.CONFIRMED);
        }

        @Test
        void aDoctorCannotActOnAnotherDoctorsAppointmentNorSeeIt() {
            Appointment a = book(ana, okafor, procedure, at(TUESDAY, "10:00"));
            assertThatThrownBy(() -> appointments.confirm(lindqvist, a.id())).isInstanceOf(DomainException.NotFound.class);
            assertThatThrownBy(() -> appointments.get(lindqvist, a.id())).isInstanceOf(DomainException.NotFound.class);
            var all = new ListQuery(at(TUESDAY, "00:00"), at(TUESDAY.plusDays(1), "00:00"), Optional.empty(), Optional.empty(),
                    Set.of(okafor.userId()), Optional.empty(), Set.of());
            assertThat(appointments.list(lindqvist, all)).isEmpty();
            assertThat(appointments.list(okafor, all)).hasSize(1);
        }

        @Test
        void aDeclinedRequestFreesTheTime() {
            Appointment a = book(ana, okafor, procedure, at(TUESDAY, "10:00"));
            assertThat(appointments.decline(okafor, a.id(), "Needs a referral first").status()).isEqualTo(Status.DECLINED);
            assertThat(freeStarts(okafor, procedure, TUESDAY)).contains(at(TUESDAY, "10:00"));
        }
    }

    @Nested
    class Rescheduling {
        @Test
        void movingTakesTheNewTimeAndReleasesTheOld() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            Appointment moved = appointments.reschedule(reception, a.id(), at(TUESDAY, "11:00"), Optional.empty(), Optional.empty());
            assertThat(moved.startsAt()).isEqualTo(at(TUESDAY, "11:00"));
            assertThat(moved.reference()).isEqualTo(a.reference());
            assertThat(freeStarts(okafor, consultation, TUESDAY)).contains(at(TUESDAY, "09:00")).doesNotContain(at(TUESDAY, "11:00"));
            assertThat(appointments.history(reception, a.id())).extracting(HistoryItem::action).containsExactly("BOOKED", "RESCHEDULED");
        }

        @Test
        void aMoveOverlappingItsOwnOldTimeIsFine() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            assertThat(appointments.reschedule(reception, a.id(), at(TUESDAY, "09:15"), Optional.empty(), Optional.empty()).startsAt())
                    .isEqualTo(at(TUESDAY, "09:15"));
        }

        @Test
        void aMoveOntoATakenSlotChangesNothing() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            book(ben, okafor, consultation, at(TUESDAY, "11:00"));
            assertThatThrownBy(() -> appointments.reschedule(reception, a.id(), at(TUESDAY, "11:00"), Optional.empty(), Optional.empty()))
                    .isInstanceOf(DomainException.Aborted.class);
            assertThat(appointments.get(a.id()).startsAt()).isEqualTo(at(TUESDAY, "09:00"));
            assertThat(appointments.history(reception, a.id())).hasSize(1);
        }

        @Test
        void aMoveToAnotherDoctorChecksThatDoctorsTime() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            Appointment moved = appointments.reschedule(reception, a.id(), at(TUESDAY, "09:00"), Optional.of(lindqvist.userId()), Optional.empty());
            assertThat(moved.doctorName()).isEqualTo("Dr Lindqvist");
        }

        @Test
        void aCheckedInAppointmentCannotBeMoved() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            clock.advance(Duration.ofDays(1)); // to the appointment's day: check-in belongs to it
            appointments.checkIn(reception, a.id());
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> appointments.reschedule(reception, a.id(), at(TUESDAY, "11:00"), Optional.empty(), Optional.empty()));
            assertThat(e.getMessage()).contains("checked in");
        }
    }

    @Nested
    class DoctorAbsence {
        @Test
        void appointmentsMoveToAFreeColleagueSameSpecialtyFirstThenAnyAndTheRestAreListed() {
            Appointment first = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            Appointment second = book(ben, okafor, consultation, at(TUESDAY, "10:00"));
            Appointment third = book(dan(), okafor, consultation, at(TUESDAY, "11:00"));
            book(cleo, lindqvist, consultation, at(TUESDAY, "10:00")); // Lindqvist is busy at 10:00
            book(fixture.patient("Eve", "Busy"), lindqvist, consultation, at(TUESDAY, "11:00")); // and at 11:00
            book(fixture.patient("Fay", "Busy"), sharma, consultation, at(TUESDAY, "11:00")); // so is Sharma
            var result = absences.handleAbsence(reception, new AbsenceRequest(okafor.userId(), TUESDAY, TUESDAY,
                    AbsenceMode.MOVE_TO_COLLEAGUES, "Dr Okafor is ill", false));
            assertThat(result.moved()).isEqualTo(2);
            assertThat(result.notMoved()).isEqualTo(1);
            assertThat(appointments.get(first.id()).doctorName()).isEqualTo("Dr Lindqvist"); // same specialty first
            // Issue 11 item 16: beyond the same specialty when no cardiologist is free.
            assertThat(appointments.get(second.id()).doctorName()).isEqualTo("Dr Sharma");
            assertThat(appointments.get(third.id()).doctorName()).isEqualTo("Dr Okafor");
            assertThat(result.outcomes()).filteredOn(o -> !o.done()).singleElement()
                    .satisfies(o -> assertThat(o.whyNot()).get().asString().contains("No colleague"));
        }

        private UUID dan() {
            return fixture.patient("Dan", "Third");
        }

        @Test
        void aDryRunShowsTheOutcomeAndChangesNothing() {
            Appointment first = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var result = absences.handleAbsence(reception, new AbsenceRequest(okafor.userId(), TUESDAY, TUESDAY,
                    AbsenceMode.MOVE_TO_COLLEAGUES, "Leave", true));
            assertThat(result.moved()).isEqualTo(1);
            assertThat(result.outcomes().getFirst().appointment().doctorName()).isEqualTo("Dr Lindqvist");
            assertThat(appointments.get(first.id()).doctorName()).isEqualTo("Dr Okafor");
            assertThat(appointments.history(reception, first.id())).hasSize(1);
        }

        @Test
        void theServerChecksTheSameRangeAndReasonRulesAsTheWorkstation() {
            var tooLong = catchThrowableOfType(DomainException.InvalidInput.class, () -> absences.handleAbsence(reception,
                    new AbsenceRequest(okafor.userId(), TUESDAY, TUESDAY.plusDays(93), AbsenceMode.CANCEL, "Leave", false)));
            assertThat(tooLong.errors()).extracting(e -> e.field()).containsExactly("to_date");
            var noReason = catchThrowableOfType(DomainException.InvalidInput.class, () -> absences.handleAbsence(reception,
                    new AbsenceRequest(okafor.userId(), TUESDAY, TUESDAY, AbsenceMode.CANCEL, " ", false)));
            assertThat(noReason.errors()).extracting(e -> e.field()).containsExactly("reason");
        }

        @Test
        void cancelModeCancelsEveryPendingAndConfirmedAppointmentInTheRange() {
            book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            book(ben, okafor, procedure, at(TUESDAY.plusDays(1), "10:00"));
            Appointment later = book(cleo, okafor, consultation, at(TUESDAY.plusDays(5), "10:00"));
            var result = absences.handleAbsence(reception, new AbsenceRequest(okafor.userId(), TUESDAY, TUESDAY.plusDays(2),
                    AbsenceMode.CANCEL, "Conference", false));
            assertThat(result.cancelled()).isEqualTo(2);
            assertThat(appointments.get(later.id()).status()).isEqualTo(Status.CONFIRMED);
        }
    }

    @Nested
    class WaitingList {
        NewWaitingEntry wants(UUID patient, Optional<UUID> doctor, Optional<UUID> department) {
            return new NewWaitingEntry(UUID.randomUUID(), patient, doctor, department, Optional.empty(), consultation,
                    TUESDAY, TUESDAY.plusDays(7), Optional.of("Mornings preferred"));
        }

        @Test
        void aCancelledSlotIsOfferedToTheFirstWaitingPatientWhoBooksItWithOneAction() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var first = waiting.add(reception, wants(ben, Optional.of(okafor.userId()), Optional.empty()));
            var second = waiting.add(reception, wants(cleo, Optional.of(okafor.userId()), Optional.empty()));
            appointments.cancel(reception, a.id(), "Patient called");
            assertThat(waiting.get(first.id()).status()).isEqualTo(WaitingStatus.OFFERED);
            assertThat(waiting.get(first.id()).offer()).get().satisfies(o -> assertThat(o.startsAt()).isEqualTo(at(TUESDAY, "09:00")));
            assertThat(waiting.get(second.id()).status()).isEqualTo(WaitingStatus.WAITING);
            assertThat(waiting.open(Optional.empty(), Optional.empty()).getFirst().id()).isEqualTo(first.id());

            Appointment booked = waiting.bookOffer(reception, first.id(), UUID.randomUUID(), Optional.empty());
            assertThat(booked.patient().displayName()).isEqualTo("Ben Carter");
            assertThat(booked.startsAt()).isEqualTo(at(TUESDAY, "09:00"));
            assertThat(waiting.get(first.id()).status()).isEqualTo(WaitingStatus.BOOKED);
        }

        @Test
        void aDepartmentEntryIsOfferedAnyDoctorOfThatDepartment() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            UUID cardiology = services.staff().listDepartments(true).stream().filter(d -> d.name().equals("Cardiology")).findFirst().orElseThrow().id();
            var entry = waiting.add(reception, wants(ben, Optional.empty(), Optional.of(cardiology)));
            appointments.reschedule(reception, a.id(), at(TUESDAY, "15:00"), Optional.empty(), Optional.empty());
            assertThat(waiting.get(entry.id()).status()).isEqualTo(WaitingStatus.OFFERED);
        }

        @Test
        void aDeclinedOfferGoesToTheNextPatient() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var first = waiting.add(reception, wants(ben, Optional.of(okafor.userId()), Optional.empty()));
            var second = waiting.add(reception, wants(cleo, Optional.of(okafor.userId()), Optional.empty()));
            appointments.cancel(reception, a.id(), "Patient called");
            waiting.declineOffer(reception, first.id());
            assertThat(waiting.get(first.id()).status()).isEqualTo(WaitingStatus.WAITING);
            assertThat(waiting.get(second.id()).status()).isEqualTo(WaitingStatus.OFFERED);
        }

        @Test
        void anOfferTakenMeanwhileSaysSoAndThePatientWaitsAgain() {
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var entry = waiting.add(reception, wants(ben, Optional.of(okafor.userId()), Optional.empty()));
            appointments.cancel(reception, a.id(), "Patient called");
            book(cleo, okafor, consultation, at(TUESDAY, "09:00"));
            assertThatThrownBy(() -> waiting.bookOffer(reception, entry.id(), UUID.randomUUID(), Optional.empty()))
                    .isInstanceOf(DomainException.Aborted.class);
            assertThat(waiting.get(entry.id()).status()).isEqualTo(WaitingStatus.WAITING);
        }
    }

    @Nested
    class DaylightSaving {
        /** Sunday 28 March 2027: clocks in Berlin go from 02:00 to 03:00. */
        final LocalDate springForward = LocalDate.of(2027, 3, 28);
        /** Sunday 31 October 2027: clocks go from 03:00 back to 02:00. */
        final LocalDate fallBack = LocalDate.of(2027, 10, 31);

        @Test
        void slotsKeepTheirWallClockTimeOnTheDayClocksGoForward() {
            List<Instant> before = freeStarts(okafor, consultation, springForward.minusDays(1));
            List<Instant> on = freeStarts(okafor, consultation, springForward);
            assertThat(before.getFirst()).isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
            assertThat(on.getFirst()).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
            assertThat(on).hasSameSizeAs(before);
        }

        @Test
        void slotsKeepTheirWallClockTimeOnTheDayClocksGoBack() {
            assertThat(freeStarts(okafor, consultation, fallBack).getFirst()).isEqualTo(Instant.parse("2027-10-31T08:00:00Z"));
            assertThat(freeStarts(okafor, consultation, fallBack.plusDays(1)).getFirst()).isEqualTo(Instant.parse("2027-11-01T08:00:00Z"));
        }

        @Test
        void bookingOnTheChangeDayLandsAtTheLocalTimeAndListsUnderThatDay() {
            Appointment a = book(ana, okafor, consultation, Instant.parse("2027-03-28T07:00:00Z"));
            assertThat(a.startsAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            var day = new ListQuery(springForward.atStartOfDay(BERLIN).toInstant(), springForward.plusDays(1).atStartOfDay(BERLIN).toInstant(),
                    Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Set.of());
            assertThat(appointments.list(reception, day)).extracting(Appointment::id).containsExactly(a.id());
        }
    }

    @Nested
    class Listing {
        ListQuery tuesday(Optional<UUID> location, Optional<UUID> department, Set<UUID> doctors, Optional<UUID> patient,
                          Set<Status> statuses) {
            return new ListQuery(at(TUESDAY, "00:00"), at(TUESDAY.plusDays(1), "00:00"), location, department, doctors, patient, statuses);
        }

        @Test
        void theDayListsEachAppointmentAsGetShowsItInTimeThenDoctorOrder() {
            Appointment a = book(ana, okafor, video, at(TUESDAY, "10:00"));
            Appointment b = book(ben, lindqvist, consultation, at(TUESDAY, "10:00"));
            Appointment c = book(cleo, sharma, procedure, at(TUESDAY, "09:00"));
            book(ana, okafor, consultation, at(TUESDAY.plusDays(1), "09:00"));
            appointments.cancel(reception, b.id(), "Patient called");
            List<Appointment> listed = appointments.list(reception, tuesday(Optional.of(riverside), Optional.empty(), Set.of(),
                    Optional.empty(), Set.of()));
            assertThat(listed).containsExactly(appointments.get(reception, c.id()), appointments.get(reception, b.id()),
                    appointments.get(reception, a.id()));
            assertThat(listed.get(1).cancelledByName()).contains("Maria Lopez");
            assertThat(listed.get(1).cancelReason()).contains("Patient called");
        }

        @Test
        void eachFilterNarrowsTheDay() {
            UUID cardiology = services.staff().listDepartments(true).stream().filter(d -> d.name().equals("Cardiology")).findFirst().orElseThrow().id();
            UUID harbour = fixture.location("Harbour");
            Appointment a = book(ana, okafor, consultation, at(TUESDAY, "10:00"));
            Appointment b = book(ben, lindqvist, consultation, at(TUESDAY, "10:00"));
            Appointment c = book(cleo, sharma, procedure, at(TUESDAY, "09:00"));
            java.util.function.Function<ListQuery, List<UUID>> ids = q -> appointments.list(reception, q).stream().map(Appointment::id).toList();
            assertThat(ids.apply(tuesday(Optional.of(harbour), Optional.empty(), Set.of(), Optional.empty(), Set.of()))).isEmpty();
            assertThat(ids.apply(tuesday(Optional.empty(), Optional.of(cardiology), Set.of(), Optional.empty(), Set.of())))
                    .containsExactly(b.id(), a.id());
            assertThat(ids.apply(tuesday(Optional.empty(), Optional.empty(), Set.of(okafor.userId(), sharma.userId()), Optional.empty(), Set.of())))
                    .containsExactly(c.id(), a.id());
            assertThat(ids.apply(tuesday(Optional.empty(), Optional.empty(), Set.of(), Optional.of(ben), Set.of()))).containsExactly(b.id());
            assertThat(ids.apply(tuesday(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Set.of(Status.PENDING, Status.CANCELLED))))
                    .containsExactly(c.id());
            assertThat(ids.apply(tuesday(Optional.of(riverside), Optional.of(cardiology), Set.of(okafor.userId()), Optional.of(ana),
                    Set.of(Status.CONFIRMED)))).containsExactly(a.id());
        }
    }

    @Nested
    class SlotSearch {
        @Test
        void aDepartmentSearchMergesItsDoctorsInTimeOrder() {
            UUID cardiology = services.staff().listDepartments(true).stream().filter(d -> d.name().equals("Cardiology")).findFirst().orElseThrow().id();
            book(ana, okafor, consultation, at(TUESDAY, "09:00"));
            var result = slots.search(new SlotQuery(Optional.empty(), Optional.of(cardiology), Optional.empty(), consultation, TUESDAY, TUESDAY,
                    4, Optional.empty()));
            assertThat(result.slots()).extracting(FoundSlot::doctorName, FoundSlot::start).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Dr Lindqvist", at(TUESDAY, "09:00")),
                    org.assertj.core.groups.Tuple.tuple("Dr Lindqvist", at(TUESDAY, "09:15")),
                    org.assertj.core.groups.Tuple.tuple("Dr Lindqvist", at(TUESDAY, "09:30")),
                    org.assertj.core.groups.Tuple.tuple("Dr Okafor", at(TUESDAY, "09:30")));
            assertThat(result.truncated()).isTrue();
        }

        @Test
        void extraSessionsAddSlotsAndTimeOffRemovesThem() {
            LocalDate saturday = LocalDate.of(2026, 11, 28);
            Principal haddad = fixture.doctor("haddad", "Dr Haddad", "Cardiology", "Cardiology");
            fixture.extraSession(haddad.userId(), riverside, at(saturday, "10:00"), at(saturday, "11:00"), 30);
            assertThat(freeStarts(haddad, consultation, saturday)).containsExactly(at(saturday, "10:00"), at(saturday, "10:30"));
            fixture.timeOff(haddad.userId(), at(saturday, "10:00"), at(saturday, "10:30"));
            assertThat(freeStarts(haddad, consultation, saturday)).containsExactly(at(saturday, "10:30"));
        }

        @Test
        void slotsInThePastAreNotOffered() {
            LocalDate today = NOW.atZone(BERLIN).toLocalDate();
            assertThat(freeStarts(okafor, consultation, today).getFirst()).isEqualTo(at(today, "09:00"));
            clock.advance(Duration.ofMinutes(70));
            assertThat(freeStarts(okafor, consultation, today).getFirst()).isEqualTo(at(today, "10:15"));
        }
    }
}
