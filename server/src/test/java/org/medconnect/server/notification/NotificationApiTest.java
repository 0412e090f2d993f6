package org.medconnect.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.testing.SchedulingFixture.EVERY_DAY;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.notification.v1.ListNotificationsRequest;
import org.medconnect.proto.notification.v1.ListRemindersRequest;
import org.medconnect.proto.notification.v1.MarkNotificationsReadRequest;
import org.medconnect.proto.notification.v1.NotificationKind;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.notification.v1.ReminderState;
import org.medconnect.proto.notification.v1.WatchNotificationsRequest;
import org.medconnect.proto.notification.v1.WatchNotificationsResponse;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** The inbox over real gRPC: live push, one's own inbox only, reminders for admins only. */
class NotificationApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    TestClinic clinic;
    SchedulingFixture fixture;
    Principal okafor;
    UUID riverside;
    UUID consultation;
    UUID ana;
    String receptionToken;
    String okaforToken;
    String lindqvistToken;
    String adminToken;
    LocalDate day;

    @BeforeEach
    void clinic() {
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withClinicZone(BERLIN));
        fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.staff("boss", "Clinic Admin", Role.ADMIN);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        fixture.doctor("lindqvist", "Dr Lindqvist", "Cardiology", "Cardiology");
        riverside = fixture.location("Riverside");
        consultation = fixture.type("Consultation", 20, 0, false, false);
        day = LocalDate.now(BERLIN).plusDays(7);
        fixture.weekly(okafor.userId(), riverside, Optional.empty(), EVERY_DAY, "09:00", "17:00", 15, LocalDate.now(BERLIN));
        ana = fixture.patient("Ana", "Silva");
        var auth = clinic.services().auth();
        receptionToken = auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token();
        okaforToken = auth.signIn("okafor", "doctor-pass-2026", "room-1", "test").token();
        lindqvistToken = auth.signIn("lindqvist", "doctor-pass-2026", "room-2", "test").token();
        adminToken = auth.signIn("boss", "staff-pass-2026", "office", "test").token();
    }

    @AfterEach
    void close() {
        clinic.close();
    }

    NotificationServiceGrpc.NotificationServiceBlockingStub as(String token) {
        return NotificationServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    void book(String time) {
        AppointmentServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(receptionToken))
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .bookAppointment(BookAppointmentRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setPatientId(ana.toString()).setDoctorId(okafor.userId().toString()).setLocationId(riverside.toString())
                        .setAppointmentTypeId(consultation.toString())
                        .setStartsAt(ProtoTypes.timestamp(ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toInstant()))
                        .setReason("Shortness of breath").build());
    }

    /** Opens a stream as the token's user; its messages land in the returned queue. */
    BlockingQueue<WatchNotificationsResponse> watch(String token, Context.CancellableContext scope) {
        BlockingQueue<WatchNotificationsResponse> got = new LinkedBlockingQueue<>();
        scope.run(() -> NotificationServiceGrpc.newStub(clinic.channel()).withCallCredentials(Calls.bearer(token))
                .watchNotifications(WatchNotificationsRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(WatchNotificationsResponse value) {
                        got.add(value);
                    }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() { }
                }));
        return got;
    }

    @Test
    void aBookingReachesTheDoctorsOpenStreamWithoutAsking() throws Exception {
        try (Context.CancellableContext scope = Context.current().withCancellation()) {
            var stream = watch(okaforToken, scope);
            assertThat(stream.poll(10, TimeUnit.SECONDS)).as("first message").satisfies(first -> {
                assertThat(first.getUnreadCount()).isZero();
                assertThat(first.getNotificationsList()).isEmpty();
            });
            book("10:00");
            WatchNotificationsResponse pushed = stream.poll(10, TimeUnit.SECONDS);
            assertThat(pushed).isNotNull();
            assertThat(pushed.getUnreadCount()).isEqualTo(1);
            assertThat(pushed.getNotificationsList()).singleElement().satisfies(n -> {
                assertThat(n.getKind()).isEqualTo(NotificationKind.NOTIFICATION_KIND_BOOKED);
                assertThat(n.getBody()).contains("Ana Silva").doesNotContain("breath");
            });

            // Reading it on another workstation of the same doctor updates this one's count.
            as(okaforToken).markNotificationsRead(MarkNotificationsReadRequest.newBuilder().setAll(true).build());
            WatchNotificationsResponse counted = stream.poll(10, TimeUnit.SECONDS);
            assertThat(counted).isNotNull();
            assertThat(counted.getUnreadCount()).isZero();
            assertThat(counted.getNotificationsList()).isEmpty();
        }
    }

    @Test
    void everyoneSeesAndChangesOnlyTheirOwnInbox() throws Exception {
        book("10:00");
        // The running projector may hold the cursor at this moment (projectAll then returns at once): wait for the item.
        clinic.services().notifications().projector().projectAll();
        var mine = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> as(okaforToken).listNotifications(ListNotificationsRequest.getDefaultInstance()),
                        answer -> answer.getNotificationsCount() == 1);
        assertThat(mine.getNotificationsList()).hasSize(1);
        long id = mine.getNotifications(0).getNotificationId();

        assertThat(as(lindqvistToken).listNotifications(ListNotificationsRequest.getDefaultInstance()).getNotificationsList()).isEmpty();
        assertThat(as(receptionToken).listNotifications(ListNotificationsRequest.getDefaultInstance()).getUnreadCount()).isZero();
        assertThat(as(lindqvistToken).markNotificationsRead(MarkNotificationsReadRequest.newBuilder().addNotificationIds(id).build())
                .getUnreadCount()).isZero();
        assertThat(as(okaforToken).listNotifications(ListNotificationsRequest.newBuilder().setUnreadOnly(true).build())
                .getNotificationsList()).as("still unread for its owner").hasSize(1);

        assertThat(as(okaforToken).markNotificationsRead(MarkNotificationsReadRequest.newBuilder().addNotificationIds(id).build())
                .getUnreadCount()).isZero();
        assertThat(as(okaforToken).listNotifications(ListNotificationsRequest.getDefaultInstance()).getNotifications(0).getRead()).isTrue();
    }

    @Test
    void onlyAdminsSeeReminders() {
        book("10:00");
        clinic.services().notifications().projector().projectAll();
        Throwable refused = catchThrowable(() -> as(okaforToken).listReminders(ListRemindersRequest.getDefaultInstance()));
        assertThat(Calls.code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);

        var reminders = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> as(adminToken).listReminders(ListRemindersRequest.newBuilder().addStates(ReminderState.REMINDER_STATE_SCHEDULED).build()),
                        answer -> answer.getRemindersCount() == 1);
        assertThat(reminders.getRemindersList()).singleElement().satisfies(r -> {
            assertThat(r.getPatientDisplayName()).isEqualTo("Ana Silva");
            assertThat(r.getDoctorDisplayName()).isEqualTo("Dr Okafor");
            assertThat(r.getLeadMinutes()).isEqualTo(24 * 60);
            assertThat(r.getAttempts()).isZero();
        });
        assertThat(as(adminToken).listReminders(ListRemindersRequest.newBuilder().addStates(ReminderState.REMINDER_STATE_FAILED).build())
                .getRemindersList()).isEmpty();
    }
}
