package org.medconnect.desktop.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.ChangePasswordRequest;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.patient.v1.PatientDetails;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.RegisterPatientRequest;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.AvailabilityRule;
import org.medconnect.proto.schedule.v1.CreateAppointmentTypeRequest;
import org.medconnect.proto.schedule.v1.CreateLocationRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.SaveAvailabilityRuleRequest;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.TimeRange;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.testing.Calls;

/**
 * The public API of a test server, signed in as an admin: how flow tests and the screenshot tour
 * put locations, appointment types, availability and patients in place, the way an admin would.
 */
public final class ClinicApi implements AutoCloseable {

    private final ManagedChannel channel;
    private final io.grpc.CallCredentials credentials;

    public ClinicApi(String address, String username, String password) {
        channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        String token = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).setWorkstation("SEED").build())
                .getSessionToken();
        credentials = Calls.bearer(token);
    }

    /** Signs in with a temporary password, chooses {@code newPassword} as the server asks, and stays signed in. */
    public static ClinicApi changingPassword(String address, String username, String temporary, String newPassword) {
        try (ClinicApi first = new ClinicApi(address, username, temporary)) {
            AuthServiceGrpc.newBlockingStub(first.channel).withCallCredentials(first.credentials)
                    .withDeadlineAfter(30, TimeUnit.SECONDS).changePassword(ChangePasswordRequest.newBuilder()
                            .setCurrentPassword(temporary).setNewPassword(newPassword).build());
        }
        return new ClinicApi(address, username, newPassword);
    }

    public ScheduleServiceGrpc.ScheduleServiceBlockingStub schedule() {
        return ScheduleServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public PatientServiceGrpc.PatientServiceBlockingStub patients() {
        return PatientServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public AppointmentServiceGrpc.AppointmentServiceBlockingStub appointments() {
        return AppointmentServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public StaffServiceGrpc.StaffServiceBlockingStub staff() {
        return StaffServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public Location location(String name, String address) {
        return schedule().createLocation(CreateLocationRequest.newBuilder().setRequestId(id()).setName(name)
                .setAddress(address).build()).getLocation();
    }

    public AppointmentType type(String name, int minutes, boolean video, boolean needsConfirmation) {
        return schedule().createAppointmentType(CreateAppointmentTypeRequest.newBuilder().setRequestId(id())
                .setType(AppointmentType.newBuilder().setName(name).setDurationMinutes(minutes).setVideo(video)
                        .setNeedsConfirmation(needsConfirmation)).build()).getType();
    }

    /** A weekly rule from {@code from} on, on the given ISO weekdays, with an optional lunch break ("12:30-13:30"). */
    public AvailabilityRule availability(String doctorId, String locationId, List<Integer> weekdays, String start, String end,
                                         int slotMinutes, LocalDate from, String lunch) {
        AvailabilityRule.Builder rule = AvailabilityRule.newBuilder().setDoctorId(doctorId).setLocationId(locationId)
                .addAllWeekdays(weekdays).setStartTime(start).setEndTime(end).setSlotMinutes(slotMinutes)
                .setValidFrom(from.toString());
        if (lunch != null && !lunch.isBlank()) {
            String[] parts = lunch.split("-");
            rule.addBreaks(TimeRange.newBuilder().setStartTime(parts[0]).setEndTime(parts[1]));
        }
        return schedule().saveAvailabilityRule(SaveAvailabilityRuleRequest.newBuilder().setRequestId(id()).setRule(rule).build())
                .getRule();
    }

    public Patient patient(String given, String family, String dateOfBirth, Sex sex, String phone) {
        return patients().registerPatient(RegisterPatientRequest.newBuilder().setRequestId(id())
                .setRegisterDespiteDuplicates(true).setDetails(PatientDetails.newBuilder().setGivenName(given)
                        .setFamilyName(family).setDateOfBirth(dateOfBirth).setSex(sex).setPhone(phone)).build()).getPatient();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
