package org.medconnect.desktop.testing;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEventKind;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.ListAppointmentsResponse;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListAppointmentTypesResponse;
import org.medconnect.proto.schedule.v1.ListDoctorsResponse;
import org.medconnect.proto.schedule.v1.ListLocationsResponse;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.staff.v1.ListDepartmentsResponse;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;

/**
 * A small clinic on the {@link FakeClinicServer} for live-update UI tests and pictures: a receptionist
 * and two doctors can sign in, the day's appointments are listed from a store, and a change made
 * "through the API" ({@link #checkIn}) updates the store and is pushed on WatchAppointments.
 */
public final class FakeFrontDesk implements AutoCloseable {

    public static final String RECEPTIONIST = "m.lopez";
    public static final String DOCTOR = "a.chen";
    public static final String PASSWORD = "Front-desk-2026";
    static final Location RIVERSIDE = Location.newBuilder().setLocationId("loc-river").setName("Riverside Clinic").build();
    static final Doctor CHEN = Doctor.newBuilder().setDoctorId("doc-chen").setDisplayName("Dr Anna Chen")
            .setSpecialization("Cardiologist").addLocationIds("loc-river").build();
    static final Doctor ADEYEMI = Doctor.newBuilder().setDoctorId("doc-adeyemi").setDisplayName("Dr Samuel Adeyemi")
            .setSpecialization("Family physician").addLocationIds("loc-river").build();

    private final FakeClinicServer server = new FakeClinicServer();
    private final Map<String, Appointment> store = new ConcurrentHashMap<>();
    private final ZoneId zone;
    private final LocalDate day;

    public FakeFrontDesk(ZoneId zone, LocalDate day) {
        this.zone = zone;
        this.day = day;
        server.on(AuthServiceGrpc.getSignInMethod(), request -> switch (request.getUsername()) {
                    case RECEPTIONIST -> signedIn("rec-lopez", RECEPTIONIST, "Maria Lopez", Role.ROLE_RECEPTIONIST);
                    case DOCTOR -> signedIn(CHEN.getDoctorId(), DOCTOR, "Dr Anna Chen", Role.ROLE_DOCTOR);
                    default -> throw Status.UNAUTHENTICATED.withDescription("wrong credentials").asRuntimeException();
                })
                .on(ScheduleServiceGrpc.getListLocationsMethod(), r -> ListLocationsResponse.newBuilder().addLocations(RIVERSIDE).build())
                .on(ScheduleServiceGrpc.getListAppointmentTypesMethod(), r -> ListAppointmentTypesResponse.newBuilder()
                        .addTypes(AppointmentType.newBuilder().setTypeId("type-consult").setName("Consultation").setDurationMinutes(30))
                        .build())
                .on(ScheduleServiceGrpc.getListDoctorsMethod(), r -> ListDoctorsResponse.newBuilder().addDoctors(CHEN).addDoctors(ADEYEMI).build())
                .on(StaffServiceGrpc.getListDepartmentsMethod(), r -> ListDepartmentsResponse.getDefaultInstance())
                .on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> ListAppointmentsResponse.newBuilder()
                        .addAllAppointments(store.values().stream()
                                .filter(a -> a.getStartsAt().getSeconds() >= r.getFrom().getSeconds()
                                        && a.getStartsAt().getSeconds() < r.getTo().getSeconds())
                                .filter(a -> r.getStatusesCount() == 0 || r.getStatusesList().contains(a.getStatus()))
                                .sorted(Comparator.comparingLong(a -> a.getStartsAt().getSeconds()))
                                .toList())
                        .build());
    }

    private static SignInResponse signedIn(String id, String username, String name, Role role) {
        return SignInResponse.newBuilder().setSessionToken("token-" + username).setIdleTimeoutSeconds(900)
                .setPrincipal(Principal.newBuilder().setUserId(id).setUsername(username).setDisplayName(name).addRoles(role))
                .build();
    }

    /** Books (confirmed) {@code patient} with {@code doctor} at {@code time} on the day; no event (it happened before). */
    public Appointment booked(String id, String patient, boolean withChen, String time, int minutes) {
        Doctor doctor = withChen ? CHEN : ADEYEMI;
        Instant start = day.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
        Appointment a = Appointment.newBuilder().setAppointmentId(id).setReference("A-00" + (1200 + store.size()))
                .setPatient(PatientSummary.newBuilder().setPatientId("p-" + id).setDisplayName(patient))
                .setDoctorId(doctor.getDoctorId()).setDoctorName(doctor.getDisplayName())
                .setLocationId(RIVERSIDE.getLocationId()).setLocationName(RIVERSIDE.getName())
                .setTypeId("type-consult").setTypeName("Consultation")
                .setStartsAt(ts(start)).setEndsAt(ts(start.plusSeconds(minutes * 60L)))
                .setStatus(AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED).setVersion(1).build();
        store.put(id, a);
        return a;
    }

    /** The front desk checks the patient in through the API: the store changes and the event goes out. */
    public Appointment checkIn(String id) {
        Appointment now = store.computeIfPresent(id, (k, a) -> a.toBuilder()
                .setStatus(AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN).setVersion(a.getVersion() + 1)
                .setTokenNumber(1).build());
        server.events().publish(AppointmentEventKind.APPOINTMENT_EVENT_KIND_CHECKED_IN, now);
        return now;
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    public List<Appointment> appointments() {
        return List.copyOf(store.values());
    }

    public FakeClinicServer server() {
        return server;
    }

    public String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
