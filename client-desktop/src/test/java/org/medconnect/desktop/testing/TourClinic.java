package org.medconnect.desktop.testing;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.CreateDepartmentRequest;
import org.medconnect.proto.staff.v1.CreateUserRequest;
import org.medconnect.proto.staff.v1.DeactivateUserRequest;
import org.medconnect.proto.staff.v1.DoctorProfile;
import org.medconnect.proto.staff.v1.RetireDepartmentRequest;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/** A running server holding a small, believable clinic (departments, doctors, front desk) for the screenshot tour. */
public final class TourClinic implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "Riverside-admin-2026";
    public static final String TEMPORARY_PASSWORD = "Welcome-to-Riverside-1";
    public static final String DOCTOR_PASSWORD = "Cardiology-mornings-26";

    private final TestClinic server;
    private final String address;
    private final MutableClock clock;
    private final Map<String, UUID> doctors = new LinkedHashMap<>();

    private TourClinic(TestClinic server, String address, MutableClock clock) {
        this.server = server;
        this.address = address;
        this.clock = clock;
    }

    /** Moves the server's clock past the idle timeout, so every open session ends. */
    public void idleTooLong() {
        clock.advance(java.time.Duration.ofMinutes(16));
    }

    /** The clinic opens at half past seven today (clinic time, UTC in tests): the whole day's list is still bookable. */
    public static TourClinic start() throws Exception {
        MutableClock clock = new MutableClock(LocalDate.now(ZoneOffset.UTC).atTime(7, 30).toInstant(ZoneOffset.UTC));
        TestClinic server = TestClinic.start(clock, TestConfig.defaults());
        String admin = server.createUser("g.okonkwo", ADMIN_PASSWORD, "ADMIN", "Grace Okonkwo", false);
        TourClinic clinic = new TourClinic(server, server.address(), clock);
        clinic.seed();
        new TourSchedule(server, new Principal(UUID.fromString(admin), "g.okonkwo", "Grace Okonkwo",
                org.medconnect.server.platform.Role.ADMIN, false, new byte[32]),
                clinic.doctors, LocalDate.now(clock)).seed();
        return clinic;
    }

    /** The server's clock: the workstation in the tour uses it too, so both agree on "today". */
    public java.time.Clock clock() {
        return clock;
    }

    /** Whether this server build offers the schedule admin API (locations, types, availability). */
    public boolean hasScheduleService() {
        return server.services().grpcServices().stream().anyMatch(s -> s.bindService().getServiceDescriptor().getName()
                .equals(org.medconnect.proto.schedule.v1.ScheduleServiceGrpc.SERVICE_NAME));
    }

    public String address() {
        return address;
    }

    /** Everything else goes in through the public API, as an admin would enter it. */
    private void seed() {
        ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        try {
            String token = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .signIn(SignInRequest.newBuilder().setUsername("g.okonkwo").setPassword(ADMIN_PASSWORD)
                            .setWorkstation("TOUR").build()).getSessionToken();
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            StaffServiceGrpc.StaffServiceBlockingStub staff = StaffServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            Map<String, String> departments = new LinkedHashMap<>();
            for (String name : new String[] {"Cardiology", "Dermatology", "General Medicine", "Orthopaedics", "Pediatrics", "Radiology"}) {
                departments.put(name, staff.createDepartment(CreateDepartmentRequest.newBuilder()
                        .setRequestId(UUID.randomUUID().toString()).setName(name).build()).getDepartment().getDepartmentId());
            }
            staff.retireDepartment(RetireDepartmentRequest.newBuilder().setDepartmentId(departments.get("Radiology")).build());
            doctor(staff, departments, "a.chen", "Dr Anna Chen", "Cardiology", "Cardiologist", "MBBS, MD, DM", 14, 12000);
            doctor(staff, departments, "s.adeyemi", "Dr Samuel Adeyemi", "General Medicine", "Family physician", "MBBS, MRCGP", 9, 6000);
            doctor(staff, departments, "l.romano", "Dr Lucia Romano", "Pediatrics", "Pediatrician", "MD, FAAP", 11, 8000);
            doctor(staff, departments, "r.mehta", "Dr Rahul Mehta", "Orthopaedics", "Orthopaedic surgeon", "MBBS, MS (Ortho)", 17, 15000);
            doctor(staff, departments, "h.berg", "Dr Hannah Berg", "Dermatology", "Dermatologist", "MD", 6, 9000);
            person(staff, "m.lopez", "Maria Lopez", Role.ROLE_RECEPTIONIST, "+1 555 0142");
            person(staff, "t.fischer", "Tom Fischer", Role.ROLE_RECEPTIONIST, "+1 555 0178");
            person(staff, "a.rahman", "Aisha Rahman", Role.ROLE_RECEPTIONIST, "");
            person(staff, "d.novak", "David Novak", Role.ROLE_ADMIN, "+1 555 0110");
            String gone = person(staff, "j.whitfield", "James Whitfield", Role.ROLE_RECEPTIONIST, "");
            staff.deactivateUser(DeactivateUserRequest.newBuilder().setUserId(gone).build());
        } finally {
            channel.shutdownNow();
        }
    }

    private static String person(StaffServiceGrpc.StaffServiceBlockingStub staff, String username, String name, Role role, String phone) {
        return staff.createUser(base(username, name, role, phone).build()).getUser().getUserId();
    }

    private void doctor(StaffServiceGrpc.StaffServiceBlockingStub staff, Map<String, String> departments, String username,
                        String name, String department, String specialization, String qualification, int years, long fee) {
        String id = staff.createUser(base(username, name, Role.ROLE_DOCTOR, "").setDoctorProfile(DoctorProfile.newBuilder()
                .setDepartmentId(departments.get(department)).setSpecialization(specialization)
                .setQualification(qualification).setYearsOfExperience(years)
                .setConsultationFee(Money.newBuilder().setCurrencyCode("USD").setMinorUnits(fee))).build()).getUser().getUserId();
        doctors.put(username, UUID.fromString(id));
    }

    private static CreateUserRequest.Builder base(String username, String name, Role role, String phone) {
        return CreateUserRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setUsername(username)
                .setDisplayName(name).setEmail(username.replace('.', '_') + "@riverside-clinic.example")
                .setPhone(phone).setRole(role).setInitialPassword(TEMPORARY_PASSWORD);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
