package org.medconnect.server.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.chart.ChartModel.AllergyState;
import org.medconnect.server.chart.ChartModel.FieldChange;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;
import io.grpc.inprocess.InProcessServerBuilder;

/** The chart's spine against the real database: who gets in, break the glass, the summary per role, history. */
class ChartServiceTest {

    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    MutableClock clock;
    MedConnectServer server;
    ClinicServices services;
    DSLContext dsl;
    ChartService chart;
    ChartFixture facts;
    Principal doctor;
    Principal stranger;
    Principal nurse;
    Principal desk;
    Principal admin;
    UUID patient;

    @BeforeEach
    void start() throws Exception {
        var db = TestDatabase.fresh();
        dsl = db.dsl();
        clock = new MutableClock(NOW);
        services = new ClinicServices(TestConfig.defaults(), db, clock);
        server = new MedConnectServer(InProcessServerBuilder.forName("chart-" + UUID.randomUUID()).directExecutor(), services).start();
        chart = services.chart();
        var scheduling = new SchedulingFixture(dsl, services);
        facts = new ChartFixture(dsl, scheduling);
        doctor = scheduling.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        stranger = scheduling.doctor("novak", "Dr Ivan Novak", "Cardiology", "Cardiology");
        nurse = scheduling.staff("nurse.lee", "Grace Lee", Role.NURSE);
        desk = scheduling.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        admin = scheduling.staff("root2", "Ada Admin", Role.ADMIN);
        patient = scheduling.patient("Ana", "Souza");
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    static String reason(Throwable t) {
        return ((DomainException) t).reason();
    }

    @Nested
    class WhoGetsIn {

        @Test
        void aDoctorBookedWithThePatientInTheFutureOpensTheChart() {
            facts.appointment(patient, doctor.userId(), NOW.plus(Duration.ofDays(3)), "CONFIRMED");
            assertThat(chart.open(doctor, patient).basis()).isEqualTo(ChartAccess.Basis.CARE_RELATION);
        }

        @Test
        void aDoctorWhoSawThePatientLastYearOpensTheChart() {
            facts.appointment(patient, doctor.userId(), NOW.minus(Duration.ofDays(400)), "COMPLETED");
            assertThat(chart.open(doctor, patient).basis()).isEqualTo(ChartAccess.Basis.CARE_RELATION);
        }

        @Test
        void aDeclinedRequestIsNoCareRelation() {
            facts.appointment(patient, stranger.userId(), NOW.plus(Duration.ofDays(3)), "DECLINED");
            assertThatThrownBy(() -> chart.open(stranger, patient))
                    .isInstanceOf(DomainException.PermissionDenied.class)
                    .satisfies(t -> assertThat(reason(t)).isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED));
        }

        @Test
        void aReferredDoctorOpensTheChart() {
            facts.referral(patient, stranger.userId(), doctor.userId(), NOW.minus(Duration.ofDays(1)));
            assertThat(chart.open(stranger, patient).basis()).isEqualTo(ChartAccess.Basis.REFERRAL);
        }

        @Test
        void aDoctorWithoutARelationIsToldToBreakTheGlass() {
            assertThatThrownBy(() -> chart.open(stranger, patient))
                    .satisfies(t -> assertThat(reason(t)).isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED));
        }

