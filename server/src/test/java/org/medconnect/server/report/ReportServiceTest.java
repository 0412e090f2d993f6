package org.medconnect.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medconnect.server.report.SmallClinic.MONDAY;
import static org.medconnect.server.report.SmallClinic.SUNDAY;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DomainException;
import org.medconnect.shared.validation.FieldError;
import org.medconnect.server.report.ReportModel.Filter;
import org.medconnect.server.report.ReportModel.Panel;
import org.medconnect.server.report.ReportModel.Row;
import org.medconnect.server.report.ReportModel.Table;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Every dashboard figure against values worked out by hand on {@link SmallClinic}, on a real PostgreSQL. */
class ReportServiceTest {

    SmallClinic clinic;
    ReportService reports;

    static final Filter WEEK = new Filter(MONDAY, SUNDAY, Optional.empty(), Optional.empty(), Optional.empty());

    @BeforeEach
    void clinic() {
        Database db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(SmallClinic.NOW));
        clinic = new SmallClinic(db.dsl(), services);
        reports = services.reports();
    }

    Table admin(Panel panel) {
        return reports.panel(clinic.admin, panel, WEEK);
    }

    static Row row(Table t, String label) {
        return t.rows().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + t.rows()));
    }

    static List<Double> values(Table t, String label) {
        return row(t, label).values();
    }

    @Nested
    class Appointments {

        @Test
        void countsEachDayOfTheWeekByStatusWithEmptyDaysAsZero() {
            Table t = admin(Panel.APPOINTMENTS_PER_DAY);
            assertThat(t.rows()).extracting(Row::label).containsExactly("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05",
                    "2026-11-06", "2026-11-07", "2026-11-08");
            // total, completed, cancelled, no-show
            assertThat(values(t, "2026-11-02")).containsExactly(3.0, 3.0, 0.0, 0.0);
            assertThat(values(t, "2026-11-03")).containsExactly(2.0, 0.0, 1.0, 1.0);
            assertThat(values(t, "2026-11-04")).containsExactly(3.0, 1.0, 0.0, 1.0);
            assertThat(values(t, "2026-11-05")).containsExactly(1.0, 0.0, 0.0, 0.0);
            assertThat(values(t, "2026-11-06")).containsExactly(0.0, 0.0, 0.0, 0.0);
            assertThat(values(t, "2026-11-07")).containsExactly(1.0, 1.0, 0.0, 0.0);
        }

        @Test
        void countsTheWeekAsOneIsoWeek() {
            Table t = admin(Panel.APPOINTMENTS_PER_WEEK);
            assertThat(t.rows()).hasSize(1);
            assertThat(values(t, "2026-11-02")).containsExactly(10.0, 5.0, 1.0, 2.0);
        }

        @Test
        void noShowRateIsOverSettledVisitsAndCancellationRateOverAllButDeclined() {
            Table t = admin(Panel.ATTENDANCE);
            // 2 no-shows of 5 completed + 2 no-shows; 1 cancelled of 10 - 1 declined.
            assertThat(values(t, "No-show")).containsExactly(2.0, 7.0, 28.6);
            assertThat(values(t, "Cancellation")).containsExactly(1.0, 9.0, 11.1);
        }

        @Test
        void utilisationIsBookedOverAvailableFromTheSchedule() {
            Table t = admin(Panel.UTILISATION);
            // Okafor: 6 x 30 min booked (no-show included, cancelled not) of 16 h; Berg: 2 x 30 min of 8 h.
            assertThat(values(t, "Dr Okafor")).containsExactly(16.0, 3.0, 18.8);
            assertThat(values(t, "Dr Berg")).containsExactly(8.0, 1.0, 12.5);
        }

        @Test
        void utilisationAtAnotherLocationHasNoAvailableTime() {
            Table t = reports.panel(clinic.admin, Panel.UTILISATION,
                    new Filter(MONDAY, SUNDAY, Optional.of(clinic.otherLocation), Optional.empty(), Optional.empty()));
            assertThat(t.rows()).isEmpty();
        }

        @Test
        void waitingAndConsultationHaveExactMediansAndNinetiethPercentiles() {
            Table t = admin(Panel.VISIT_TIMES);
            // waits 5 10 12 20 30: median 12, p90 = 20 + 0.6 x 10 = 26; consultations 15 20 25 30 45: 25, 30 + 0.6 x 15 = 39
            assertThat(values(t, "Waiting (check-in to called)")).containsExactly(5.0, 12.0, 26.0);
            assertThat(values(t, "Consultation (called to completed)")).containsExactly(5.0, 25.0, 39.0);
        }

        @Test
        void aPatientWithACompletedVisitBeforeThePeriodIsReturning() {
            Table t = admin(Panel.NEW_VS_RETURNING);
            // completed in the week: P1 P2 P5 P6 P7; P6 was seen on 10-20.
            assertThat(values(t, "New")).containsExactly(4.0);
            assertThat(values(t, "Returning")).containsExactly(1.0);
        }
    }

    @Nested
    class Money {

        @Test
        void revenuePerDayIsEveryDayOfThePeriod() {
            Table t = admin(Panel.REVENUE_BY_DAY);
            assertThat(t.currency()).contains("USD");
            assertThat(t.rows()).hasSize(7);
            assertThat(values(t, "2026-11-02")).containsExactly(100.0, 0.0, 100.0);
            assertThat(values(t, "2026-11-03")).containsExactly(50.0, 0.0, 50.0);
            assertThat(values(t, "2026-11-04")).containsExactly(20.0, 0.0, 20.0);
            assertThat(values(t, "2026-11-05")).containsExactly(0.0, 0.0, 0.0);
        }

        @Test
        void revenueByDoctorDepartmentAndMethod() {
            assertThat(values(admin(Panel.REVENUE_BY_DOCTOR), "Dr Okafor")).containsExactly(120.0, 0.0, 120.0);
            assertThat(values(admin(Panel.REVENUE_BY_DOCTOR), "Dr Berg")).containsExactly(50.0, 0.0, 50.0);
            assertThat(values(admin(Panel.REVENUE_BY_DEPARTMENT), "Cardiology")).containsExactly(120.0, 0.0, 120.0);
            assertThat(values(admin(Panel.REVENUE_BY_DEPARTMENT), "Dermatology")).containsExactly(50.0, 0.0, 50.0);
            Table methods = admin(Panel.REVENUE_BY_METHOD);
            assertThat(methods.rows()).extracting(Row::label).containsExactly("Card", "Cash", "Insurance");
            assertThat(values(methods, "Insurance")).containsExactly(20.0, 0.0, 20.0);
        }

        @Test
        void outstandingBalancesAgeFromTheDueDateAtThePeriodEnd() {
            Table t = admin(Panel.OUTSTANDING_AGEING);
            // on 11-08: I2 owes 30.00, due 11-10 (not yet due); I3 owes 40.00, 19 days late; I1 is paid.
            assertThat(values(t, "Not yet due")).containsExactly(1.0, 30.0);
            assertThat(values(t, "1-30 days")).containsExactly(1.0, 40.0);
            assertThat(values(t, "31-60 days")).containsExactly(0.0, 0.0);
            assertThat(values(t, "Over 90 days")).containsExactly(0.0, 0.0);
        }
    }

    @Test
    void signInsCountSignInsDistinctUsersAndRefusals() {
        Table t = admin(Panel.SIGN_INS);
        assertThat(values(t, "2026-11-02")).containsExactly(3.0, 2.0, 1.0);
        assertThat(values(t, "2026-11-03")).containsExactly(1.0, 1.0, 0.0);
        assertThat(values(t, "2026-11-05")).containsExactly(1.0, 1.0, 0.0);
        assertThat(values(t, "2026-11-04")).containsExactly(0.0, 0.0, 0.0);
    }

    @Nested
    class Access {

        @Test
        void aDoctorSeesOnlyTheirOwnFiguresEvenWhenAskingForAnotherDoctor() {
            Filter asksForBerg = new Filter(MONDAY, SUNDAY, Optional.empty(), Optional.empty(), Optional.of(clinic.berg.userId()));
            Table days = reports.panel(clinic.okafor, Panel.APPOINTMENTS_PER_DAY, asksForBerg);
            assertThat(days.applied().doctorId()).contains(clinic.okafor.userId());
            assertThat(values(days, "2026-11-02")).containsExactly(2.0, 2.0, 0.0, 0.0);
            Table utilisation = reports.panel(clinic.okafor, Panel.UTILISATION, asksForBerg);
            assertThat(utilisation.rows()).extracting(Row::label).containsExactly("Dr Okafor");
            Table revenue = reports.panel(clinic.okafor, Panel.REVENUE_BY_DOCTOR, asksForBerg);
            assertThat(revenue.rows()).extracting(Row::label).containsExactly("Dr Okafor");
            Table signIns = reports.panel(clinic.okafor, Panel.SIGN_INS, asksForBerg);
            assertThat(values(signIns, "2026-11-02")).containsExactly(2.0, 1.0, 1.0);
            assertThat(values(signIns, "2026-11-05")).containsExactly(0.0, 0.0, 0.0);
        }

        @Test
        void theFrontDeskIsRefused() {
            assertThatThrownBy(() -> reports.panel(clinic.desk, Panel.ATTENDANCE, WEEK))
                    .isInstanceOf(DomainException.PermissionDenied.class);
        }

        @Test
        void anAdminCanNarrowToOneDoctor() {
            Table t = reports.panel(clinic.admin, Panel.ATTENDANCE,
                    new Filter(MONDAY, SUNDAY, Optional.empty(), Optional.empty(), Optional.of(clinic.berg.userId())));
            assertThat(values(t, "No-show")).containsExactly(1.0, 2.0, 50.0);
        }
    }

    @Nested
    class Periods {

        @Test
        void aYearAndADayIsTheLongestPeriod() {
            LocalDate from = LocalDate.of(2024, 1, 1);
            reports.panel(clinic.admin, Panel.ATTENDANCE, new Filter(from, from.plusDays(365), Optional.empty(), Optional.empty(), Optional.empty()));
            assertThatThrownBy(() -> reports.panel(clinic.admin, Panel.ATTENDANCE,
                    new Filter(from, from.plusDays(366), Optional.empty(), Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("filter.to_date"));
        }

        @Test
        void anEndBeforeTheStartIsRefused() {
            assertThatThrownBy(() -> reports.panel(clinic.admin, Panel.ATTENDANCE,
                    new Filter(SUNDAY, MONDAY, Optional.empty(), Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("filter.to_date"));
        }
    }

    @Test
    void reportsReadThroughAReadOnlyConnection() {
        var dsl = TestDatabase.fresh().reportDsl(TestConfig.defaults().reports());
        assertThat(dsl.fetchValue("show default_transaction_read_only")).isEqualTo("on");
        assertThatThrownBy(() -> dsl.execute("create table should_not_exist (id int)")).hasMessageContaining("read-only");
    }

    @Test
    void unusedIdsFindNothing() {
        Table t = reports.panel(clinic.admin, Panel.APPOINTMENTS_PER_WEEK,
                new Filter(MONDAY, SUNDAY, Optional.of(UUID.randomUUID()), Optional.empty(), Optional.empty()));
        assertThat(values(t, "2026-11-02")).containsExactly(0.0, 0.0, 0.0, 0.0);
    }
}
