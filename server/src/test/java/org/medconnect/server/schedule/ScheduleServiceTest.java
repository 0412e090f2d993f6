package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.medconnect.server.db.Tables.APPOINTMENT;
import static org.medconnect.server.db.Tables.PATIENT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityException;
import org.medconnect.server.schedule.ScheduleModel.AvailabilityRule;
import org.medconnect.server.schedule.ScheduleModel.ExceptionInput;
import org.medconnect.server.schedule.ScheduleModel.LocationChanges;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.shared.schedule.ExceptionKind;
import org.medconnect.shared.schedule.ScheduleRules.BreakDraft;

class ScheduleServiceTest extends ScheduleTestBase {

    private ExceptionInput wholeDaysOff(Principal doctor, String first, String last) {
        return new ExceptionInput(Optional.empty(), doctor.userId(), Optional.of(ExceptionKind.TIME_OFF), first, last, "", "",
                Optional.empty(), Optional.empty(), 0, "Leave");
    }

    private ExceptionInput timeOff(Principal doctor, String startDate, String startTime, String endDate, String endTime) {
        return new ExceptionInput(Optional.empty(), doctor.userId(), Optional.of(ExceptionKind.TIME_OFF), startDate, endDate, startTime,
                endTime, Optional.empty(), Optional.empty(), 0, "");
    }

    @Nested
    class WeeklyRules {
        @Test
        void aWeekWithLunchIsSavedAndReadBackWithTheLocationName() {
            AvailabilityRule saved = schedule.saveRule(reception, week(drOkafor, riverside));
            assertThat(saved.locationName()).isEqualTo("Riverside Clinic");
            assertThat(saved.weekdays()).containsExactly(1, 2, 3, 4, 5);
            assertThat(saved.session().toString()).isEqualTo("09:00-17:00");
            assertThat(saved.breaks()).extracting(Object::toString).containsExactly("12:30-13:30");
            assertThat(saved.validTo()).contains(LocalDate.of(2027, 11, 22));
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).containsExactly(saved);
            assertThat(auditActions()).contains("AVAILABILITY_RULE_SAVED");
        }