        @Test
        void brokenGlassLetsTheDoctorInUntilItExpires() {
            chart.breakTheGlass(stranger, patient, "Patient collapsed in the waiting room", Optional.of(UUID.randomUUID()));
            var summary = chart.open(stranger, patient);
            assertThat(summary.basis()).isEqualTo(ChartAccess.Basis.BREAK_GLASS);
            assertThat(summary.accessExpiresAt()).isPresent();

            clock.advance(ChartService.BREAK_GLASS_LIFETIME.plusMinutes(1));
            assertThatThrownBy(() -> chart.open(stranger, patient))
                    .satisfies(t -> assertThat(reason(t)).isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED));
        }

        @Test
        void aNurseSeesThePatientCheckedInTodayOnly() {
            facts.appointment(patient, doctor.userId(), NOW.minus(Duration.ofMinutes(30)), "CHECKED_IN");
            assertThat(chart.open(nurse, patient).basis()).isEqualTo(ChartAccess.Basis.TRIAGE);

            clock.advance(Duration.ofDays(1));
            assertThatThrownBy(() -> chart.open(nurse, patient)).isInstanceOf(DomainException.PermissionDenied.class);
        }

        @Test
        void aNurseIsRefusedAPatientBookedButNotCheckedIn() {
            facts.appointment(patient, doctor.userId(), NOW.plus(Duration.ofHours(2)), "CONFIRMED");
            assertThatThrownBy(() -> chart.open(nurse, patient)).isInstanceOf(DomainException.PermissionDenied.class);
        }

        @Test
        void receptionistsAndAdminsGetNoClinicalContent() {
            facts.appointment(patient, doctor.userId(), NOW.minus(Duration.ofMinutes(30)), "CHECKED_IN");
            assertThatThrownBy(() -> chart.open(desk, patient)).isInstanceOf(DomainException.PermissionDenied.class);
            assertThatThrownBy(() -> chart.open(admin, patient)).isInstanceOf(DomainException.PermissionDenied.class);
            assertThatThrownBy(() -> chart.chartHistory(desk, patient, 0, 50)).isInstanceOf(DomainException.PermissionDenied.class);
            assertThatThrownBy(() -> chart.breakTheGlass(desk, patient, "curious", Optional.empty()))
                    .isInstanceOf(DomainException.PermissionDenied.class);
        }

        @Test
        void anUnknownPatientIsNotFound() {
            assertThatThrownBy(() -> chart.open(doctor, UUID.randomUUID())).isInstanceOf(DomainException.NotFound.class);
        }
    }

    @Nested
    class BreakingTheGlass {

        @Test
        void leavesAnAuditEntryAnAccessLineAndAnInboxItemForEveryAdmin() {
            var grant = chart.breakTheGlass(stranger, patient, "On call, patient unconscious", Optional.of(UUID.randomUUID()));

            assertThat(grant.expiresAt().toInstant()).isEqualTo(NOW.plus(ChartService.BREAK_GLASS_LIFETIME));
            assertThat(dsl.resultQuery(
                    "select count(*) from audit_entry where action = 'CHART_BREAK_GLASS' and actor_user_id = ?", stranger.userId())
                    .fetchSingle(0, Integer.class)).isEqualTo(1);
            assertThat(dsl.resultQuery(
                    "select count(*) from chart_access_log where action = 'BREAK_GLASS' and grant_id = ?", grant.id())
                    .fetchSingle(0, Integer.class)).isEqualTo(1);
            var inbox = dsl.resultQuery("select recipient_user_id, title, body from notification where kind = 'BREAK_THE_GLASS'").fetch();
            assertThat(inbox).extracting(r -> r.get(0, UUID.class)).contains(admin.userId()).doesNotContain(doctor.userId());
            // Names only: the typed reason could be clinical and stays out of the inbox.
            assertThat(inbox).allSatisfy(r -> assertThat(r.get(1, String.class) + r.get(2, String.class))
                    .contains("Dr Ivan Novak").contains("Ana Souza").doesNotContain("unconscious"));
        }

        @Test
        void needsAReason() {
            assertThatThrownBy(() -> chart.breakTheGlass(stranger, patient, "   ", Optional.empty()))
                    .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("reason");
            assertThatThrownBy(() -> chart.breakTheGlass(stranger, patient, "x".repeat(501), Optional.empty()))
                    .isInstanceOf(DomainException.InvalidInput.class);
        }

        @Test
        void isRefusedToADoctorWhoAlreadyHasAccess() {
            facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofDays(10)), "SIGNED");
            assertThatThrownBy(() -> chart.breakTheGlass(doctor, patient, "check", Optional.empty()))
                    .isInstanceOf(DomainException.FailedPrecondition.class);
        }

        @Test
        void adminsListUnreviewedGrantsAndMarkThemReviewedOnce() {
            var grant = chart.breakTheGlass(stranger, patient, "Emergency", Optional.empty());
            assertThat(chart.listBreakTheGlass(true, 0, 50).grants()).extracting(ChartModel.GlassGrant::id).containsExactly(grant.id());

            var reviewed = chart.reviewBreakTheGlass(admin, grant.id(), Optional.of("Confirmed with the ward"));
            assertThat(reviewed.reviewedBy()).contains("Ada Admin");
            assertThat(chart.listBreakTheGlass(true, 0, 50).grants()).isEmpty();
            assertThat(chart.listBreakTheGlass(false, 0, 50).unreviewed()).isZero();
            assertThatThrownBy(() -> chart.reviewBreakTheGlass(admin, grant.id(), Optional.empty()))
                    .isInstanceOf(DomainException.FailedPrecondition.class).hasMessageContaining("Ada Admin");
        }

        @Test
        void whoLookedShowsTheBreakGlassReasonToAdminsAndThePatientsDoctors() {
            facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofDays(10)), "SIGNED");
            chart.breakTheGlass(stranger, patient, "Covering for Dr Okafor", Optional.empty());
            chart.open(stranger, patient);
            chart.open(doctor, patient);
            chart.summary(doctor, patient); // a refresh is not a new opening

            var seen = chart.listAccess(admin, patient, 0, 50);
            assertThat(seen.total()).isEqualTo(3);
            assertThat(seen.entries()).extracting(ChartModel.AccessEntry::action).containsExactlyInAnyOrder("OPEN_CHART", "OPEN_CHART", "BREAK_GLASS");
            assertThat(seen.entries()).filteredOn(e -> e.userName().equals("Dr Ivan Novak"))
                    .allSatisfy(e -> assertThat(e.breakGlassReason()).contains("Covering for Dr Okafor"));
            assertThat(chart.listAccess(doctor, patient, 0, 50).total()).isEqualTo(3);
            assertThatThrownBy(() -> chart.listAccess(nurse, patient, 0, 50)).isInstanceOf(DomainException.PermissionDenied.class);
        }
    }

    @Nested
    class Summary {

        @Test
        void showsActiveAllergiesMostSevereFirstActiveProblemsCurrentMedsVitalsTrendAndNextVisit() {
            facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofDays(10)), "SIGNED");
            UUID open = facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofMinutes(5)), "OPEN");
            facts.allergy(patient, "Ibuprofen", "MILD", doctor.userId(), NOW);
            facts.allergy(patient, "Penicillin", "SEVERE", doctor.userId(), NOW);
            facts.problem(patient, "I10", "Essential hypertension", "ACTIVE", doctor.userId(), NOW);
            facts.problem(patient, "J06.9", "Upper respiratory infection", "RESOLVED", doctor.userId(), NOW);
            facts.problem(patient, null, "Wrong patient", "ENTERED_IN_ERROR", doctor.userId(), NOW);
            facts.medication(patient, "Amlodipine", "ACTIVE", doctor.userId(), NOW);
            facts.medication(patient, "Amoxicillin", "STOPPED", doctor.userId(), NOW);
            for (int i = 0; i < 12; i++) {
                facts.vitals(patient, NOW.minus(Duration.ofDays(12 - i)), 120 + i, 80, 60 + i, 70.0 + i, doctor.userId());
            }
            facts.appointment(patient, doctor.userId(), NOW.plus(Duration.ofDays(14)), "CONFIRMED");
            facts.appointment(patient, doctor.userId(), NOW.plus(Duration.ofDays(30)), "CONFIRMED");

            var s = chart.open(doctor, patient);

            assertThat(s.patient().fullName()).isEqualTo("Ana Souza");
            assertThat(s.allergyState()).isEqualTo(AllergyState.ALLERGIC);
            assertThat(s.allergies()).extracting(ChartModel.AllergyItem::substance).containsExactly("Penicillin", "Ibuprofen");
            assertThat(s.problems()).extracting(ChartModel.ProblemItem::title).containsExactly("Essential hypertension");
            assertThat(s.medications()).extracting(ChartModel.MedicationItem::name).containsExactly("Amlodipine");
            var v = s.vitals().orElseThrow();
            assertThat(v.latest().systolic()).contains(131);
            assertThat(v.bloodPressure()).hasSize(ChartService.TREND_POINTS);
            assertThat(v.bloodPressure().getLast().value()).isEqualTo(131);
            assertThat(v.bloodPressure().getFirst().value()).isEqualTo(124); // oldest of the last eight
            assertThat(v.weight().getLast().value()).isEqualTo(81.0);
            assertThat(s.nextAppointment().orElseThrow().startsAt().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(14)));
            assertThat(s.openEncounter().orElseThrow().id()).isEqualTo(open);
            assertThat(s.admission()).isEmpty();
        }

        @Test
        void tellsNoKnownAllergiesFromNotAskedYet() {
            facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofDays(10)), "SIGNED");
            assertThat(chart.open(doctor, patient).allergyState()).isEqualTo(AllergyState.NOT_ASKED);
            facts.noKnownAllergies(patient, doctor.userId(), NOW);
            assertThat(chart.summary(doctor, patient).allergyState()).isEqualTo(AllergyState.NONE_KNOWN);
        }

        @Test
        void aNurseGetsTheSameSummaryForTriage() {
            facts.appointment(patient, doctor.userId(), NOW.minus(Duration.ofMinutes(30)), "CHECKED_IN");
            facts.allergy(patient, "Latex", "MODERATE", doctor.userId(), NOW);
            var s = chart.open(nurse, patient);
            assertThat(s.allergies()).extracting(ChartModel.AllergyItem::substance).containsExactly("Latex");
            assertThat(s.allergyState()).isEqualTo(AllergyState.ALLERGIC);
        }

        @Test
        void carriesTheSequenceToWatchFrom() {
            facts.encounter(patient, doctor.userId(), NOW.minus(Duration.ofDays(10)), "SIGNED");
            facts.version(patient, "VITALS", UUID.randomUUID(), 1, "CREATED", doctor.userId(), NOW,
                    List.of(new ChartLedger.Field("Pulse", "70 /min")));
            long last = dsl.resultQuery("select max(seq) from chart_event").fetchSingle(0, Long.class);
            assertThat(chart.summary(doctor, patient).asOfSequence()).isEqualTo(last);
        }
    }

    @Nested
    class History {

        UUID vitalsId = UUID.randomUUID();
        UUID noteId = UUID.randomUUID();

        @BeforeEach
        void versions() {
            facts.appointment(patient, doctor.userId(), NOW.minus(Duration.ofMinutes(30)), "CHECKED_IN");
            facts.version(patient, "VITALS", vitalsId, 1, "CREATED", nurse.userId(), NOW.minus(Duration.ofMinutes(20)),
                    List.of(new ChartLedger.Field("Blood pressure", "120/80 mm[Hg]"), new ChartLedger.Field("Pulse", "70 /min")));
            facts.version(patient, "VITALS", vitalsId, 2, "UPDATED", doctor.userId(), NOW.minus(Duration.ofMinutes(10)),
                    List.of(new ChartLedger.Field("Blood pressure", "135/85 mm[Hg]"), new ChartLedger.Field("Pulse", "70 /min")));
            facts.version(patient, "NOTE", noteId, 1, "CREATED", doctor.userId(), NOW.minus(Duration.ofMinutes(5)),
                    List.of(new ChartLedger.Field("Subjective", "Headache for three days")));
        }

        @Test
        void showsOnlyTheFieldsThatChangedWithWhoAndWhen() {
            var versions = chart.entryHistory(doctor, "VITALS", vitalsId);
            assertThat(versions).extracting(ChartModel.EntryVersion::version).containsExactly(1, 2);
            assertThat(versions.get(0).changedBy()).isEqualTo("Grace Lee");
            assertThat(versions.get(0).changes()).hasSize(2);
            assertThat(versions.get(1).changedBy()).isEqualTo("Dr Amara Okafor");
            assertThat(versions.get(1).changes()).containsExactly(new FieldChange("Blood pressure", "120/80 mm[Hg]", "135/85 mm[Hg]"));
        }

        @Test
        void chartWideHistoryIsNewestFirstAndHidesNotesFromNurses() {
            assertThat(chart.chartHistory(doctor, patient, 0, 50).versions()).extracting(ChartModel.EntryVersion::entryKind)
                    .containsExactly("NOTE", "VITALS", "VITALS");
            var nurseView = chart.chartHistory(nurse, patient, 0, 50);
            assertThat(nurseView.versions()).extracting(ChartModel.EntryVersion::entryKind).containsOnly("VITALS");
            assertThat(nurseView.total()).isEqualTo(2);
            assertThat(chart.entryHistory(nurse, "VITALS", vitalsId)).hasSize(2);
            assertThatThrownBy(() -> chart.entryHistory(nurse, "NOTE", noteId)).isInstanceOf(DomainException.PermissionDenied.class);
        }

        @Test
        void refusesAMalformedKindAndAnUnknownEntry() {
            assertThatThrownBy(() -> chart.entryHistory(doctor, "vitals; drop", vitalsId))
                    .isInstanceOf(DomainException.InvalidInput.class);
            assertThatThrownBy(() -> chart.entryHistory(doctor, "VITALS", UUID.randomUUID()))
                    .isInstanceOf(DomainException.NotFound.class);
        }
    }
}
