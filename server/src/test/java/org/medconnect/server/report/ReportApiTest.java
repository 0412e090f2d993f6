package org.medconnect.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.report.v1.ExportReportPanelCsvRequest;
import org.medconnect.proto.report.v1.GetReportPanelRequest;
import org.medconnect.proto.report.v1.Panel;
import org.medconnect.proto.report.v1.ReportFilter;
import org.medconnect.proto.report.v1.ReportServiceGrpc;
import org.medconnect.proto.report.v1.ReportServiceGrpc.ReportServiceBlockingStub;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Reports as a workstation meets them over gRPC (in-process): who may call, and what malformed filters get. */
class ReportApiTest {

    MedConnectServer server;
    ManagedChannel channel;
    SmallClinic clinic;

    static final ReportFilter WEEK = ReportFilter.newBuilder().setFromDate("2026-11-02").setToDate("2026-11-08").build();

    @BeforeEach
    void start() throws Exception {
        String name = "report-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        ClinicServices services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(SmallClinic.NOW));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        clinic = new SmallClinic(db.dsl(), services);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    ReportServiceBlockingStub stub(String username, String password) {
        String token = AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
        return ReportServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Test
    void theAdminGetsAPanelAndItsCsv() {
        var admin = stub("boss", "staff-pass-2026");
        var table = admin.getReportPanel(GetReportPanelRequest.newBuilder().setPanel(Panel.PANEL_ATTENDANCE).setFilter(WEEK).build()).getTable();
        assertThat(table.getTitle()).isEqualTo("No-shows and cancellations");
        assertThat(table.getRows(0).getValuesList()).containsExactly(2.0, 7.0, 28.6);
        var csv = admin.exportReportPanelCsv(ExportReportPanelCsvRequest.newBuilder().setPanel(Panel.PANEL_ATTENDANCE).setFilter(WEEK).build());
        assertThat(csv.getCsv()).isEqualTo("Measure,Count,Out of,Rate (%)\r\nNo-show,2,7,28.6\r\nCancellation,1,9,11.1\r\n");
        assertThat(csv.getFileName()).isEqualTo("attendance_2026-11-02_2026-11-08.csv");
    }

    @Test
    void aDoctorAskingForAnotherDoctorGetsTheirOwnFigures() {
        var okafor = stub("okafor", "doctor-pass-2026");
        var table = okafor.getReportPanel(GetReportPanelRequest.newBuilder().setPanel(Panel.PANEL_ATTENDANCE)
                .setFilter(WEEK.toBuilder().setDoctorId(clinic.berg.userId().toString())).build()).getTable();
        assertThat(table.getApplied().getDoctorId()).isEqualTo(clinic.okafor.userId().toString());
        // Okafor alone: 1 no-show of 4 completed + 1.
        assertThat(table.getRows(0).getValuesList()).containsExactly(1.0, 5.0, 20.0);
    }

    @Test
    void theFrontDeskIsDenied() {
        var desk = stub("maria", "staff-pass-2026");
        Throwable t = catchThrowable(() -> desk.getReportPanel(GetReportPanelRequest.newBuilder().setPanel(Panel.PANEL_ATTENDANCE).setFilter(WEEK).build()));
        assertThat(Calls.code(t)).isEqualTo(Status.Code.PERMISSION_DENIED);
        Throwable csv = catchThrowable(() -> desk.exportReportPanelCsv(ExportReportPanelCsvRequest.newBuilder()
                .setPanel(Panel.PANEL_ATTENDANCE).setFilter(WEEK).build()));
        assertThat(Calls.code(csv)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aNulInADateIsRefusedNamingTheField() {
        var admin = stub("boss", "staff-pass-2026");
        var request = GetReportPanelRequest.newBuilder().setPanel(Panel.PANEL_ATTENDANCE)
                .setFilter(WEEK.toBuilder().setFromDate("2026-11-02\u0000")).build();
        Throwable t = catchThrowable(() -> admin.getReportPanel(request));
        assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(t)).anySatisfy(f -> assertThat(f).endsWith("filter.from_date"));
    }

    @ParameterizedTest(name = "[{index}] {0}..{1} loc={2} panel={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "2025-01-01|2026-01-02||1|filter.to_date",
            "2026-11-08|2026-11-02||1|filter.to_date",
            "2026-11-02|2026-11-08||0|panel",
            "2026-11-02|2026-11-08||99|panel",
            "02/11/2026|2026-11-08||1|filter.from_date",
            "|2026-11-08||1|filter.from_date",
            "2026-11-02|2026-11-08|not-an-id|1|filter.location_id",
            "2026-11-02|2026-11-08|NUL|1|filter.location_id",
    })
    void malformedFiltersAreRefusedNamingTheField(String from, String to, String location, int panel, String field) {
        var admin = stub("boss", "staff-pass-2026");
        String loc = location == null ? "" : location.equals("NUL") ? UUID.randomUUID() + "\u0000" : location;
        var request = GetReportPanelRequest.newBuilder().setPanelValue(panel).setFilter(ReportFilter.newBuilder()
                .setFromDate(from == null ? "" : from).setToDate(to).setLocationId(loc)).build();
        Throwable t = catchThrowable(() -> admin.getReportPanel(request));
        assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(t)).anySatisfy(f -> assertThat(f).endsWith(field));
    }
}