        @Test
        void replacingARuleKeepsItsIdAndReplacesItsBreaks() {
            AvailabilityRule saved = schedule.saveRule(reception, week(drOkafor, riverside));
            var changed = new RuleInput(Optional.empty(), Optional.of(saved.id()), drOkafor.userId(), hillview, Optional.empty(),
                    List.of(1, 3), "08:00", "16:00", 20, List.of(new BreakDraft("10:00", "10:15"), new BreakDraft("12:00", "12:45")),
                    "2026-12-01", "");
            AvailabilityRule replaced = schedule.saveRule(reception, changed);
            assertThat(replaced.id()).isEqualTo(saved.id());
            assertThat(replaced.locationName()).isEqualTo("Hillview Clinic");
            assertThat(replaced.breaks()).extracting(Object::toString).containsExactly("10:00-10:15", "12:00-12:45");
            assertThat(replaced.validTo()).isEmpty();
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).hasSize(1);
        }

        @Test
        void aRuleOverlappingAnotherOfTheSameDoctorIsRefusedNamingTheOtherRule() {
            schedule.saveRule(reception, week(drOkafor, riverside));
            var e = catchThrowableOfType(DomainException.FailedPrecondition.class,
                    () -> schedule.saveRule(reception, rule(drOkafor, hillview, List.of(5, 6), "16:00", "18:00")));
            assertThat(e.reason()).isEqualTo("AVAILABILITY_OVERLAP");
            assertThat(e.getMessage()).contains("Riverside Clinic").contains("Mon-Fri").contains("09:00-17:00");
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).hasSize(1);
        }

        @Test
        void adjacentHoursOtherDaysOtherDatesAndOtherDoctorsAreFine() {
            schedule.saveRule(reception, rule(drOkafor, riverside, MON_TO_FRI, "09:00", "13:00"));
            schedule.saveRule(reception, rule(drOkafor, hillview, MON_TO_FRI, "13:00", "17:00"));
            schedule.saveRule(reception, rule(drOkafor, hillview, List.of(6), "09:00", "13:00"));
            schedule.saveRule(reception, new RuleInput(Optional.empty(), Optional.empty(), drHaddad.userId(), riverside, Optional.empty(),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2026-11-23", "2026-12-31"));
            schedule.saveRule(reception, new RuleInput(Optional.empty(), Optional.empty(), drHaddad.userId(), hillview, Optional.empty(),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2027-01-01", ""));
            schedule.saveRule(reception, rule(drHaddad, riverside, List.of(7), "09:00", "12:00"));
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).hasSize(3);
            assertThat(schedule.getAvailability(drHaddad.userId()).rules()).hasSize(3);
        }

        @Test
        void anOpenEndedRuleClashesWithAnyLaterOne() {
            schedule.saveRule(reception, rule(drOkafor, riverside, List.of(2), "09:00", "17:00"));
            var later = new RuleInput(Optional.empty(), Optional.empty(), drOkafor.userId(), hillview, Optional.empty(), List.of(2),
                    "10:00", "11:00", 15, List.of(), "2030-01-01", "2030-01-31");
            assertThat(catchThrowableOfType(DomainException.FailedPrecondition.class, () -> schedule.saveRule(reception, later)).reason())
                    .isEqualTo("AVAILABILITY_OVERLAP");
        }

        @Test
        void aRetiredLocationAForeignRoomOrAnAccountThatIsNoDoctorIsRefused() {
            setup.updateLocation(admin, new LocationChanges(hillview, "Hillview Clinic", "", "", true));
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> schedule.saveRule(reception, week(drOkafor, hillview))))).containsExactly("rule.location_id");

            UUID lakesideRoom = setup.createRoom(admin, new NewRoom(Optional.empty(),
                    setup.createLocation(admin, new NewLocation(Optional.empty(), "Lakeside", "", "")).id(), "Room 9")).id();
            var withForeignRoom = new RuleInput(Optional.empty(), Optional.empty(), drOkafor.userId(), riverside, Optional.of(lakesideRoom),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2026-11-23", "");
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> schedule.saveRule(reception, withForeignRoom)))).containsExactly("rule.room_id");

            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> schedule.saveRule(admin, week(reception, riverside))))).containsExactly("rule.doctor_id");

            staff.deactivate(admin, drHaddad.userId());
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> schedule.saveRule(reception, week(drHaddad, riverside)));
            assertThat(fields(e)).containsExactly("rule.doctor_id");
            assertThat(e.getMessage()).contains("deactivated");
        }

        @Test
        void everyBadFieldOfARuleIsNamedWithItsPath() {
            var bad = new RuleInput(Optional.empty(), Optional.empty(), drOkafor.userId(), riverside, Optional.empty(), List.of(0),
                    "17:00", "09:00", 2, List.of(new BreakDraft("12:30", "13:30")), "2026-11-23", "2026-11-01");
            var e = catchThrowableOfType(DomainException.InvalidInput.class, () -> schedule.saveRule(reception, bad));
            assertThat(fields(e)).containsExactlyInAnyOrder("rule.weekdays", "rule.end_time", "rule.slot_minutes", "rule.valid_to");

            var breakOutside = new RuleInput(Optional.empty(), Optional.empty(), drOkafor.userId(), riverside, Optional.empty(), MON_TO_FRI,
                    "09:00", "12:00", 15, List.of(new BreakDraft("12:30", "13:30")), "2026-11-23", "");
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class, () -> schedule.saveRule(reception, breakOutside))))
                    .containsExactly("rule.breaks[0]");
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstRuleInsteadOfClashingWithIt() {
            UUID requestId = UUID.randomUUID();
            var input = new RuleInput(Optional.of(requestId), Optional.empty(), drOkafor.userId(), riverside, Optional.empty(), MON_TO_FRI,
                    "09:00", "17:00", 15, List.of(), "2026-11-23", "");
            var first = schedule.saveRule(reception, input);
            assertThat(schedule.saveRule(reception, input).id()).isEqualTo(first.id());
        }

        @Test
        void deletingARuleRemovesItButAnotherDoctorsStay() {
            var okafor = schedule.saveRule(reception, week(drOkafor, riverside));
            schedule.saveRule(reception, week(drHaddad, riverside));
            schedule.deleteRule(reception, okafor.id());
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).isEmpty();
            assertThat(schedule.getAvailability(drHaddad.userId()).rules()).hasSize(1);
            assertThat(auditActions()).contains("AVAILABILITY_RULE_DELETED");
            assertThat(catchThrowableOfType(DomainException.NotFound.class, () -> schedule.deleteRule(reception, okafor.id()))).isNotNull();
        }

        @Test
        void rulesThatEndedBeforeTodayAreNotShown() {
            schedule.saveRule(reception, new RuleInput(Optional.empty(), Optional.empty(), drOkafor.userId(), riverside, Optional.empty(),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2026-01-01", "2026-11-22"));
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).isEmpty();
        }
    }

    @Nested
    class WhoMayChangeAvailability {
        @Test
        void aDoctorManagesTheirOwnWeekAndTimeOff() {
            var own = schedule.saveRule(drOkafor, week(drOkafor, riverside));
            var replaced = schedule.saveRule(drOkafor, new RuleInput(Optional.empty(), Optional.of(own.id()), drOkafor.userId(), riverside,
                    Optional.empty(), List.of(1, 2), "09:00", "12:00", 15, List.of(), "2026-11-23", ""));
            assertThat(replaced.weekdays()).containsExactly(1, 2);
            var off = schedule.addException(drOkafor, wholeDaysOff(drOkafor, "2026-12-24", "2026-12-26"));
            schedule.removeException(drOkafor, off.exception().id());
            schedule.deleteRule(drOkafor, own.id());
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).isEmpty();
        }

        @Test
        void aDoctorCannotTouchAnotherDoctorsAvailability() {
            var haddads = schedule.saveRule(reception, week(drHaddad, riverside));
            var haddadsLeave = schedule.addException(reception, wholeDaysOff(drHaddad, "2026-12-24", "2026-12-26")).exception();

            assertThat(catchThrowableOfType(DomainException.PermissionDenied.class,
                    () -> schedule.saveRule(drOkafor, week(drHaddad, hillview)))).isNotNull();
            var moveTheirRule = new RuleInput(Optional.empty(), Optional.of(haddads.id()), drOkafor.userId(), riverside, Optional.empty(),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2026-11-23", "");
            assertThat(catchThrowableOfType(DomainException.PermissionDenied.class, () -> schedule.saveRule(drOkafor, moveTheirRule))).isNotNull();
            assertThat(catchThrowableOfType(DomainException.PermissionDenied.class, () -> schedule.deleteRule(drOkafor, haddads.id()))).isNotNull();
            assertThat(catchThrowableOfType(DomainException.PermissionDenied.class,
                    () -> schedule.addException(drOkafor, wholeDaysOff(drHaddad, "2026-12-28", "2026-12-28")))).isNotNull();
            assertThat(catchThrowableOfType(DomainException.PermissionDenied.class,
                    () -> schedule.removeException(drOkafor, haddadsLeave.id()))).isNotNull();

            var haddad = schedule.getAvailability(drHaddad.userId());
            assertThat(haddad.rules()).containsExactly(haddads);
            assertThat(haddad.exceptions()).hasSize(1);
        }

        @Test
        void receptionAndAdminsManageAnyDoctor() {
            var rule = schedule.saveRule(reception, week(drHaddad, riverside));
            schedule.saveRule(admin, week(drOkafor, hillview));
            schedule.deleteRule(admin, rule.id());
            assertThat(schedule.getAvailability(drHaddad.userId()).rules()).isEmpty();
            assertThat(schedule.getAvailability(drOkafor.userId()).rules()).hasSize(1);
        }
    }

    @Nested
    class TimeOffAndExtraSessions {
        @Test
        void wholeDaysRunFromLocalMidnightToMidnightAfterTheLastDay() {
            var added = schedule.addException(reception, wholeDaysOff(drOkafor, "2026-12-07", "2026-12-11"));
            AvailabilityException off = added.exception();
            assertThat(off.startsAt()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
            assertThat(off.endsAt()).isEqualTo(Instant.parse("2026-12-12T00:00:00Z"));
            assertThat(off.local().isWholeDays()).isTrue();
            assertThat(off.local().endDate()).isEqualTo(LocalDate.of(2026, 12, 11));
            assertThat(off.reason()).contains("Leave");
            assertThat(added.affectedAppointmentIds()).isEmpty();
            assertThat(auditActions()).contains("TIME_OFF_ADDED");
        }

        @Test
        void appointmentsThatStillHoldTimeInsideTheTimeOffAreListedNotCancelled() {
            UUID type = setup.createType(admin, new NewType(Optional.empty(), new TypeFields("Consultation", 20, 5, false, false, false))).id();
            UUID confirmed = appointment(drOkafor, type, "2026-12-08T10:00:00Z", "CONFIRMED");
            UUID pending = appointment(drOkafor, type, "2026-12-08T11:00:00Z", "PENDING");
            UUID checkedIn = appointment(drOkafor, type, "2026-12-08T14:50:00Z", "CHECKED_IN");
            appointment(drOkafor, type, "2026-12-08T12:00:00Z", "CANCELLED");
            appointment(drOkafor, type, "2026-12-08T15:30:00Z", "CONFIRMED");
            appointment(drOkafor, type, "2026-12-08T08:40:00Z", "CONFIRMED");
            appointment(drHaddad, type, "2026-12-08T10:00:00Z", "CONFIRMED");

            var added = schedule.addException(reception, timeOff(drOkafor, "2026-12-08", "09:00", "2026-12-08", "15:00"));
            assertThat(added.affectedAppointmentIds()).containsExactly(confirmed, pending, checkedIn);
            assertThat(db.dsl().fetchCount(APPOINTMENT, APPOINTMENT.STATUS.eq("CONFIRMED"))).isEqualTo(4);
        }

        @Test
        void anExtraSessionIsStoredAtItsLocationWithItsSlots() {
            var extra = new ExceptionInput(Optional.empty(), drOkafor.userId(), Optional.of(ExceptionKind.EXTRA_SESSION), "2026-12-05", "",
                    "09:00", "12:00", Optional.of(riverside), Optional.empty(), 20, "Saturday clinic");
            var added = schedule.addException(reception, extra).exception();
            assertThat(added.kind()).isEqualTo(ExceptionKind.EXTRA_SESSION);
            assertThat(added.locationId()).contains(riverside);
            assertThat(added.slotMinutes()).contains(20);
            assertThat(added.startsAt()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
            assertThat(added.local().startTime()).contains(LocalTime.of(9, 0));
            assertThat(auditActions()).contains("EXTRA_SESSION_ADDED");

            var noLocation = new ExceptionInput(Optional.empty(), drOkafor.userId(), Optional.of(ExceptionKind.EXTRA_SESSION), "2026-12-05",
                    "", "09:00", "12:00", Optional.empty(), Optional.empty(), 0, "");
            assertThat(fields(catchThrowableOfType(DomainException.InvalidInput.class, () -> schedule.addException(reception, noLocation))))
                    .containsExactlyInAnyOrder("exception.location_id", "exception.slot_minutes");
        }

        @Test
        void availabilityShowsExceptionsEndingTodayOrLaterWithTheirLocalDates() {
            schedule.addException(reception, wholeDaysOff(drOkafor, "2026-11-20", "2026-11-22"));
            schedule.addException(reception, wholeDaysOff(drOkafor, "2026-11-20", "2026-11-23"));
            schedule.addException(reception, timeOff(drOkafor, "2026-12-01", "14:00", "2026-12-02", "10:00"));
            var exceptions = schedule.getAvailability(drOkafor.userId()).exceptions();
            assertThat(exceptions).hasSize(2);
            assertThat(exceptions.get(0).local()).isEqualTo(ScheduleModel.LocalSpan.wholeDays(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 23)));
            assertThat(exceptions.get(1).local()).isEqualTo(ScheduleModel.LocalSpan.between(
                    LocalDate.of(2026, 12, 1), LocalTime.of(14, 0), LocalDate.of(2026, 12, 2), LocalTime.of(10, 0)));
        }

        @Test
        void aRetryWithTheSameRequestIdAddsTheTimeOffOnce() {
            UUID requestId = UUID.randomUUID();
            var input = new ExceptionInput(Optional.of(requestId), drOkafor.userId(), Optional.of(ExceptionKind.TIME_OFF), "2026-12-07",
                    "2026-12-07", "", "", Optional.empty(), Optional.empty(), 0, "");
            var first = schedule.addException(reception, input);
            assertThat(schedule.addException(reception, input).exception().id()).isEqualTo(first.exception().id());
            assertThat(schedule.getAvailability(drOkafor.userId()).exceptions()).hasSize(1);
        }

        @Test
        void removingTimeOffGivesTheTimeBack() {
            var off = schedule.addException(reception, wholeDaysOff(drOkafor, "2026-12-07", "2026-12-07")).exception();
            schedule.removeException(reception, off.id());
            assertThat(schedule.getAvailability(drOkafor.userId()).exceptions()).isEmpty();
            assertThat(auditActions()).contains("TIME_OFF_REMOVED");
        }

        private int patients;

        private UUID appointment(Principal doctor, UUID type, String start, String status) {
            patients++;
            UUID patient = db.dsl().insertInto(PATIENT)
                    .set(PATIENT.MRN, "MC" + (1000000 + patients))
                    .set(PATIENT.GIVEN_NAME, "Pat")
                    .set(PATIENT.FAMILY_NAME, "Number " + patients)
                    .set(PATIENT.DATE_OF_BIRTH, LocalDate.of(1980, 1, 1))
                    .set(PATIENT.SEX, "UNKNOWN")
                    .returning(PATIENT.ID).fetchSingle(PATIENT.ID);
            Instant startsAt = Instant.parse(start);
            return db.dsl().insertInto(APPOINTMENT)
                    .set(APPOINTMENT.REFERENCE, "A-" + patients)
                    .set(APPOINTMENT.PATIENT_ID, patient)
                    .set(APPOINTMENT.DOCTOR_ID, doctor.userId())
                    .set(APPOINTMENT.LOCATION_ID, riverside)
                    .set(APPOINTMENT.TYPE_ID, type)
                    .set(APPOINTMENT.STARTS_AT, startsAt.atOffset(ZoneOffset.UTC))
                    .set(APPOINTMENT.ENDS_AT, startsAt.plus(Duration.ofMinutes(20)).atOffset(ZoneOffset.UTC))
                    .set(APPOINTMENT.BLOCKS_UNTIL, startsAt.plus(Duration.ofMinutes(25)).atOffset(ZoneOffset.UTC))
                    .set(APPOINTMENT.STATUS, status)
                    .returning(APPOINTMENT.ID).fetchSingle(APPOINTMENT.ID);
        }
    }

    @Nested
    class DaylightSavingInBerlin {
        @BeforeEach
        void berlinClinicInMarch() {
            startClinic(TestConfig.defaults().withClinicZone(ZoneId.of("Europe/Berlin")), Instant.parse("2026-03-01T09:00:00Z"));
        }

        @Test
        void theDayTheClocksGoForwardIs23HoursLong() {
            var off = schedule.addException(reception, wholeDaysOff(drOkafor, "2026-03-29", "2026-03-29")).exception();
            assertThat(off.startsAt()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
            assertThat(off.endsAt()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
            assertThat(Duration.between(off.startsAt(), off.endsAt())).isEqualTo(Duration.ofHours(23));
        }

        @Test
        void theDayTheClocksGoBackIs25HoursLong() {
            var off = schedule.addException(reception, wholeDaysOff(drOkafor, "2026-10-25", "2026-10-25")).exception();
            assertThat(off.startsAt()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
            assertThat(off.endsAt()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
            assertThat(Duration.between(off.startsAt(), off.endsAt())).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void wallClockTimesAcrossTheChangeKeepTheirLocalMeaning() {
            var off = schedule.addException(reception, timeOff(drOkafor, "2026-03-28", "09:00", "2026-03-29", "09:00")).exception();
            assertThat(off.startsAt()).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
            assertThat(off.endsAt()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
            assertThat(off.local()).isEqualTo(ScheduleModel.LocalSpan.between(
                    LocalDate.of(2026, 3, 28), LocalTime.of(9, 0), LocalDate.of(2026, 3, 29), LocalTime.of(9, 0)));
        }

        @Test
        void aWholeDayOnTheChangeReadsBackAsThatDay() {
            schedule.addException(reception, wholeDaysOff(drOkafor, "2026-03-29", "2026-03-29"));
            var local = schedule.getAvailability(drOkafor.userId()).exceptions().getFirst().local();
            assertThat(local).isEqualTo(ScheduleModel.LocalSpan.wholeDays(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29)));
        }

        @Test
        void aRangeThatVanishesWhenTheClocksGoForwardIsRefused() {
            var e = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> schedule.addException(reception, timeOff(drOkafor, "2026-03-29", "02:30", "2026-03-29", "03:00")));
            assertThat(fields(e)).containsExactly("exception.end_time");
        }
    }
}
