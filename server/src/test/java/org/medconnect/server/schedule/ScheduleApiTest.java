package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.schedule.v1.AddAvailabilityExceptionRequest;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.AvailabilityException;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.CreateAppointmentTypeRequest;
import org.medconnect.proto.schedule.v1.CreateLocationRequest;
import org.medconnect.proto.schedule.v1.CreateRoomRequest;
import org.medconnect.proto.schedule.v1.DeleteAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.ExceptionKind;
import org.medconnect.proto.schedule.v1.GetAvailabilityRequest;
import org.medconnect.proto.schedule.v1.ListAppointmentTypesRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.schedule.v1.ListRoomsRequest;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc.ScheduleServiceBlockingStub;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.proto.schedule.v1.TimeRange;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** The schedule API as a workstation meets it over the wire: who may call what, and what comes back. */
class ScheduleApiTest {

    private static final String PASSWORD = "a-good-password-1";

    private TestClinic clinic;
    private ScheduleServiceBlockingStub asAdmin;
    private ScheduleServiceBlockingStub asReception;
    private ScheduleServiceBlockingStub asOkafor;
    private String okafor;
    private String haddad;

    @BeforeEach
    void start() {
        clinic = TestClinic.start(new MutableClock(Instant.parse("2026-11-23T09:00:00Z")), TestConfig.defaults());
        clinic.createUser("grace", PASSWORD, "ADMIN", "Grace Whitfield", false);
        clinic.createUser("maria", PASSWORD, "RECEPTIONIST", "Maria Lopez", false);
        okafor = clinic.createUser("dr.okafor", PASSWORD, "DOCTOR", "Dr. Amara Okafor", false);
        haddad = clinic.createUser("dr.haddad", PASSWORD, "DOCTOR", "Dr. Karim Haddad", false);
        asAdmin = stub("grace");
        asReception = stub("maria");
        asOkafor = stub("dr.okafor");
    }

    @AfterEach
    void stop() {
        clinic.close();
    }

