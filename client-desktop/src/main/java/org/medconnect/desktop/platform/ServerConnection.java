package org.medconnect.desktop.platform;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.audit.v1.AuditServiceGrpc;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.backup.v1.BackupServiceGrpc;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workstation's channel to one MedConnect server: stubs with the session token attached and a
 * deadline on every call. Thread-safe; used from background tasks only.
 */
public final class ServerConnection implements AutoCloseable {

    public static final String DEFAULT_ADDRESS = "localhost:50051";
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    static final Duration KEEPALIVE = Duration.ofSeconds(30);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Duration deadline;
    private final Consumer<ConnectivityState> stateListener;
    private final ServerTrust trust;
    private volatile ManagedChannel channel;
    private volatile String address = "";
    private volatile String token = "";

    public ServerConnection(Duration deadline, Consumer<ConnectivityState> stateListener, ServerTrust trust) {
        this.deadline = deadline;
        this.stateListener = stateListener;
        this.trust = trust;
    }

    /** A connection that trusts only certificates already pinned in the default preferences (tests, tools). */
    public ServerConnection(Duration deadline, Consumer<ConnectivityState> stateListener) {
        this(deadline, stateListener, ServerTrust.refusingUnknown(DesktopPreferences.fromSystem()));
    }

    /**
     * Points the connection at {@code newAddress}; keeps the channel when the address is unchanged. Over TLS
     * pinned to the server's certificate; on a first connection this asks the user (see {@link ServerTrust}),
     * so call it from a background task.
     */
    public synchronized void connectTo(String newAddress) {
        String normalized = normalize(newAddress);
        if (channel != null && normalized.equals(address)) {
            return;
        }
        ManagedChannel old = channel;
        HostPort target = HostPort.parse(normalized);
        channel = NettyChannelBuilder.forAddress(target.host(), target.port(), trust.credentialsFor(normalized, target))
                // Finds a dead link under the open WatchAppointments stream; the server permits pings every 20 s.
                .keepAliveTime(KEEPALIVE.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .build();
        address = normalized;
        token = "";
        watch(channel);
        if (old != null) {
            old.shutdownNow();
        }
        log.info("Using MedConnect server {}", normalized);
    }

    public static String normalize(String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        return trimmed.isEmpty() ? DEFAULT_ADDRESS : trimmed;
    }

    private void watch(ManagedChannel watched) {
        ConnectivityState state = watched.getState(false);
        if (watched != channel) {
            return;
        }
        stateListener.accept(state);
        if (state != ConnectivityState.SHUTDOWN) {
            watched.notifyWhenStateChanged(state, () -> watch(watched));
        }
    }

    public String address() {
        return address;
    }

    public void useToken(String sessionToken) {
        this.token = sessionToken == null ? "" : sessionToken;
    }

    public void forgetToken() {
        this.token = "";
    }

    /** Forgets the token at once and returns the call that ends that session on the server (run it in the background). */
    public java.util.concurrent.Callable<Object> endSession() {
        String ended = token;
        ManagedChannel current = channel;
        token = "";
        return () -> {
            if (ended.isEmpty() || current == null) {
                return null;
            }
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + ended);
            return AuthServiceGrpc.newBlockingStub(current)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .signOut(org.medconnect.proto.auth.v1.SignOutRequest.getDefaultInstance());
        };
    }

