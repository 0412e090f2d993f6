package org.medconnect.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.CancelAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.billing.v1.BillingServiceGrpc;
import org.medconnect.proto.billing.v1.ListInvoicesRequest;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.patient.v1.GetPatientRequest;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.staff.v1.CreateUserRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.appointment.AppointmentModel.Appointment;
import org.medconnect.server.appointment.AppointmentModel.BookingRequest;
import org.medconnect.server.chart.ChartAccess;
import org.medconnect.server.platform.AccessPolicy;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** The nurse end to end on the server (decision 0036): created by an admin, reads today's queue, nothing more. */
class NurseAccessApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final Instant NOW = ZonedDateTime.of(DAY, LocalTime.of(8, 30), BERLIN).toInstant();

    TestClinic clinic;
    SchedulingFixture fixture;
    Principal desk;
    Principal okafor;
    UUID riverside;
    UUID quick;
    String adminToken;
    String nurseToken;
    Principal nurse;

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(new MutableClock(NOW), TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        desk = fixture.staff("maria", "Maria Lopez", org.medconnect.server.platform.Role.RECEPTIONIST);
        fixture.staff("grace", "Grace Whitfield", org.medconnect.server.platform.Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        quick = fixture.type("Quick check", 10, 0, false, false);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, DAY.minusDays(1));
        adminToken = clinic.services().auth().signIn("grace", "staff-pass-2026", "office", "test").token();
        StaffServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(adminToken))
                .createUser(CreateUserRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setUsername("nora")
                        .setDisplayName("Nora Lindqvist").setEmail("nora@clinic.test").setRole(Role.ROLE_NURSE)
                        .setInitialPassword("nurse-pass-2026").build());
        // Nora was made by an admin and must choose her own password first; Nina is ready to work.
        fixture.staff("nina", "Nina Berg", org.medconnect.server.platform.Role.NURSE);
        var signedIn = clinic.services().auth().signIn("nina", "staff-pass-2026", "triage", "test");
        nurseToken = signedIn.token();
        nurse = signedIn.principal();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    Appointment book(String family, int slot) {
        UUID patient = fixture.patient("Zelda", family);
        return clinic.services().appointments().book(desk, new BookingRequest(UUID.randomUUID(), patient, okafor.userId(), riverside,
                quick, ZonedDateTime.of(DAY, LocalTime.of(9, 0), BERLIN).toInstant().plus(Duration.ofMinutes(15L * slot)),
                Optional.of("Dizzy spells")));
    }

    static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
    }

    @Test
    void anAdminCreatesANurseWhoSignsInWithTheNurseRole() {
        var signedIn = AuthServiceGrpc.newBlockingStub(clinic.channel())
                .signIn(SignInRequest.newBuilder().setUsername("nora").setPassword("nurse-pass-2026").build());

        assertThat(signedIn.getPrincipal().getRolesList()).containsExactly(Role.ROLE_NURSE);
        assertThat(signedIn.getPrincipal().getDisplayName()).isEqualTo("Nora Lindqvist");
    }

    @Test
    void theNurseMayCallTodaysAppointmentsQueueDoctorsPatientAndDemographicsAndNothingClinicalOrAdministrative() {
        Set<String> nurseMay = new TreeSet<>();
        AccessPolicy policy = AccessPolicy.clinic();
        for (String method : policy.coveredMethods()) {
            if (policy.ruleFor(method).orElseThrow() instanceof AccessPolicy.Roles roles
                    && roles.roles().contains(org.medconnect.server.platform.Role.NURSE)) {
                nurseMay.add(method);
            }
        }

        assertThat(nurseMay).containsExactlyInAnyOrder(
                "medconnect.auth.v1.AuthService/GetSecondFactorStatus",
                "medconnect.auth.v1.AuthService/RegenerateRecoveryCodes",
                "medconnect.auth.v1.AuthService/StepUp",
                "medconnect.staff.v1.StaffService/ListDepartments",
                "medconnect.schedule.v1.ScheduleService/ListDoctors",
                "medconnect.appointment.v1.AppointmentService/GetAppointment",
                "medconnect.appointment.v1.AppointmentService/ListAppointments",
                "medconnect.appointment.v1.AppointmentService/WatchAppointments",
                "medconnect.queue.v1.QueueService/GetDoctorQueue",
                "medconnect.patient.v1.PatientService/GetPatient",
                "medconnect.patient.v1.PatientDemographicsService/GetPatientDemographics",
                "medconnect.notification.v1.NotificationService/ListNotifications",
                "medconnect.notification.v1.NotificationService/MarkNotificationsRead",
                "medconnect.notification.v1.NotificationService/WatchNotifications",
                // The chart, as far as triage goes (ChartAccess.requireTriage narrows it to patients checked in today).
                "medconnect.chart.v1.ChartService/OpenChart",
                "medconnect.chart.v1.ChartService/GetChartSummary",
                "medconnect.chart.v1.ChartService/GetEntryHistory",
                "medconnect.chart.v1.ChartService/ListChartHistory",
                "medconnect.chart.v1.ChartService/WatchChart",
                "medconnect.chart.v1.VitalsService/ListVitals",
                "medconnect.chart.v1.VitalsService/RecordVitals",
                "medconnect.chart.v1.VitalsService/MarkVitalsEnteredInError",
                "medconnect.chart.v1.AllergyService/ListAllergies",
                "medconnect.chart.v1.AllergyService/RecordAllergy",
                "medconnect.chart.v1.AllergyService/UpdateAllergy",
                "medconnect.chart.v1.AllergyService/MarkAllergyEnteredInError",
                "medconnect.chart.v1.AllergyService/RecordNoKnownAllergies",
                "medconnect.chart.v1.CodingService/SearchDiagnosisCodes",
                "medconnect.chart.v1.CodingService/SearchSubstances",
                // Names, ward and bed only; the reason is for doctors with the chart.
                "medconnect.chart.v1.AdmissionService/ListInpatients",
                // Anyone signed in may check a prescription's QR code (valid or not, and its status; no drugs).
                "medconnect.prescription.v1.PrescriptionPaperService/VerifyPrescription",
                "medconnect.prescription.v1.PrescriptionPaperService/GetVerificationKey");
    }

    @Test
    void aNurseListsTodaysCheckedInPatientsAndTheDoctorsQueueButNotOtherDays() {
        Appointment waiting = clinic.services().appointments().checkIn(desk, book("Checkedin", 1).id());
        book("Notyet", 2);
        var appointments = AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(nurseToken))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        Instant start = DAY.atStartOfDay(BERLIN).toInstant();

        var today = appointments.listAppointments(ListAppointmentsRequest.newBuilder().setFrom(ts(start))
                .setTo(ts(start.plus(Duration.ofDays(1)))).addStatuses(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN).build());
        var queue = QueueServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(nurseToken))
                .getDoctorQueue(GetDoctorQueueRequest.newBuilder().setDoctorId(okafor.userId().toString()).build());
        Throwable nextWeek = catchThrowable(() -> appointments.listAppointments(ListAppointmentsRequest.newBuilder()
                .setFrom(ts(start.plus(Duration.ofDays(7)))).setTo(ts(start.plus(Duration.ofDays(8)))).build()));
        Throwable yesterdaysQueue = catchThrowable(() -> QueueServiceGrpc.newBlockingStub(clinic.channel())
                .withCallCredentials(Calls.bearer(nurseToken)).getDoctorQueue(GetDoctorQueueRequest.newBuilder()
                        .setDoctorId(okafor.userId().toString()).setClinicDay(DAY.minusDays(1).toString()).build()));

        assertThat(today.getAppointmentsList()).singleElement().satisfies(a -> {
            assertThat(a.getAppointmentId()).isEqualTo(waiting.id().toString());
            assertThat(a.getPatient().getDisplayName()).isEqualTo("Zelda Checkedin");
        });
        assertThat(queue.getWaitingCount()).isEqualTo(1);
        assertThat(Calls.code(nextWeek)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(yesterdaysQueue)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aNurseReadsAPatientCheckedInTodayAndNoOtherPatient() {
        Appointment waiting = clinic.services().appointments().checkIn(desk, book("Checkedin", 1).id());
        Appointment later = book("Notyet", 2);
        var patients = PatientServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(nurseToken));

        var seen = patients.getPatient(GetPatientRequest.newBuilder().setPatientId(waiting.patient().id().toString()).build());
        Throwable other = catchThrowable(() -> patients.getPatient(GetPatientRequest.newBuilder()
                .setPatientId(later.patient().id().toString()).build()));

        assertThat(seen.getPatient().getFamilyName()).isEqualTo("Checkedin");
        assertThat(Calls.code(other)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aNurseMayNotBookCancelBillOrReadNotes() {
        Appointment waiting = clinic.services().appointments().checkIn(desk, book("Checkedin", 1).id());
        var appointments = AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(nurseToken));

        Throwable book = catchThrowable(() -> appointments.bookAppointment(BookAppointmentRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).build()));
        Throwable cancel = catchThrowable(() -> appointments.cancelAppointment(CancelAppointmentRequest.newBuilder()
                .setAppointmentId(waiting.id().toString()).build()));
        Throwable bill = catchThrowable(() -> BillingServiceGrpc.newBlockingStub(clinic.channel())
                .withCallCredentials(Calls.bearer(nurseToken)).listInvoices(ListInvoicesRequest.getDefaultInstance()));
        Throwable notes = catchThrowable(() -> clinic.database().dsl().transaction(cfg -> ChartAccess
                .in(cfg.dsl(), clinic.services().clock(), BERLIN).requireFullChart(nurse, waiting.patient().id())));

        assertThat(Calls.code(book)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(cancel)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.code(bill)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(notes).isInstanceOf(DomainException.PermissionDenied.class);
    }
}