    private ScheduleServiceBlockingStub stub(String username) {
        String token = AuthServiceGrpc.newBlockingStub(clinic.channel())
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(PASSWORD).build()).getSessionToken();
        return ScheduleServiceGrpc.newBlockingStub(clinic.channel()).withCallCredentials(Calls.bearer(token));
    }

    private String location(String name) {
        return asAdmin.createLocation(CreateLocationRequest.newBuilder().setName(name).build()).getLocation().getLocationId();
    }

    private static AvailabilityRule.Builder week(String doctorId, String locationId) {
        return AvailabilityRule.newBuilder().setDoctorId(doctorId).setLocationId(locationId).addAllWeekdays(List.of(1, 2, 3, 4, 5))
                .setStartTime("09:00").setEndTime("17:00").setSlotMinutes(15)
                .addBreaks(TimeRange.newBuilder().setStartTime("12:30").setEndTime("13:30"))
                .setValidFrom("2026-11-23").setValidTo("2027-11-22");
    }

    private static SaveAvailabilityRuleRequest save(AvailabilityRule.Builder rule) {
        return SaveAvailabilityRuleRequest.newBuilder().setRule(rule).build();
    }

    @Test
    void onlyAnAdminCreatesLocationsRoomsAndTypes() {
        String riverside = location("Riverside Clinic");
        for (var stub : List.of(asReception, asOkafor)) {
            assertThat(Calls.code(catchThrowable(() -> stub.createLocation(CreateLocationRequest.newBuilder().setName("Elsewhere").build()))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> stub.createRoom(CreateRoomRequest.newBuilder().setLocationId(riverside).setName("Room 9").build()))))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Calls.code(catchThrowable(() -> stub.createAppointmentType(CreateAppointmentTypeRequest.newBuilder()
                    .setType(AppointmentType.newBuilder().setName("Chat").setDurationMinutes(10)).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(asAdmin.listLocations(ListLocationsRequest.getDefaultInstance()).getLocationsList()).hasSize(1);
    }

    @Test
    void everyRoleListsLocationsRoomsTypesAndDoctors() {
        String riverside = location("Riverside Clinic");
        asAdmin.createRoom(CreateRoomRequest.newBuilder().setLocationId(riverside).setName("Room 101").build());
        asAdmin.createAppointmentType(CreateAppointmentTypeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setType(AppointmentType.newBuilder().setName("Consultation").setDurationMinutes(20).setBufferMinutes(5)).build());
        asReception.saveAvailabilityRule(save(week(okafor, riverside)));
        for (var stub : List.of(asAdmin, asReception, asOkafor)) {
            assertThat(stub.listLocations(ListLocationsRequest.getDefaultInstance()).getLocations(0).getName()).isEqualTo("Riverside Clinic");
            assertThat(stub.listRooms(ListRoomsRequest.newBuilder().setLocationId(riverside).build()).getRooms(0).getName()).isEqualTo("Room 101");
            var type = stub.listAppointmentTypes(ListAppointmentTypesRequest.getDefaultInstance()).getTypes(0);
            assertThat(type.getDurationMinutes()).isEqualTo(20);
            assertThat(type.getBufferMinutes()).isEqualTo(5);
            var doctors = stub.listDoctors(ListDoctorsRequest.newBuilder().setLocationId(riverside).build()).getDoctorsList();
            assertThat(doctors).hasSize(1);
            assertThat(doctors.getFirst().getDisplayName()).isEqualTo("Dr. Amara Okafor");
            assertThat(doctors.getFirst().getDepartmentName()).isEqualTo("General Medicine");
            assertThat(doctors.getFirst().getLocationIdsList()).containsExactly(riverside);
        }
    }

    @Test
    void aTakenLocationNameIsAlreadyExistsNamingTheField() {
        location("Riverside Clinic");
        Throwable failure = catchThrowable(() -> location("riverside clinic"));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(Calls.badFields(failure)).containsExactly("name");
    }

    @Test
    void aDoctorEditsTheirOwnAvailabilityButNotAnothersWhileReceptionMay() {
        String riverside = location("Riverside Clinic");
        var own = asOkafor.saveAvailabilityRule(save(week(okafor, riverside))).getRule();
        assertThat(own.getLocationName()).isEqualTo("Riverside Clinic");
        assertThat(own.getBreaksList()).extracting(TimeRange::getStartTime).containsExactly("12:30");

        Throwable denied = catchThrowable(() -> asOkafor.saveAvailabilityRule(save(week(haddad, riverside))));
        assertThat(Calls.code(denied)).isEqualTo(Status.Code.PERMISSION_DENIED);

        var haddads = asReception.saveAvailabilityRule(save(week(haddad, riverside))).getRule();
        assertThat(Calls.code(catchThrowable(() -> asOkafor.deleteAvailabilityRule(
                DeleteAvailabilityRuleRequest.newBuilder().setRuleId(haddads.getRuleId()).build())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(asOkafor.getAvailability(GetAvailabilityRequest.newBuilder().setDoctorId(haddad).build()).getRulesList())
                .extracting(AvailabilityRule::getRuleId).containsExactly(haddads.getRuleId());
    }

    @Test
    void anOverlappingRuleIsAFailedPreconditionThatSaysWhereTheDoctorAlreadyIs() {
        String riverside = location("Riverside Clinic");
        String hillview = location("Hillview Clinic");
        asReception.saveAvailabilityRule(save(week(okafor, riverside)));
        Throwable failure = catchThrowable(() -> asReception.saveAvailabilityRule(save(week(okafor, hillview).setStartTime("16:30").setEndTime("18:00")
                .clearBreaks())));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Calls.reason(failure)).isEqualTo("AVAILABILITY_OVERLAP");
        assertThat(Calls.message(failure)).contains("Riverside Clinic").contains("Mon-Fri 09:00-17:00");
    }

    @Test
    void timeOffComesBackWithItsLocalDaysAndItsInstants() {
        var response = asReception.addAvailabilityException(AddAvailabilityExceptionRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setException(AvailabilityException.newBuilder().setDoctorId(okafor).setKind(ExceptionKind.EXCEPTION_KIND_TIME_OFF)
                        .setStartDate("2026-12-07").setEndDate("2026-12-11").setReason("Annual leave"))
                .build());
        assertThat(response.getAffectedAppointmentIdsList()).isEmpty();
        var stored = asOkafor.getAvailability(GetAvailabilityRequest.newBuilder().setDoctorId(okafor).build()).getExceptions(0);
        assertThat(stored.getExceptionId()).isEqualTo(response.getException().getExceptionId());
        assertThat(stored.getStartDate()).isEqualTo("2026-12-07");
        assertThat(stored.getEndDate()).isEqualTo("2026-12-11");
        assertThat(stored.getStartTime()).isEmpty();
        assertThat(stored.getStartsAt().getSeconds()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z").getEpochSecond());
        assertThat(stored.getEndsAt().getSeconds()).isEqualTo(Instant.parse("2026-12-12T00:00:00Z").getEpochSecond());
    }

    @Test
    void badRuleFieldsAreNamedByTheirPathInTheRequest() {
        String riverside = location("Riverside Clinic");
        Throwable failure = catchThrowable(() -> asReception.saveAvailabilityRule(save(week(okafor, riverside)
                .setStartTime("9 o'clock").setSlotMinutes(1))));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactlyInAnyOrder("rule.start_time", "rule.slot_minutes");
    }

    @Test
    void aSlotSearchFindsTheDoctorsFreeTimesOnTheirWeeklyRule() {
        String riverside = location("Riverside Clinic");
        asReception.saveAvailabilityRule(save(week(okafor, riverside)));
        String consultation = asAdmin.createAppointmentType(CreateAppointmentTypeRequest.newBuilder()
                .setType(AppointmentType.newBuilder().setName("Consultation").setDurationMinutes(20).setBufferMinutes(5)).build())
                .getType().getTypeId();
        var found = asReception.searchSlots(SearchSlotsRequest.newBuilder().setDoctorId(okafor).setAppointmentTypeId(consultation)
                .setFromDate("2026-11-24").setToDate("2026-11-24").setLimit(3).build());
        assertThat(found.getSlotsList()).hasSize(3);
        var first = found.getSlots(0);
        assertThat(first.getDoctorName()).isEqualTo("Dr. Amara Okafor");
        assertThat(first.getLocationId()).isEqualTo(riverside);
        assertThat(first.getStartsAt().getSeconds()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z").getEpochSecond());
        assertThat(first.getEndsAt().getSeconds()).isEqualTo(Instant.parse("2026-11-24T09:20:00Z").getEpochSecond());
        assertThat(found.getTruncated()).isTrue();
    }

    @Test
    void aSlotSearchWithoutWhoWhatOrWhenNamesEveryMissingField() {
        Throwable failure = catchThrowable(() -> asReception.searchSlots(SearchSlotsRequest.getDefaultInstance()));
        assertThat(Calls.code(failure)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(failure)).containsExactlyInAnyOrder("doctor_id", "appointment_type_id", "from_date", "to_date");
    }
}
