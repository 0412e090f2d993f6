package org.medconnect.desktop.chart.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.chart.v1.CarePlan;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.FollowUp;
import org.medconnect.proto.chart.v1.ListFollowUpsRequest;
import org.medconnect.proto.chart.v1.PlanServiceGrpc;
import org.medconnect.proto.chart.v1.PlanServiceGrpc.PlanServiceBlockingStub;
import org.medconnect.proto.chart.v1.Referral;
import org.medconnect.proto.chart.v1.ReferralStatus;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;

/** The Plans & referrals page's model against the real server: plans, versions, referrals, the letter, a follow-up. */
class PlansViewModelTest {

    TestClinic clinic;
    Principal okafor;
    Principal sharma;
    UUID patient;
    PlansViewModel model;
    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start();
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Priya Sharma", "Dermatology", "Dermatology");
        patient = fixture.patient("Zoë", "Ångström-Dvořák");
        clinic.database().dsl().query("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?, ?, 'WALK_IN', now(), ?, now())
                """, patient, okafor.userId(), okafor.userId()).execute();
        model = new PlansViewModel(patient.toString(), okafor.userId().toString(), server("okafor", "doctor-pass-2026"), calls,
                ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    PlansViewModel.Server server(String username, String password) {
        String token = clinic.services().auth().signIn(username, password, "ws", "test").token();
        return new PlansViewModel.Server() {
            @Override public PlanServiceBlockingStub plans() {
                return PlanServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                        .withDeadlineAfter(60, TimeUnit.SECONDS);
            }

            @Override public List<Doctor> doctors() {
                return ScheduleServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                        .listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList();
            }
        };
    }

    @Test
    void aPlanIsAddedEditedFromItsVersionAndCompleted() {
        model.planTitleProperty().set("Blood pressure control");
        model.planDetailsProperty().set("Home readings twice daily.");
        model.savePlan();

        assertThat(model.plans()).singleElement().satisfies(p -> {
            assertThat(p.getTitle()).isEqualTo("Blood pressure control");
            assertThat(p.getVersion()).isEqualTo(1);
        });
        assertThat(model.noticeProperty().get()).isEqualTo("Plan added.");

        CarePlan read = model.plans().getFirst();
        model.edit(read);
        assertThat(model.planTitleProperty().get()).isEqualTo("Blood pressure control");
        model.planDetailsProperty().set("Home readings twice daily.\nReview in 4 weeks.");
        model.savePlan();
        assertThat(model.plans().getFirst().getVersion()).isEqualTo(2);
        assertThat(model.plans().getFirst().getDetails()).endsWith("Review in 4 weeks.");
        assertThat(model.editingProperty().get()).isNull();

        // An edit from the version first read is stale now: refused with who changed it, the text kept.
        model.edit(read);
        model.planDetailsProperty().set("My stale text");
        model.savePlan();
        assertThat(model.messageProperty().get()).contains("Changed by Dr Amara Okafor");
        assertThat(model.planDetailsProperty().get()).isEqualTo("My stale text");

        model.complete(model.plans().getFirst());
        assertThat(model.plans().getFirst().getStatus()).isEqualTo(CarePlanStatus.CARE_PLAN_STATUS_COMPLETED);
    }

    @Test
    void aPlanNeedsATitleBeforeTheServerIsAsked() {
        model.savePlan();

        assertThat(model.messageProperty().get()).isEqualTo("Give the plan a title.");
        assertThat(model.plans()).isEmpty();
    }

    @Test
    void referralsGoToAColleagueFromTheDoctorsListOrOutsideWithALetterThatRenders() throws Exception {
        model.loadColleagues();
        assertThat(model.colleagues()).extracting(Doctor::getDisplayName).contains("Dr Priya Sharma").doesNotContain("Dr Amara Okafor");

        model.referralReasonProperty().set("Mole on the left shoulder");
        model.refer();
        assertThat(model.messageProperty().get()).isEqualTo("Choose the colleague the patient is referred to.");
        model.colleagueProperty().set(model.colleagues().stream().filter(d -> d.getDisplayName().equals("Dr Priya Sharma"))
                .findFirst().orElseThrow());
        model.refer();
        assertThat(model.referrals()).singleElement().satisfies(r -> {
            assertThat(r.getToDoctorName()).isEqualTo("Dr Priya Sharma");
            assertThat(r.getStatus()).isEqualTo(ReferralStatus.REFERRAL_STATUS_SENT);
            assertThat(r.getHasLetter()).isFalse();
        });

        model.outsideProperty().set(true);
        model.providerProperty().set("Dr Jana Novák, St Anne's Cardiology");
        model.addressProperty().set("Pekařská 53, Brno");
        model.referralReasonProperty().set("Echocardiography");
        model.urgentProperty().set(true);
        model.refer();
        Referral outside = model.referrals().stream().filter(Referral::getHasLetter).findFirst().orElseThrow();
        assertThat(PlansViewModel.destination(outside)).isEqualTo("Dr Jana Novák, St Anne's Cardiology (outside)");

        AtomicReference<PlansViewModel.Letter> letter = new AtomicReference<>();
        model.letter(outside, letter::set);
        assertThat(letter.get().pages()).isNotEmpty();
        assertThat(letter.get().pages().getFirst().getWidth()).isGreaterThan(700);
        try (var pdf = Loader.loadPDF(letter.get().pdf())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Zoë Ångström-Dvořák").contains("Echocardiography");
        }

        // The author cancels the colleague referral; a cancelled one offers no cancel any more.
        Referral toSharma = model.referrals().stream().filter(r -> !r.getHasLetter()).findFirst().orElseThrow();
        assertThat(model.mayCancel(toSharma)).isTrue();
        model.cancel(toSharma);
        Referral cancelled = model.referrals().stream().filter(r -> r.getId().equals(toSharma.getId())).findFirst().orElseThrow();
        assertThat(cancelled.getStatus()).isEqualTo(ReferralStatus.REFERRAL_STATUS_CANCELLED);
        assertThat(model.mayCancel(cancelled)).isFalse();
        assertThat(model.noticeProperty().get()).isEqualTo("Referral to Dr Priya Sharma cancelled.");
    }

    @Test
    void aFollowUpRecommendedInWeeksOrOnADateReachesReceptionsList() {
        model.weeksProperty().set(3);
        model.followUpNoteProperty().set("30 minutes");
        model.recommendFollowUp();
        assertThat(model.noticeProperty().get()).startsWith("Follow-up due ").endsWith(" sent to reception.");

        model.dueProperty().set(PlansViewModel.Due.ON_DATE);
        model.recommendFollowUp();
        assertThat(model.messageProperty().get()).isEqualTo("Choose the date the patient should be seen.");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        model.dueOnProperty().set(day);
        model.recommendFollowUp();

        String token = clinic.services().auth().signIn("maria", "staff-pass-2026", "ws", "test").token();
        List<FollowUp> reception = PlanServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .listFollowUps(ListFollowUpsRequest.getDefaultInstance()).getFollowUpsList();
        assertThat(reception).extracting(FollowUp::getDueOn)
                .containsExactly(day.toString(), LocalDate.now(ZoneOffset.UTC).plusWeeks(3).toString());
        assertThat(reception).extracting(FollowUp::getNote).contains("30 minutes");
        assertThat(Optional.of(reception.getFirst().getDoctorName())).contains("Dr Amara Okafor");
    }
}
