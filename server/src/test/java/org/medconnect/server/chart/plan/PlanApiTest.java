package org.medconnect.server.chart.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.chart.v1.AcceptReferralRequest;
import org.medconnect.proto.chart.v1.AddCarePlanRequest;
import org.medconnect.proto.chart.v1.CancelReferralRequest;
import org.medconnect.proto.chart.v1.CarePlan;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.CompleteCarePlanRequest;
import org.medconnect.proto.chart.v1.DismissFollowUpRequest;
import org.medconnect.proto.chart.v1.FollowUp;
import org.medconnect.proto.chart.v1.FollowUpStatus;
import org.medconnect.proto.chart.v1.GetReferralLetterRequest;
import org.medconnect.proto.chart.v1.ListCarePlansRequest;
import org.medconnect.proto.chart.v1.ListFollowUpsRequest;
import org.medconnect.proto.chart.v1.ListMyReferralsRequest;
import org.medconnect.proto.chart.v1.ListReferralsRequest;
import org.medconnect.proto.chart.v1.MarkCarePlanEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkFollowUpBookedRequest;
import org.medconnect.proto.chart.v1.PlanServiceGrpc;
import org.medconnect.proto.chart.v1.PlanServiceGrpc.PlanServiceBlockingStub;
import org.medconnect.proto.chart.v1.RecommendFollowUpRequest;
import org.medconnect.proto.chart.v1.ReferOutsideRequest;
import org.medconnect.proto.chart.v1.ReferToColleagueRequest;
import org.medconnect.proto.chart.v1.Referral;
import org.medconnect.proto.chart.v1.ReferralStatus;
import org.medconnect.proto.chart.v1.ReferralUrgency;
import org.medconnect.proto.chart.v1.UpdateCarePlanRequest;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Plans, referrals and follow-ups as workstations meet them over gRPC: rules, roles, races, the letter. */
class PlanApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    TestClinic clinic;
    SchedulingFixture fixture;
    MutableClock clock;
    Principal desk;
    Principal okafor;
    Principal sharma;
    Principal nurse;
    UUID patient;
    UUID riverside;
    UUID quick;

    @BeforeEach
    void clinic() {
        clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(8, 0), BERLIN).toInstant());
        clinic = TestClinic.start(clock, TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        nurse = fixture.staff("nina", "Nina Nurse", Role.NURSE);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Priya Sharma", "Dermatology", "Dermatology");
        riverside = fixture.location("Riverside");
        quick = fixture.type("Quick check", 15, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        patient = fixture.patient("Zoë", "Ångström-Dvořák");
        caresFor(okafor, patient);
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    void caresFor(Principal doctor, UUID patientId) {
        clinic.database().dsl().query("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?, ?, 'WALK_IN', now(), ?, now())
                """, patientId, doctor.userId(), doctor.userId()).execute();
    }

    PlanServiceBlockingStub as(Principal who) {
        String password = who.role() == Role.DOCTOR ? "doctor-pass-2026" : "staff-pass-2026";
        String token = clinic.services().auth().signIn(who.username(), password, "ws", "test").token();
        return PlanServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    CarePlan addPlan(PlanServiceBlockingStub s) {
        return s.addCarePlan(AddCarePlanRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setTitle("Blood pressure control").setDetails("Home readings twice daily.\nReview in 4 weeks.")
                .build()).getCarePlan();
    }

    List<String> historyChanges(String kind, String id) {
        return clinic.database().dsl().resultQuery(
                "select change from chart_entry_history where entry_kind = ? and entry_id = ?::uuid order by version", kind, id)
                .fetch(0, String.class);
    }

    static <T> List<Object> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return call.call();
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- care plans

    @Test
    void carePlanIsVersionedThroughEditCompleteAndEveryVersionIsInTheHistory() {
        var doc = as(okafor);
        CarePlan plan = addPlan(doc);
        CarePlan edited = doc.updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(1)
                .setTitle("Blood pressure control").setDetails("Home readings once daily.").build()).getCarePlan();
        CarePlan done = doc.completeCarePlan(CompleteCarePlanRequest.newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(2).build())
                .getCarePlan();

        assertThat(edited.getVersion()).isEqualTo(2);
        assertThat(done.getStatus()).isEqualTo(CarePlanStatus.CARE_PLAN_STATUS_COMPLETED);
        assertThat(historyChanges("CARE_PLAN", plan.getId())).containsExactly("CREATED", "UPDATED", "COMPLETED");
        Throwable again = catchThrowable(() -> doc.updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId())
                .setExpectedVersion(3).setTitle("x").build()));
        assertThat(Calls.code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void staleEditIsRefusedNamingWhoChangedIt() {
        var doc = as(okafor);
        CarePlan plan = addPlan(doc);
        doc.updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(1).setTitle("First").build());

        Throwable stale = catchThrowable(() -> doc.updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId())
                .setExpectedVersion(1).setTitle("Second").build()));

        assertThat(Calls.code(stale)).isEqualTo(Status.Code.ABORTED);
        assertThat(Calls.message(stale)).startsWith("Changed by Dr Amara Okafor at 08:00").contains("Your text is kept");
    }

    @Test
    void twentyConcurrentEditsOfOneVersionLetOneWinAndRefuseTheRest() throws Exception {
        var doc = as(okafor);
        CarePlan plan = addPlan(doc);
        List<Object> outcomes = concurrently(20, () -> doc.updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(plan.getId())
                .setExpectedVersion(1).setTitle("Edit " + UUID.randomUUID()).build()).getCarePlan());

        assertThat(outcomes).filteredOn(CarePlan.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof CarePlan)).hasSize(19).allMatch(Status.Code.ABORTED::equals);
        assertThat(historyChanges("CARE_PLAN", plan.getId())).containsExactly("CREATED", "UPDATED");
    }

    @Test
    void enteredInErrorNeedsAReasonAndKeepsThePlan() {
        var doc = as(okafor);
        CarePlan plan = addPlan(doc);
        Throwable noReason = catchThrowable(() -> doc.markCarePlanEnteredInError(MarkCarePlanEnteredInErrorRequest.newBuilder()
                .setCarePlanId(plan.getId()).setExpectedVersion(1).setReason("  ").build()));
        assertThat(Calls.badFields(noReason)).containsExactly("reason");

        doc.markCarePlanEnteredInError(MarkCarePlanEnteredInErrorRequest.newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(1)
                .setReason("Wrong patient").build());
        var listed = doc.listCarePlans(ListCarePlansRequest.newBuilder().setPatientId(patient.toString()).build()).getCarePlansList();
        assertThat(listed).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR);
            assertThat(p.getErrorReason()).isEqualTo("Wrong patient");
        });
    }

    @Test
    void malformedCarePlansAreRefusedNamingTheField() {
        var doc = as(okafor);
        var base = AddCarePlanRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString());
        assertThat(Calls.badFields(catchThrowable(() -> doc.addCarePlan(base.setTitle("").build())))).containsExactly("title");
        assertThat(Calls.badFields(catchThrowable(() -> doc.addCarePlan(base.setTitle("x".repeat(201)).build())))).containsExactly("title");
        assertThat(Calls.badFields(catchThrowable(() -> doc.addCarePlan(base.setTitle("ok").setDetails("d".repeat(20_001)).build()))))
                .containsExactly("details");
        assertThat(Calls.badFields(catchThrowable(() -> doc.addCarePlan(base.setTitle("a\u0007b").setDetails("").build()))))
                .containsExactly("title");
        assertThat(Calls.badFields(catchThrowable(() -> doc.addCarePlan(base.setTitle("ok").setPatientId("nope").build()))))
                .containsExactly("patient_id");
        Throwable version = catchThrowable(() -> doc.updateCarePlan(UpdateCarePlanRequest.newBuilder()
                .setCarePlanId(UUID.randomUUID().toString()).setExpectedVersion(0).setTitle("t").build()));
        assertThat(Calls.badFields(version)).containsExactly("expected_version");
    }

    @Test
    void aRetriedAddReturnsTheFirstPlan() {
        var doc = as(okafor);
        var request = AddCarePlanRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setTitle("Once").build();
        assertThat(doc.addCarePlan(request).getCarePlan().getId()).isEqualTo(doc.addCarePlan(request).getCarePlan().getId());
    }

    @Test
    void onlyDoctorsWithARelationSeePlans() {
        addPlan(as(okafor));
        var list = ListCarePlansRequest.newBuilder().setPatientId(patient.toString()).build();
        assertThat(Calls.code(catchThrowable(() -> as(desk).listCarePlans(list)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(nurse).listCarePlans(list)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        Throwable stranger = catchThrowable(() -> as(sharma).listCarePlans(list));
        assertThat(Calls.code(stranger)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.reason(stranger)).isEqualTo(ChartAccess.BREAK_GLASS_REQUIRED);
    }

    // ---- referrals

    boolean sharmaMayOpenChart() {
        return clinic.database().dsl().transactionResult(cfg -> {
            try {
                ChartAccess.in(cfg.dsl(), clock, BERLIN).requireFullChart(sharma, patient);
                return true;
            } catch (DomainException.PermissionDenied e) {
                return false;
            }
        });
    }

    Referral referToSharma(ReferralUrgency urgency) {
        return as(okafor).referToColleague(ReferToColleagueRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setToDoctorId(sharma.userId().toString())
                .setReason("Suspicious naevus on the left shoulder.").setUrgency(urgency).build()).getReferral();
    }

    @Test
    void aReferredColleagueCanOpenTheChartAfterwardsAndIsToldByNameOnly() {
        assertThat(sharmaMayOpenChart()).isFalse();

        Referral r = referToSharma(ReferralUrgency.REFERRAL_URGENCY_URGENT);

        assertThat(sharmaMayOpenChart()).isTrue();
        assertThat(r.getToDoctorName()).isEqualTo("Dr Priya Sharma");
        var inbox = clinic.database().dsl().resultQuery(
                "select kind, title, body from notification where recipient_user_id = ? and patient_id = ?", sharma.userId(), patient).fetch();
        assertThat(inbox).hasSize(1);
        assertThat(inbox.getFirst().get(0, String.class)).isEqualTo("REFERRAL");
        String told = inbox.getFirst().get(1, String.class) + " " + inbox.getFirst().get(2, String.class);
        assertThat(told).contains("Zoë Ångström-Dvořák", "Dr Amara Okafor").doesNotContain("naevus");
        // The colleague now reads the chart's plans through the API too.
        assertThatCode(() -> as(sharma).listCarePlans(ListCarePlansRequest.newBuilder().setPatientId(patient.toString()).build()))
                .doesNotThrowAnyException();
    }

    @Test
    void theColleagueAcceptsTheAuthorCancelsAndCancellingEndsTheAccess() {
        Referral r = referToSharma(ReferralUrgency.REFERRAL_URGENCY_ROUTINE);
        var mine = as(sharma).listMyReferrals(ListMyReferralsRequest.getDefaultInstance()).getReferralsList();
        assertThat(mine).extracting(Referral::getId).containsExactly(r.getId());
        assertThat(mine.getFirst().getPatientName()).isEqualTo("Zoë Ångström-Dvořák");

        Throwable authorAccepts = catchThrowable(() -> as(okafor).acceptReferral(AcceptReferralRequest.newBuilder()
                .setReferralId(r.getId()).setExpectedVersion(1).build()));
        assertThat(Calls.code(authorAccepts)).isEqualTo(Status.Code.PERMISSION_DENIED);

        Referral accepted = as(sharma).acceptReferral(AcceptReferralRequest.newBuilder().setReferralId(r.getId()).setExpectedVersion(1).build())
                .getReferral();
        assertThat(accepted.getStatus()).isEqualTo(ReferralStatus.REFERRAL_STATUS_ACCEPTED);

        Throwable colleagueCancels = catchThrowable(() -> as(sharma).cancelReferral(CancelReferralRequest.newBuilder()
                .setReferralId(r.getId()).setExpectedVersion(2).build()));
        assertThat(Calls.code(colleagueCancels)).isEqualTo(Status.Code.PERMISSION_DENIED);

        clock.advance(java.time.Duration.ofMinutes(5));
        as(okafor).cancelReferral(CancelReferralRequest.newBuilder().setReferralId(r.getId()).setExpectedVersion(2).build());
        assertThat(sharmaMayOpenChart()).isFalse();
        assertThat(historyChanges("REFERRAL", r.getId())).containsExactly("CREATED", "ACCEPTED", "CANCELLED");
    }

    @Test
    void referringToYourselfOrToANonDoctorIsRefusedNamingTheColleague() {
        var doc = as(okafor);
        var base = ReferToColleagueRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                .setReason("Opinion");
        assertThat(Calls.badFields(catchThrowable(() -> doc.referToColleague(base.setToDoctorId(okafor.userId().toString()).build()))))
                .containsExactly("to_doctor_id");
        assertThat(Calls.badFields(catchThrowable(() -> doc.referToColleague(base.setToDoctorId(desk.userId().toString()).build()))))
                .containsExactly("to_doctor_id");
        assertThat(Calls.badFields(catchThrowable(() -> doc.referToColleague(base.setToDoctorId(sharma.userId().toString())
                .setUrgencyValue(99).build())))).containsExactly("urgency");
    }

    @Test
    void anOutsideReferralLetterCarriesTheChartAndNamesInAnyScript() throws Exception {
        UUID natalia = fixture.patient("Наталья", "Петрова");
        caresFor(okafor, natalia);
        var dsl = clinic.database().dsl();
        dsl.query("""
                insert into problem (patient_id, icd10_code, title, status, onset_date, created_by, created_at, updated_by, updated_at)
                values (?, 'I10', 'Essential (primary) hypertension', 'ACTIVE', date '2019-03-01', ?, now(), ?, now())
                """, natalia, okafor.userId(), okafor.userId()).execute();
        dsl.query("""
                insert into medication (patient_id, name, strength, form, dosage, status, started_by, started_on, created_by, created_at, updated_by, updated_at)
                values (?, 'Amlodipine', '5 mg', 'tablet', 'once daily', 'ACTIVE', ?, date '2019-03-01', ?, now(), ?, now())
                """, natalia, okafor.userId(), okafor.userId(), okafor.userId()).execute();
        dsl.query("""
                insert into allergy (patient_id, substance, category, reaction, severity, recorded_by, recorded_at, updated_by, updated_at)
                values (?, 'Penicillin', 'DRUG', 'Hives', 'MODERATE', ?, now(), ?, now())
                """, natalia, okafor.userId(), okafor.userId()).execute();
        var doc = as(okafor);

        Referral r = doc.referOutside(ReferOutsideRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(natalia.toString()).setProviderName("Dr Jana Novák, St Anne's Cardiology")
                .setAddress("Pekařská 53\n656 91 Brno").setReason("Palpitations despite treatment; please assess for AF.")
                .setUrgency(ReferralUrgency.REFERRAL_URGENCY_URGENT).build()).getReferral();
        byte[] pdf = doc.getReferralLetter(GetReferralLetterRequest.newBuilder().setReferralId(r.getId()).build()).getPdf().toByteArray();

        String text;
        try (PDDocument letter = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(letter);
        }
        assertThat(text).contains("Наталья Петрова", "Dr Jana Novák", "Pekařská 53", "Palpitations despite treatment",
                "I10", "Essential (primary) hypertension", "Amlodipine 5 mg tablet", "Penicillin", "Dr Amara Okafor", "URGENT REFERRAL");
        Path out = Path.of("target", "referral-letter.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);

        byte[] accented = doc.getReferralLetter(GetReferralLetterRequest.newBuilder().setReferralId(doc.referOutside(
                ReferOutsideRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString())
                        .setProviderName("Clinique Saint-Étienne").setReason("Second opinion").build()).getReferral().getId()).build())
                .getPdf().toByteArray();
        try (PDDocument letter = Loader.loadPDF(accented)) {
            assertThat(new PDFTextStripper().getText(letter)).contains("Zoë Ångström-Dvořák", "Clinique Saint-Étienne", "None recorded.");
        }
    }

    @Test
    void aColleagueReferralHasNoLetter() {
        Referral r = referToSharma(ReferralUrgency.REFERRAL_URGENCY_ROUTINE);
        assertThat(r.getHasLetter()).isFalse();
        Throwable none = catchThrowable(() -> as(okafor).getReferralLetter(GetReferralLetterRequest.newBuilder().setReferralId(r.getId()).build()));
        assertThat(Calls.code(none)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(as(okafor).listReferrals(ListReferralsRequest.newBuilder().setPatientId(patient.toString()).build()).getReferralsCount())
                .isEqualTo(1);
    }

    // ---- follow-ups

    FollowUp recommendInWeeks(int weeks, String note) {
        return as(okafor).recommendFollowUp(RecommendFollowUpRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(patient.toString()).setDueInWeeks(weeks).setNote(note).build()).getFollowUp();
    }

    @Test
    void aFollowUpLandsOnReceptionsListWithNamesDoctorAndDueDateAndReceptionIsTold() {
        FollowUp f = recommendInWeeks(3, "30 minute slot");

        assertThat(f.getDueOn()).isEqualTo(DAY.plusWeeks(3).toString());
        var list = as(desk).listFollowUps(ListFollowUpsRequest.getDefaultInstance());
        assertThat(list.getFollowUpsList()).singleElement().satisfies(x -> {
            assertThat(x.getPatientName()).isEqualTo("Zoë Ångström-Dvořák");
            assertThat(x.getDoctorName()).isEqualTo("Dr Amara Okafor");
            assertThat(x.getDueOn()).isEqualTo(DAY.plusWeeks(3).toString());
            assertThat(x.getNote()).isEqualTo("30 minute slot");
        });
        var told = clinic.database().dsl().resultQuery("select kind, title from notification where recipient_user_id = ?", desk.userId()).fetch();
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.get(0, String.class)).isEqualTo("FOLLOW_UP");
            assertThat(n.get(1, String.class)).contains("Zoë Ångström-Dvořák");
        });
    }

    @Test
    void receptionsListIsOpenOnesInDueOrderAndPaged() {
        recommendInWeeks(6, "");
        recommendInWeeks(1, "");
        recommendInWeeks(3, "");
        var page = as(desk).listFollowUps(ListFollowUpsRequest.newBuilder()
                .setPage(org.medconnect.proto.common.v1.PageRequest.newBuilder().setPageSize(2)).build());
        assertThat(page.getFollowUpsList()).extracting(FollowUp::getDueOn)
                .containsExactly(DAY.plusWeeks(1).toString(), DAY.plusWeeks(3).toString());
        assertThat(page.getPage().getTotalCount()).isEqualTo(3);
        assertThat(page.getPage().getNextPageToken()).isEqualTo("2");
    }

    @Test
    void bookingMarksTheFollowUpBookedAndTakesItOffTheList() {
        FollowUp f = recommendInWeeks(2, "");
        var booked = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY.plusWeeks(2), LocalTime.of(10, 0), BERLIN).toInstant(), Optional.empty()));
        UUID other = fixture.patient("Other", "Person");
        var otherBooking = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), other, okafor.userId(),
                riverside, quick, ZonedDateTime.of(DAY.plusWeeks(2), LocalTime.of(11, 0), BERLIN).toInstant(), Optional.empty()));

        Throwable wrong = catchThrowable(() -> as(desk).markFollowUpBooked(MarkFollowUpBookedRequest.newBuilder().setFollowUpId(f.getId())
                .setExpectedVersion(1).setAppointmentId(otherBooking.id().toString()).build()));
        assertThat(Calls.badFields(wrong)).containsExactly("appointment_id");

        FollowUp done = as(desk).markFollowUpBooked(MarkFollowUpBookedRequest.newBuilder().setFollowUpId(f.getId()).setExpectedVersion(1)
                .setAppointmentId(booked.id().toString()).build()).getFollowUp();
        assertThat(done.getStatus()).isEqualTo(FollowUpStatus.FOLLOW_UP_STATUS_BOOKED);
        assertThat(as(desk).listFollowUps(ListFollowUpsRequest.getDefaultInstance()).getFollowUpsCount()).isZero();
        assertThat(historyChanges("FOLLOW_UP", f.getId())).containsExactly("CREATED", "BOOKED");
        Throwable twice = catchThrowable(() -> as(desk).dismissFollowUp(DismissFollowUpRequest.newBuilder().setFollowUpId(f.getId())
                .setExpectedVersion(2).setReason("Patient declined").build()));
        assertThat(Calls.code(twice)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void twentyDesksBookingOneFollowUpAtOnceLetOneWin() throws Exception {
        FollowUp f = recommendInWeeks(2, "");
        var booked = clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY.plusWeeks(2), LocalTime.of(10, 0), BERLIN).toInstant(), Optional.empty()));
        var stub = as(desk);
        List<Object> outcomes = concurrently(20, () -> stub.markFollowUpBooked(MarkFollowUpBookedRequest.newBuilder().setFollowUpId(f.getId())
                .setExpectedVersion(1).setAppointmentId(booked.id().toString()).build()).getFollowUp());
        assertThat(outcomes).filteredOn(FollowUp.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof FollowUp)).hasSize(19).allMatch(Status.Code.ABORTED::equals);
    }

    @Test
    void followUpDueDatesOutOfRangeAreRefusedNamingTheField() {
        var doc = as(okafor);
        var base = RecommendFollowUpRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString());
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.build())))).containsExactly("due");
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.setDueInDays(0).build())))).containsExactly("due_in_days");
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.setDueInWeeks(500).build())))).containsExactly("due_in_weeks");
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.setDueOn(DAY.toString()).build())))).containsExactly("due_on");
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.setDueOn("2026-13-40").build())))).containsExactly("due_on");
        assertThat(Calls.badFields(catchThrowable(() -> doc.recommendFollowUp(base.setDueInDays(10).setNote("n".repeat(501)).build()))))
                .containsExactly("note");
    }

    @Test
    void doctorsSeeOnePatientsFollowUpsButNotReceptionsListAndNursesNeither() {
        recommendInWeeks(2, "");
        assertThat(Calls.code(catchThrowable(() -> as(okafor).listFollowUps(ListFollowUpsRequest.getDefaultInstance()))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(as(okafor).listFollowUps(ListFollowUpsRequest.newBuilder().setPatientId(patient.toString()).build()).getFollowUpsCount())
                .isEqualTo(1);
        assertThat(Calls.code(catchThrowable(() -> as(nurse).listFollowUps(ListFollowUpsRequest.getDefaultInstance()))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(desk).recommendFollowUp(RecommendFollowUpRequest.newBuilder()
                .setPatientId(patient.toString()).setDueInDays(3).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
