package org.medconnect.desktop.report;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.TaskRunner;
import org.medconnect.proto.report.v1.ExportReportPanelCsvRequest;
import org.medconnect.proto.report.v1.ExportReportPanelCsvResponse;
import org.medconnect.proto.report.v1.GetReportPanelRequest;
import org.medconnect.proto.report.v1.GetReportPanelResponse;
import org.medconnect.proto.report.v1.ReportRow;
import org.medconnect.proto.report.v1.ReportServiceGrpc;
import org.medconnect.proto.report.v1.ReportTable;

/**
 * A report server over real Netty whose attendance figure is "no-shows so far": each
 * {@link #noShow()} adds one, as a marked no-show at the front desk would. Keeps every request.
 */
final class FakeReportServer implements AutoCloseable {

    final List<GetReportPanelRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger noShows = new AtomicInteger(2);
    private final Server server;
    private final ServerConnection connection;
    private final ServerCalls calls;

    FakeReportServer(TaskRunner runner) {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new ReportServiceGrpc.ReportServiceImplBase() {
                        @Override
                        public void getReportPanel(GetReportPanelRequest request, StreamObserver<GetReportPanelResponse> observer) {
                            requests.add(request);
                            observer.onNext(GetReportPanelResponse.newBuilder().setTable(table(request)).build());
                            observer.onCompleted();
                        }

                        @Override
                        public void exportReportPanelCsv(ExportReportPanelCsvRequest request,
                                                         StreamObserver<ExportReportPanelCsvResponse> observer) {
                            observer.onNext(ExportReportPanelCsvResponse.newBuilder().setCsv("Measure,Count\r\nNo-show," + noShows.get() + "\r\n")
                                    .setFileName("attendance.csv").build());
                            observer.onCompleted();
                        }
                    })
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String address = "127.0.0.1:" + server.getPort();
        connection = new ServerConnection(Duration.ofSeconds(5), state -> { });
        connection.connectTo(address);
        calls = new ServerCalls(runner, new ServerErrors(() -> address, ZoneOffset.UTC), new SessionState());
    }

    FakeReportServer() {
        this(new SameThreadTaskRunner());
    }

    private ReportTable table(GetReportPanelRequest request) {
        ReportTable.Builder t = ReportTable.newBuilder().setPanel(request.getPanel()).setApplied(request.getFilter());
        switch (request.getPanel()) {
            case PANEL_ATTENDANCE -> t.addAllColumns(List.of("Measure", "Count", "Out of", "Rate (%)"))
                    .addRows(ReportRow.newBuilder().setLabel("No-show").addValues(noShows.get()).addValues(10).addValues(noShows.get() * 10.0))
                    .addRows(ReportRow.newBuilder().setLabel("Cancellation").addValues(1).addValues(12).addValues(8.3));
            case PANEL_NEW_VS_RETURNING, PANEL_REVENUE_BY_METHOD, PANEL_REVENUE_BY_DEPARTMENT -> t
                    .addAllColumns(List.of("Kind", "A", "B", "C"))
                    .addRows(ReportRow.newBuilder().setLabel("One").addValues(3).addValues(4).addValues(5))
                    .addRows(ReportRow.newBuilder().setLabel("Two").addValues(1).addValues(2).addValues(3));
            default -> {
                t.addAllColumns(List.of("Day", "A", "B", "C", "D"));
                for (int d = 1; d <= 7; d++) {
                    t.addRows(ReportRow.newBuilder().setLabel("2026-11-0" + d).addValues(d).addValues(d / 2.0).addValues(1).addValues(0));
                }
            }
        }
        return t.build();
    }

    void noShow() {
        noShows.incrementAndGet();
    }

    ServerConnection connection() {
        return connection;
    }

    ServerCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        server.shutdownNow();
    }
}
