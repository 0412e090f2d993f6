package org.medconnect.server.chart.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.chart.v1.Admission;
import org.medconnect.proto.chart.v1.AdmissionServiceGrpc;
import org.medconnect.proto.chart.v1.AdmissionServiceGrpc.AdmissionServiceBlockingStub;
import org.medconnect.proto.chart.v1.AdmissionStatus;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.chart.v1.DischargeRequest;
import org.medconnect.proto.chart.v1.ListAdmissionsRequest;
import org.medconnect.proto.chart.v1.ListInpatientsRequest;
import org.medconnect.proto.chart.v1.ListMyDischargesRequest;
import org.medconnect.proto.chart.v1.MarkAdmissionEnteredInErrorRequest;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** Admissions over gRPC: one open stay per patient and one patient per bed under 20-way races, the ward list per role, discharge. */
class AdmissionApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    MutableClock clock;
    TestClinic clinic;
    SchedulingFixture fixture;
    Principal desk;
    Principal nurse;
    Principal okafor;
    Principal sharma;
    UUID patient;

    @BeforeEach
    void clinic() {
        clock = new MutableClock(ZonedDateTime.of(DAY, LocalTime.of(8, 0), BERLIN).toInstant());
        clinic = TestClinic.start(clock,
                TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        nurse = fixture.staff("nina", "Nina Nurse", Role.NURSE);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        sharma = fixture.doctor("sharma", "Dr Priya Sharma", "Dermatology", "Dermatology");
        patient = patientOf(okafor, "Zoë", "Ångström");
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    UUID patientOf(Principal doctor, String given, String family) {
        UUID id = fixture.patient(given, family);
        clinic.database().dsl().query("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())
                """, id, doctor.userId(), doctor.userId()).execute();
        return id;
    }

    AdmissionServiceBlockingStub as(Principal who) {
        String password = who.role() == Role.DOCTOR ? "doctor-pass-2026" : "staff-pass-2026";
        String token = clinic.services().auth().signIn(who.username(), password, "ws", "test").token();
        return AdmissionServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static AdmitRequest.Builder admit(UUID patientId, String ward, String bed) {
        return AdmitRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patientId.toString())
                .setWard(ward).setBed(bed).setReason("Chest pain under observation");
    }

    static List<Object> concurrently(int n, Callable<Object> call) throws Exception {
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

    @Test
    void twentyConcurrentAdmitsOfOnePatientAdmitOnceAndRefuseTheRestAsAlreadyExisting() throws Exception {
        var doc = as(okafor);
        List<Object> outcomes = concurrently(20, () -> doc.admit(admit(patient, "Ward 3", "").build()).getAdmission());
        assertThat(outcomes).filteredOn(Admission.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Admission)).hasSize(19).allMatch(Status.Code.ALREADY_EXISTS::equals);

        Throwable again = catchThrowable(() -> doc.admit(admit(patient, "Ward 4", "").build()));
        assertThat(Calls.message(again)).isEqualTo("Zoë Ångström is already admitted on Ward 3. Discharge them first.");
    }

    @Test
    void twentyPatientsAdmittedToOneBedAtOnceGetItOnceAndTheRestAreToldTheBedIsTaken() throws Exception {
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            patients.add(patientOf(okafor, "Patient", "Number" + i));
        }
        var doc = as(okafor);
        var next = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> outcomes = concurrently(20, () -> doc.admit(admit(patients.get(next.getAndIncrement()), "Ward 3", "12").build())
                .getAdmission());
        assertThat(outcomes).filteredOn(Admission.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Admission)).hasSize(19).allMatch(Status.Code.ALREADY_EXISTS::equals);
        Throwable taken = catchThrowable(() -> doc.admit(admit(patient, "ward 3", "12").build()));
        assertThat(Calls.badFields(taken)).containsExactly("bed");
    }

    @Test
    void theWardListShowsNamesWardBedDoctorAndSinceToEveryoneButTheReasonOnlyToDoctorsOfThePatient() {
        as(okafor).admit(admit(patient, "Ward 3", "12").build());

        for (Principal who : List.of(desk, nurse, sharma)) {
            var list = as(who).listInpatients(ListInpatientsRequest.getDefaultInstance()).getInpatientsList();
            assertThat(list).singleElement().satisfies(a -> {
                assertThat(a.getPatientName()).isEqualTo("Zoë Ångström");
                assertThat(a.getWard()).isEqualTo("Ward 3");
                assertThat(a.getBed()).isEqualTo("12");
                assertThat(a.getAdmittingDoctorName()).isEqualTo("Dr Amara Okafor");
                assertThat(a.hasAdmittedAt()).isTrue();
                assertThat(a.getReason()).isEmpty();
                assertThat(a.toString()).doesNotContain("Chest pain");
            });
        }
        assertThat(as(okafor).listInpatients(ListInpatientsRequest.getDefaultInstance()).getInpatients(0).getReason())
                .isEqualTo("Chest pain under observation");
    }

    @Test
    void dischargeNeedsTheCurrentVersionAndLandsOnTheDoctorsDischargeList() {
        var doc = as(okafor);
        Admission a = doc.admit(admit(patient, "Ward 3", "12").build()).getAdmission();
        Throwable stale = catchThrowable(() -> doc.discharge(DischargeRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(2)
                .setDischargeSummary("Home").build()));
        assertThat(Calls.code(stale)).isEqualTo(Status.Code.ABORTED);
        assertThat(Calls.message(stale)).startsWith("Changed by Dr Amara Okafor at 08:00");

        Admission out = doc.discharge(DischargeRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(1)
                .setDischargeSummary("Troponin negative twice.\nHome with GP follow-up.").build()).getAdmission();

        assertThat(out.getStatus()).isEqualTo(AdmissionStatus.ADMISSION_STATUS_DISCHARGED);
        assertThat(doc.listInpatients(ListInpatientsRequest.getDefaultInstance()).getInpatientsCount()).isZero();
        assertThat(doc.listMyDischarges(ListMyDischargesRequest.getDefaultInstance()).getDischargesList())
                .extracting(Admission::getId).containsExactly(a.getId());
        assertThat(as(sharma).listMyDischarges(ListMyDischargesRequest.getDefaultInstance()).getDischargesCount()).isZero();
        // The bed is free again.
        doc.admit(admit(patientOf(okafor, "Next", "Patient"), "Ward 3", "12").build());
        assertThat(clinic.database().dsl().resultQuery(
                "select change from chart_entry_history where entry_kind = 'ADMISSION' and entry_id = ?::uuid order by version", a.getId())
                .fetch(0, String.class)).containsExactly("CREATED", "DISCHARGED");
    }

    @Test
    void twentyConcurrentDischargesOfOneStayDischargeOnce() throws Exception {
        var doc = as(okafor);
        Admission a = doc.admit(admit(patient, "Ward 3", "").build()).getAdmission();
        List<Object> outcomes = concurrently(20, () -> doc.discharge(DischargeRequest.newBuilder().setAdmissionId(a.getId())
                .setExpectedVersion(1).setDischargeSummary("Home").build()).getAdmission());
        assertThat(outcomes).filteredOn(Admission.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Admission)).hasSize(19).allMatch(Status.Code.ABORTED::equals);
    }

    @Test
    void enteredInErrorFreesThePatientAndTheBedAndKeepsTheStayInTheChart() {
        var doc = as(okafor);
        Admission a = doc.admit(admit(patient, "Ward 3", "12").build()).getAdmission();
        doc.markAdmissionEnteredInError(MarkAdmissionEnteredInErrorRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(1)
                .setReason("Wrong patient").build());
        doc.admit(admit(patient, "Ward 3", "12").build());
        assertThat(doc.listAdmissions(ListAdmissionsRequest.newBuilder().setPatientId(patient.toString()).build()).getAdmissionsList())
                .extracting(Admission::getStatus)
                .containsExactlyInAnyOrder(AdmissionStatus.ADMISSION_STATUS_ADMITTED, AdmissionStatus.ADMISSION_STATUS_ENTERED_IN_ERROR);
    }

    @Test
    void onlyDoctorsOfThePatientAdmitAndReadTheStays() {
        var list = ListAdmissionsRequest.newBuilder().setPatientId(patient.toString()).build();
        assertThat(Calls.code(catchThrowable(() -> as(nurse).admit(admit(patient, "", "").build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(nurse).listAdmissions(list)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(desk).listAdmissions(list)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(sharma).admit(admit(patient, "", "").build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(catchThrowable(() -> as(desk).listMyDischarges(ListMyDischargesRequest.getDefaultInstance()))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void receptionAdmitsForTheDoctorItNamesAndNeverReadsTheReasonOrTheDischargeSummaryBack() {
        var reception = as(desk);
        assertThat(Calls.badFields(catchThrowable(() -> reception.admit(admit(patient, "Ward 3", "12").build()))))
                .containsExactly("admitting_doctor_id");
        assertThat(Calls.badFields(catchThrowable(() -> reception.admit(admit(patient, "Ward 3", "12")
                .setAdmittingDoctorId(nurse.userId().toString()).build())))).containsExactly("admitting_doctor_id");

        Admission a = reception.admit(admit(patient, "Ward 3", "12").setAdmittingDoctorId(okafor.userId().toString()).build()).getAdmission();

        assertThat(a.getAdmittingDoctorName()).isEqualTo("Dr Amara Okafor");
        assertThat(a.getReason()).as("reception does not read the reason back").isEmpty();
        assertThat(reception.listInpatients(ListInpatientsRequest.getDefaultInstance()).getInpatientsList())
                .singleElement().satisfies(x -> {
                    assertThat(x.getPatientName()).isEqualTo("Zoë Ångström");
                    assertThat(x.getBed()).isEqualTo("12");
                    assertThat(x.getReason()).isEmpty();
                });
        // The doctor sees the reason and discharges; reception sees that the patient left, not why or how.
        var doc = as(okafor);
        assertThat(doc.listAdmissions(ListAdmissionsRequest.newBuilder().setPatientId(patient.toString()).build()).getAdmissions(0).getReason())
                .isEqualTo("Chest pain under observation");
        doc.discharge(DischargeRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(1)
                .setDischargeSummary("Troponin negative twice; home with follow-up").build());
        var discharges = reception.listRecentDischarges(org.medconnect.proto.chart.v1.ListRecentDischargesRequest.getDefaultInstance());
        assertThat(discharges.getDischargesList()).singleElement().satisfies(x -> {
            assertThat(x.getPatientName()).isEqualTo("Zoë Ångström");
            assertThat(x.getStatus()).isEqualTo(AdmissionStatus.ADMISSION_STATUS_DISCHARGED);
            assertThat(x.hasDischargedAt()).isTrue();
            assertThat(x.getDischargeSummary()).isEmpty();
            assertThat(x.getReason()).isEmpty();
        });
        assertThat(discharges.toString()).doesNotContain("Troponin").doesNotContain("Chest pain");
        assertThat(Calls.code(catchThrowable(() -> as(nurse).listRecentDischarges(
                org.medconnect.proto.chart.v1.ListRecentDischargesRequest.getDefaultInstance())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patientOf(okafor, "Other", "Patient"), "", "")
                .setAdmittingDoctorId(sharma.userId().toString()).build())))).containsExactly("admitting_doctor_id");
    }

    @Test
    void malformedAdmissionsAreRefusedNamingTheField() {
        var doc = as(okafor);
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patient, "", "12").build())))).containsExactly("ward");
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patient, "W".repeat(61), "").build())))).containsExactly("ward");
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patient, "Ward 3", "B".repeat(21)).build())))).containsExactly("bed");
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patient, "Ward 3", "").setReason(" ").build()))))
                .containsExactly("reason");
        assertThat(Calls.badFields(catchThrowable(() -> doc.admit(admit(patient, "Ward\u00073", "").build())))).containsExactly("ward");
        assertThat(Calls.badFields(catchThrowable(() -> doc.discharge(DischargeRequest.newBuilder()
                .setAdmissionId(UUID.randomUUID().toString()).setExpectedVersion(1).build())))).containsExactly("discharge_summary");
    }

    @Nested
    class ReceptionUndoesItsMistake {

        Admission registered(String bed) {
            return as(desk).admit(admit(patient, "Ward 3", bed).setAdmittingDoctorId(okafor.userId().toString()).build()).getAdmission();
        }

        MarkAdmissionEnteredInErrorRequest undo(Admission a) {
            return MarkAdmissionEnteredInErrorRequest.newBuilder().setAdmissionId(a.getId()).setExpectedVersion(a.getVersion())
                    .setReason("Wrong patient picked at the desk").build();
        }

        @Test
        void receptionUndoesItsOwnRegistrationTheBedIsFreeAndTheDoctorIsTold() {
            Admission a = registered("12");

            Admission undone = as(desk).markAdmissionEnteredInError(undo(a)).getAdmission();

            assertThat(undone.getStatus()).isEqualTo(AdmissionStatus.ADMISSION_STATUS_ENTERED_IN_ERROR);
            assertThat(undone.getReason()).as("reception never reads the reason back").isEmpty();
            assertThat(as(desk).listInpatients(ListInpatientsRequest.getDefaultInstance()).getInpatientsList()).isEmpty();
            as(desk).admit(admit(patientOf(okafor, "Other", "Patient"), "Ward 3", "12").setAdmittingDoctorId(okafor.userId().toString()).build());
            var news = clinic.database().dsl().resultQuery(
                    "select title || ' | ' || body from notification where recipient_user_id = ?::uuid and kind = 'ADMISSION_UNDONE'",
                    okafor.userId()).fetch(0, String.class);
            assertThat(news).singleElement().satisfies(n -> {
                assertThat(n).contains("Zoë Ångström").contains("Ward 3").contains("bed 12");
                assertThat(n).as("names only, never the reason for admission").doesNotContain("Chest pain");
            });
            assertThat(as(okafor).listAdmissions(ListAdmissionsRequest.newBuilder().setPatientId(patient.toString()).build())
                    .getAdmissions(0).getErrorReason()).isEqualTo("Wrong patient picked at the desk");
        }

        @Test
        void receptionCannotUndoADoctorsAdmissionAnOldOneOrADischargedOne() {
            Admission byDoctor = as(okafor).admit(admit(patient, "Ward 3", "1").build()).getAdmission();
            assertThat(Calls.code(catchThrowable(() -> as(desk).markAdmissionEnteredInError(undo(byDoctor)))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            as(okafor).discharge(DischargeRequest.newBuilder().setAdmissionId(byDoctor.getId()).setExpectedVersion(1)
                    .setDischargeSummary("Home").build());

            Admission old = registered("2");
            clock.advance(Duration.ofHours(25));
            Throwable late = catchThrowable(() -> as(desk).markAdmissionEnteredInError(undo(old)));
            assertThat(Calls.code(late)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(late).hasMessageContaining("more than 24 hours").hasMessageContaining("Dr Amara Okafor");

            as(okafor).discharge(DischargeRequest.newBuilder().setAdmissionId(old.getId()).setExpectedVersion(1)
                    .setDischargeSummary("Home").build());
            Admission recent = registered("3");
            as(okafor).discharge(DischargeRequest.newBuilder().setAdmissionId(recent.getId()).setExpectedVersion(1)
                    .setDischargeSummary("Home").build());
            Admission discharged = recent.toBuilder().setVersion(2).build();
            assertThat(Calls.code(catchThrowable(() -> as(desk).markAdmissionEnteredInError(undo(discharged)))))
                    .isEqualTo(Status.Code.FAILED_PRECONDITION);
        }

        @Test
        void twentyReceptionistsUndoingOneAdmissionAtOnceUndoItOnce() throws Exception {
            Admission a = registered("12");
            var reception = as(desk);
            List<Object> outcomes = concurrently(20, () -> reception.markAdmissionEnteredInError(undo(a)).getAdmission());
            assertThat(outcomes).filteredOn(Admission.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !(o instanceof Admission)).hasSize(19).allMatch(Status.Code.ABORTED::equals);
            assertThat(clinic.database().dsl().resultQuery(
                    "select count(*) from notification where kind = 'ADMISSION_UNDONE'").fetchSingle(0, Integer.class)).isEqualTo(1);
        }
    }
}