    public AuthServiceGrpc.AuthServiceBlockingStub auth() {
        return AuthServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public StaffServiceGrpc.StaffServiceBlockingStub staff() {
        return StaffServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public PatientServiceGrpc.PatientServiceBlockingStub patients() {
        return PatientServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Contacts, insurance, consents, blood group and language (decision 0036). */
    public org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc.PatientDemographicsServiceBlockingStub demographics() {
        return org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ScheduleServiceGrpc.ScheduleServiceBlockingStub schedule() {
        return ScheduleServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Dashboard reports; a longer deadline than the rest, as a year of figures may take a few seconds. */
    public org.medconnect.proto.report.v1.ReportServiceGrpc.ReportServiceBlockingStub reports() {
        return org.medconnect.proto.report.v1.ReportServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(Math.max(deadline.toMillis(), 15_000), TimeUnit.MILLISECONDS);
    }

    public AppointmentServiceGrpc.AppointmentServiceBlockingStub appointments() {
        return AppointmentServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The async stub for the long-lived WatchAppointments stream: the session token attached, and no
     * deadline (the stream stays open for the session; keepalives find a dead link).
     */
    public AppointmentServiceGrpc.AppointmentServiceStub appointmentsAsync() {
        return AppointmentServiceGrpc.newStub(channel()).withInterceptors(new BearerToken());
    }

    /**
     * Makes a channel that failed to connect try again now instead of after its own backoff (which grows
     * to minutes): the live feed calls this before each retry so its 15 s ceiling holds.
     */
    public void resetConnectBackoff() {
        ManagedChannel current = channel;
        if (current != null) {
            current.resetConnectBackoff();
        }
    }

    public org.medconnect.proto.billing.v1.BillingServiceGrpc.BillingServiceBlockingStub billing() {
        return org.medconnect.proto.billing.v1.BillingServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The chart's problem list (issue 12). */
    public org.medconnect.proto.chart.v1.ProblemServiceGrpc.ProblemServiceBlockingStub problems() {
        return org.medconnect.proto.chart.v1.ProblemServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The chart's medication list (issue 12). */
    public org.medconnect.proto.chart.v1.MedicationServiceGrpc.MedicationServiceBlockingStub medications() {
        return org.medconnect.proto.chart.v1.MedicationServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The chart's code lists: ICD-10-CM and the drug catalogue, searched as the user types. */
    public org.medconnect.proto.chart.v1.CodingServiceGrpc.CodingServiceBlockingStub coding() {
        return org.medconnect.proto.chart.v1.CodingServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The chart's spine: open, summary, break the glass, who looked, history (decision 0029). */
    public org.medconnect.proto.chart.v1.ChartServiceGrpc.ChartServiceBlockingStub chart() {
        return org.medconnect.proto.chart.v1.ChartServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For the live WatchChart stream of an open chart: no deadline, the session token attached. */
    public org.medconnect.proto.chart.v1.ChartServiceGrpc.ChartServiceStub chartStream() {
        return org.medconnect.proto.chart.v1.ChartServiceGrpc.newStub(channel()).withInterceptors(new BearerToken());
    }

    /** Chart: plans, referrals and follow-ups (decision 0035). */
    public org.medconnect.proto.chart.v1.PlanServiceGrpc.PlanServiceBlockingStub plans() {
        return org.medconnect.proto.chart.v1.PlanServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Chart: admissions and the ward list (decision 0035). */
    public org.medconnect.proto.chart.v1.AdmissionServiceGrpc.AdmissionServiceBlockingStub admissions() {
        return org.medconnect.proto.chart.v1.AdmissionServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Chart documents: list and withdraw, with the usual deadline. */
    public org.medconnect.proto.chart.v1.DocumentServiceGrpc.DocumentServiceBlockingStub documents() {
        return org.medconnect.proto.chart.v1.DocumentServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Chart document downloads: the caller gives the deadline (a 50 MB scan on a slow link takes a while). */
    public org.medconnect.proto.chart.v1.DocumentServiceGrpc.DocumentServiceBlockingStub documentDownload(Duration callDeadline) {
        return org.medconnect.proto.chart.v1.DocumentServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Chart document uploads (client streaming): the caller gives the deadline. */
    public org.medconnect.proto.chart.v1.DocumentServiceGrpc.DocumentServiceStub documentUpload(Duration callDeadline) {
        return org.medconnect.proto.chart.v1.DocumentServiceGrpc.newStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public org.medconnect.proto.chart.v1.EncounterServiceGrpc.EncounterServiceBlockingStub encounters() {
        return org.medconnect.proto.chart.v1.EncounterServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Vital signs of a chart (issue 12). */
    public org.medconnect.proto.chart.v1.VitalsServiceGrpc.VitalsServiceBlockingStub vitals() {
        return org.medconnect.proto.chart.v1.VitalsServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Allergies of a chart (issue 12). */
    public org.medconnect.proto.chart.v1.AllergyServiceGrpc.AllergyServiceBlockingStub allergies() {
        return org.medconnect.proto.chart.v1.AllergyServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prescriptions: drafts, live checks, signing (issue 13). */
    public org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc.PrescriptionServiceBlockingStub prescriptions() {
        return org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The drug catalogue searched as the doctor types (issue 13). */
    public org.medconnect.proto.prescription.v1.DrugServiceGrpc.DrugServiceBlockingStub drugs() {
        return org.medconnect.proto.prescription.v1.DrugServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prescription papers: PDF, email, verification (issue 13). */
    public org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc.PrescriptionPaperServiceBlockingStub prescriptionPapers() {
        return org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refill requests: recorded by reception, decided by the doctor (issue 13). */
    public org.medconnect.proto.prescription.v1.RefillServiceGrpc.RefillServiceBlockingStub refills() {
        return org.medconnect.proto.prescription.v1.RefillServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public QueueServiceGrpc.QueueServiceBlockingStub queue() {
        return QueueServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public NotificationServiceGrpc.NotificationServiceBlockingStub notifications() {
        return NotificationServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For the live inbox stream: no deadline (it stays open), the session token attached. */
    public NotificationServiceGrpc.NotificationServiceStub notificationStream() {
        return NotificationServiceGrpc.newStub(channel()).withInterceptors(new BearerToken());
    }

    public AuditServiceGrpc.AuditServiceBlockingStub audit() {
        return AuditServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Audit calls that take as long as they take (verify of a long chain, CSV export): the given deadline. */
    public AuditServiceGrpc.AuditServiceBlockingStub audit(Duration longDeadline) {
        return AuditServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(longDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Backups take minutes on a large clinic: the caller gives the deadline. */
    public BackupServiceGrpc.BackupServiceBlockingStub backups(Duration callDeadline) {
        return BackupServiceGrpc.newBlockingStub(channel()).withInterceptors(new BearerToken())
                .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ManagedChannel channel() {
        ManagedChannel current = channel;
        if (current == null) {
            throw new IllegalStateException("No server chosen yet");
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    /** Adds "authorization: Bearer <token>" when there is a session; SignIn goes out without one. */
    private final class BearerToken implements ClientInterceptor {
        @Override
        public <Q, S> ClientCall<Q, S> interceptCall(MethodDescriptor<Q, S> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<S> responseListener, Metadata headers) {
                    String current = token;
                    if (!current.isEmpty()) {
                        headers.put(AUTHORIZATION, "Bearer " + current);
                    }
                    super.start(responseListener, headers);
                }
            };
        }
    }

    /** host:port as typed in the sign-in screen. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String text) {
            String value = normalize(text);
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("Write the server address as host:port, for example clinic-server:50051.");
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(value.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The port after ':' must be a number from 1 to 65535.");
            }
        }
    }
}
