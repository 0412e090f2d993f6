package org.medconnect.server;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.medconnect.server.auth.AuthGrpcService;
import org.medconnect.server.auth.AuthService;
import org.medconnect.server.auth.PasswordHasher;
import org.medconnect.server.auth.SessionTokens;
import org.medconnect.server.patient.PatientGrpcService;
import org.medconnect.server.patient.PatientService;
import org.medconnect.server.platform.AccessPolicy;
import org.medconnect.server.platform.AuthInterceptor;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.ErrorMapper;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.staff.StaffGrpcService;
import org.medconnect.server.staff.StaffService;

/** Wires every feature's services from the configuration: the one place that knows them all. */
public final class ClinicServices {

    private final AuthService auth;
    private final StaffService staff;
    private final PatientService patients;
    private final List<BindableService> grpcServices = new ArrayList<>();
    private final ServerInterceptor authInterceptor;

    public ClinicServices(ServerConfig config, Database database, Clock clock) {
        ErrorMapper errors = new ErrorMapper();
        GrpcCalls calls = new GrpcCalls(errors);
        PasswordHasher hasher = new PasswordHasher(config.passwordHashing());
        this.auth = new AuthService(database.dsl(), hasher, new SessionTokens(), clock, new AuthService.Settings(
                config.sessionIdleTimeout(), config.sessionMaxLifetime(), config.lockoutAttempts(),
                config.lockoutDuration(), config.clinicZone()));
        this.staff = new StaffService(database.dsl(), hasher, clock);
        grpcServices.add(new AuthGrpcService(auth, calls));
        grpcServices.add(new StaffGrpcService(staff, calls, config.currency()));

        // Patients.
        this.patients = new PatientService(database.dsl(), clock, config.clinicZone());
        grpcServices.add(new PatientGrpcService(patients, calls));

        this.authInterceptor = new AuthInterceptor(AccessPolicy.clinic(), auth, errors);
    }

    public List<BindableService> grpcServices() {
        return List.copyOf(grpcServices);
    }

    public ServerInterceptor authInterceptor() {
        return authInterceptor;
    }

    public AuthService auth() {
        return auth;
    }

    public StaffService staff() {
        return staff;
    }

    public PatientService patients() {
        return patients;
    }
}
