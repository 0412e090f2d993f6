package org.medconnect.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.appointment.v1.AddToWaitingListRequest;
import org.medconnect.proto.appointment.v1.AppointmentListView;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.ListAppointmentsRequest;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.notification.v1.ListNotificationsRequest;
import org.medconnect.proto.notification.v1.ListRemindersRequest;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardRequest;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionRequest;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.proto.schedule.v1.TimeRange;
import org.medconnect.proto.staff.v1.CreateDepartmentRequest;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.AccessPolicy;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/**
 * What an outside client built from the .proto files alone sends on purpose or by mistake:
 * control characters, times and dates far outside the clinic's range, huge lists, numbers
 * and enum values outside the contract. Every one is a clear INVALID_ARGUMENT naming the
 * field, never INTERNAL.
 */
class MalformedRequestApiTest {

    private static final String NUL_TEXT = "a\u0000b";

    private MedConnectServer server;
    private ManagedChannel channel;
    private Map<Role, String> tokens;
    private String doctorId;

    @BeforeEach
    void start() throws Exception {
        String name = "malformed-" + UUID.randomUUID();
        var database = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), database, new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var fixture = new SchedulingFixture(database.dsl(), services);
        fixture.staff("grace", "Grace Admin", Role.ADMIN);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        doctorId = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology").userId().toString();
        var auth = services.auth();
        tokens = Map.of(
                Role.ADMIN, auth.signIn("grace", "staff-pass-2026", "desk-0", "test").token(),
                Role.RECEPTIONIST, auth.signIn("maria", "staff-pass-2026", "desk-1", "test").token(),
                Role.DOCTOR, auth.signIn("okafor", "doctor-pass-2026", "room-1", "test").token());
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(java.time.Duration.ofSeconds(1));
    }

    // ---- item 2: text ----

    /** One way to fill one string field of a request with text, named by its path. */
    private record TextField(String path, Consumer<Message.Builder> fill) {}

    @Test
    void aNulInAnyTextFieldOfAnyRequestIsInvalidArgumentNamingTheField() {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : methods()) {
            MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
            if (descriptor.getType() == MethodDescriptor.MethodType.BIDI_STREAMING
                    || descriptor.getType() == MethodDescriptor.MethodType.CLIENT_STREAMING) {
                continue;  // server reflection: covered by the same interceptor, but not callable as one request
            }
            Message prototype = prototype(descriptor);
            for (TextField field : textFields(prototype.getDescriptorForType(), "", 0)) {
                Message.Builder request = prototype.newBuilderForType();
                field.fill().accept(request);
                Throwable failure = call(descriptor, request.build());
                checked++;
                String name = descriptor.getFullMethodName() + " " + field.path();
                if (failure == null || Calls.code(failure) != Status.Code.INVALID_ARGUMENT || !Calls.badFields(failure).contains(field.path())) {
                    wrong.add(name + " -> " + (failure == null ? "OK" : Status.fromThrowable(failure)));
                }
            }
        }
        System.out.println("NUL checked in " + checked + " text fields");
        assertThat(checked).isGreaterThan(100);
        assertThat(wrong).as("answers other than INVALID_ARGUMENT naming the field").isEmpty();
    }

    @Test
    void signInWithANulInTheUsernameNeedsNoTokenToBeRefused() {
        Throwable failure = catchThrowable(() -> AuthServiceGrpc.newBlockingStub(channel)
                .signIn(SignInRequest.newBuilder().setUsername("maria\u0000").setPassword("x").build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactly("username");
    }

    @Test
    void emojiAndRightToLeftTextStillWork() {
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
        String name = "Cardiologie \u2764\uFE0F \u0642\u0644\u0628 \uD83E\uDEC0";
        staff.createDepartment(CreateDepartmentRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setName(name).build());
        assertThat(staff.listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                .anySatisfy(d -> assertThat(d.getName()).isEqualTo(name));
    }

    @Test
    void freeTextMayHoldLineBreaksButANameMayNot() {
        var slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
        Throwable multiLineReason = catchThrowable(() -> slots.addAvailabilityException(AddAvailabilityExceptionRequest.newBuilder()
                .setException(AvailabilityException.newBuilder().setReason("Course\n\tday two").setEndDate("+999999999-12-31")).build()));
        assertThat(Calls.badFields(multiLineReason)).doesNotContain("exception.reason");
        var staff = StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
        Throwable multiLineName = catchThrowable(() -> staff.createDepartment(CreateDepartmentRequest.newBuilder().setName("Two\nlines").build()));
        assertThat(Calls.code(multiLineName)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(multiLineName)).containsExactly("name");
    }

    // ---- item 3: times and dates ----

    @Nested
    class TimesOutsideTheClinicsRange {

        @ParameterizedTest
        @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, -2_840_140_801L, 7_289_654_400L})
        void areRefusedNamingTheFieldInEveryRequest(long seconds) {
            Timestamp t = Timestamp.newBuilder().setSeconds(seconds).build();
            var appointments = AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
            assertRefused(() -> appointments.bookAppointment(BookAppointmentRequest.newBuilder().setStartsAt(t).build()), "starts_at");
            assertRefused(() -> appointments.listAppointments(ListAppointmentsRequest.newBuilder().setFrom(t)
                    .setTo(Timestamp.newBuilder().setSeconds(1_800_000_000L)).build()), "from");
            assertRefused(() -> appointments.listAppointments(ListAppointmentsRequest.newBuilder()
                    .setFrom(Timestamp.newBuilder().setSeconds(1_800_000_000L)).setTo(t).build()), "to");
            assertRefused(() -> appointments.rescheduleAppointment(RescheduleAppointmentRequest.newBuilder()
                    .setAppointmentId(UUID.randomUUID().toString()).setNewStartsAt(t).build()), "new_starts_at");
        }

        @Test
        void nanosOutsideASecondAreRefused() {
            Timestamp t = Timestamp.newBuilder().setSeconds(1_800_000_000L).setNanos(-1).build();
            var appointments = AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
            assertRefused(() -> appointments.bookAppointment(BookAppointmentRequest.newBuilder().setStartsAt(t).build()), "starts_at");
        }
    }

    @Nested
    class DatesWithExtendedYears {

        @ParameterizedTest
        @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "1879-12-31", "2201-01-01", "+2026-01-01"})
        void areRefusedNamingTheField(String date) {
            var appointments = AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
            assertRefused(() -> appointments.addToWaitingList(AddToWaitingListRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPatientId(UUID.randomUUID().toString()).setDoctorId(doctorId)
                    .setAppointmentTypeId(UUID.randomUUID().toString())
                    .setFromDate("2026-12-01").setToDate(date).build()), "to_date");
            var queue = QueueServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
            assertRefused(() -> queue.getDoctorQueue(GetDoctorQueueRequest.newBuilder().setDoctorId(doctorId).setClinicDay(date).build()),
                    "clinic_day");
            var slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
            assertRefused(() -> slots.addAvailabilityException(AddAvailabilityExceptionRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setException(AvailabilityException.newBuilder().setDoctorId(doctorId)
                            .setKind(org.medconnect.proto.schedule.v1.ExceptionKind.EXCEPTION_KIND_TIME_OFF)
                            .setStartDate("2026-12-01").setEndDate(date).setReason("Course")).build()), "exception.end_date");
            assertRefused(() -> slots.searchSlots(SearchSlotsRequest.newBuilder().setDoctorId(doctorId).setFromDate("2026-12-01")
                    .setToDate(date).build()), "to_date");
        }
    }

    // ---- item 4: huge lists ----

    @Test
    void tenThousandBreaksAreRefusedWithAShortMessage() {
        var rule = AvailabilityRule.newBuilder().setDoctorId(doctorId).addWeekdays(1).setStartTime("09:00").setEndTime("17:00")
                .setSlotMinutes(15).setValidFrom("2026-12-01");
        for (int i = 0; i < 10_000; i++) {
            rule.addBreaks(TimeRange.newBuilder().setStartTime("12:00").setEndTime("13:00"));
        }
        var slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
        Throwable failure = catchThrowable(() -> slots.saveAvailabilityRule(SaveAvailabilityRuleRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setRule(rule).build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactly("rule.breaks");
        assertThat(Calls.message(failure)).hasSizeLessThan(200);
    }

    @Test
    void manyWrongEntriesReportAtMostTwentyViolationsInAShortMessage() {
        var rule = AvailabilityRule.newBuilder().setDoctorId(doctorId).addWeekdays(1).setStartTime("09:00").setEndTime("17:00")
                .setSlotMinutes(15).setValidFrom("2026-12-01");
        for (int i = 0; i < 20; i++) {
            rule.addBreaks(TimeRange.newBuilder().setStartTime("12:00").setEndTime("13:00"));
        }
        var slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)));
        Throwable failure = catchThrowable(() -> slots.saveAvailabilityRule(SaveAvailabilityRuleRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setRule(rule).build()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).hasSizeLessThanOrEqualTo(20);
        assertThat(Calls.message(failure)).hasSizeLessThan(1_100);
    }

    // ---- item 5: numbers and enums outside the contract ----

    @ParameterizedTest
    @ValueSource(ints = {-1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aPageSizeOutsideOneToTwoHundredIsRefused(int size) {
        PageRequest page = PageRequest.newBuilder().setPageSize(size).build();
        String admin = tokens.get(Role.ADMIN);
        assertRefused(() -> PatientServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(admin))
                .searchPatients(SearchPatientsRequest.newBuilder().setQuery("ana").setPage(page).build()), "page.page_size");
        assertRefused(() -> StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(admin))
                .listUsers(ListUsersRequest.newBuilder().setPage(page).build()), "page.page_size");
        assertRefused(() -> NotificationServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(admin))
                .listNotifications(ListNotificationsRequest.newBuilder().setPage(page).build()), "page.page_size");
        assertRefused(() -> NotificationServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(admin))
                .listReminders(ListRemindersRequest.newBuilder().setPage(page).build()), "page.page_size");
    }

    @Test
    void countsAndLimitsOutsideTheContractAreRefused() {
        var queue = QueueServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
        assertRefused(() -> queue.getWaitingRoomBoard(GetWaitingRoomBoardRequest.newBuilder()
                .setLocationId(UUID.randomUUID().toString()).setNextCount(11).build()), "next_count");
        assertRefused(() -> queue.getWaitingRoomBoard(GetWaitingRoomBoardRequest.newBuilder()
                .setLocationId(UUID.randomUUID().toString()).setNextCount(-1).build()), "next_count");
        var slots = ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)));
        assertRefused(() -> slots.searchSlots(SearchSlotsRequest.newBuilder().setDoctorId(doctorId).setFromDate("2026-12-01")
                .setToDate("2026-12-02").setLimit(Integer.MAX_VALUE).build()), "limit");
    }

    @Test
    void enumNumbersOutsideTheContractAreRefusedNamingTheField() {
        assertRefused(() -> StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.ADMIN)))
                .listUsers(ListUsersRequest.newBuilder().setRoleValue(99).build()), "role");
        assertRefused(() -> AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)))
                .listAppointments(ListAppointmentsRequest.newBuilder().setFrom(Timestamp.newBuilder().setSeconds(1_800_000_000L))
                        .setTo(Timestamp.newBuilder().setSeconds(1_800_086_400L)).setViewValue(99).build()), "view");
        assertRefused(() -> AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(tokens.get(Role.RECEPTIONIST)))
                .listAppointments(ListAppointmentsRequest.newBuilder().setFrom(Timestamp.newBuilder().setSeconds(1_800_000_000L))
                        .setTo(Timestamp.newBuilder().setSeconds(1_800_086_400L)).setView(AppointmentListView.APPOINTMENT_LIST_VIEW_BOARD)
                        .addStatusesValue(42).build()), "statuses[0]");
    }

    // ---- helpers ----

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        Throwable failure = catchThrowable(call);
        assertThat(failure).as(field).isNotNull();
        assertThat(Calls.code(failure)).as(field + ": " + Status.fromThrowable(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).as(field).contains(field);
    }

    private List<ServerMethodDefinition<?, ?>> methods() {
        return server.grpcServer().getServices().stream().flatMap(s -> s.getMethods().stream())
                .<ServerMethodDefinition<?, ?>>map(m -> m).toList();
    }

    private static Message prototype(MethodDescriptor<?, ?> descriptor) {
        return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) descriptor.getRequestMarshaller()).getMessagePrototype();
    }

    /** Every string field reachable from a message (nested and repeated), each with a way to set it to text with a NUL. */
    private static List<TextField> textFields(com.google.protobuf.Descriptors.Descriptor type, String prefix, int depth) {
        List<TextField> out = new ArrayList<>();
        if (depth > 3) {
            return out;
        }
        for (FieldDescriptor field : type.getFields()) {
            String path = prefix + field.getName();
            if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
                out.add(new TextField(field.isRepeated() ? path + "[0]" : path,
                        b -> {
                            if (field.isRepeated()) {
                                b.addRepeatedField(field, NUL_TEXT);
                            } else {
                                b.setField(field, NUL_TEXT);
                            }
                        }));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
                    && !field.getMessageType().getFullName().startsWith("google.protobuf.")) {
                for (TextField inner : textFields(field.getMessageType(), "", depth + 1)) {
                    String innerPath = field.isRepeated() ? path + "[0]." + inner.path() : path + "." + inner.path();
                    out.add(new TextField(innerPath, b -> {
                        Message.Builder child = b.newBuilderForField(field);
                        inner.fill().accept(child);
                        if (field.isRepeated()) {
                            b.addRepeatedField(field, child.build());
                        } else {
                            b.setField(field, child.build());
                        }
                    }));
                }
            }
        }
        return out;
    }

    /** Calls a method as the role its access rule lets in (no token for public ones). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Throwable call(MethodDescriptor descriptor, Message request) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        Optional<String> token = tokenFor(descriptor.getFullMethodName());
        if (token.isPresent()) {
            options = options.withCallCredentials(Calls.bearer(token.get()));
        }
        CallOptions finalOptions = options;
        if (descriptor.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
            return catchThrowable(() -> {
                Iterator<?> it = ClientCalls.blockingServerStreamingCall(channel, descriptor, finalOptions, request);
                it.hasNext();
            });
        }
        return catchThrowable(() -> ClientCalls.blockingUnaryCall(channel, descriptor, finalOptions, request));
    }

    private Optional<String> tokenFor(String method) {
        AccessPolicy.Rule rule = AccessPolicy.clinic().ruleFor(method).orElseThrow();
        return switch (rule) {
            case AccessPolicy.Public p -> Optional.empty();
            case AccessPolicy.AnySession s -> Optional.of(tokens.get(Role.ADMIN));
            case AccessPolicy.SecondFactorStep s -> Optional.of(tokens.get(Role.ADMIN));
            case AccessPolicy.Roles(var roles) -> Optional.of(tokens.get(
                    roles.contains(Role.RECEPTIONIST) ? Role.RECEPTIONIST : roles.contains(Role.ADMIN) ? Role.ADMIN : Role.DOCTOR));
        };
    }
}
