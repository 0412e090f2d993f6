package org.medconnect.server.report;

import io.grpc.stub.StreamObserver;
import org.medconnect.proto.report.v1.ExportReportPanelCsvRequest;
import org.medconnect.proto.report.v1.ExportReportPanelCsvResponse;
import org.medconnect.proto.report.v1.GetReportPanelRequest;
import org.medconnect.proto.report.v1.GetReportPanelResponse;
import org.medconnect.proto.report.v1.ReportFilter;
import org.medconnect.proto.report.v1.ReportRow;
import org.medconnect.proto.report.v1.ReportServiceGrpc;
import org.medconnect.proto.report.v1.ReportTable;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.report.ReportModel.Filter;
import org.medconnect.server.report.ReportModel.Panel;
import org.medconnect.server.report.ReportModel.Table;

/** gRPC adapter for {@link ReportService}: proto in, one service call, proto out. */
public final class ReportGrpcService extends ReportServiceGrpc.ReportServiceImplBase {

    private final ReportService reports;
    private final GrpcCalls calls;

    public ReportGrpcService(ReportService reports, GrpcCalls calls) {
        this.reports = reports;
        this.calls = calls;
    }

    @Override
    public void getReportPanel(GetReportPanelRequest r, StreamObserver<GetReportPanelResponse> o) {
        calls.unary(o, () -> GetReportPanelResponse.newBuilder()
                .setTable(toProto(reports.panel(CallContext.principal(), panel(r.getPanel()), filter(r.getFilter())))).build());
    }

    @Override
    public void exportReportPanelCsv(ExportReportPanelCsvRequest r, StreamObserver<ExportReportPanelCsvResponse> o) {
        calls.unary(o, () -> {
            Csv.Export export = reports.csv(CallContext.principal(), panel(r.getPanel()), filter(r.getFilter()));
            return ExportReportPanelCsvResponse.newBuilder().setCsv(export.text()).setFileName(export.fileName()).build();
        });
    }

    static Panel panel(org.medconnect.proto.report.v1.Panel p) {
        return switch (p) {
            case PANEL_APPOINTMENTS_PER_DAY -> Panel.APPOINTMENTS_PER_DAY;
            case PANEL_APPOINTMENTS_PER_WEEK -> Panel.APPOINTMENTS_PER_WEEK;
            case PANEL_ATTENDANCE -> Panel.ATTENDANCE;
            case PANEL_UTILISATION -> Panel.UTILISATION;
            case PANEL_VISIT_TIMES -> Panel.VISIT_TIMES;
            case PANEL_NEW_VS_RETURNING -> Panel.NEW_VS_RETURNING;
            case PANEL_REVENUE_BY_DAY -> Panel.REVENUE_BY_DAY;
            case PANEL_REVENUE_BY_DOCTOR -> Panel.REVENUE_BY_DOCTOR;
            case PANEL_REVENUE_BY_DEPARTMENT -> Panel.REVENUE_BY_DEPARTMENT;
            case PANEL_REVENUE_BY_METHOD -> Panel.REVENUE_BY_METHOD;
            case PANEL_OUTSTANDING_AGEING -> Panel.OUTSTANDING_AGEING;
            case PANEL_SIGN_INS -> Panel.SIGN_INS;
            case PANEL_UNSPECIFIED, UNRECOGNIZED -> throw DomainException.InvalidInput.of("panel", "Choose a report panel.");
        };
    }

    static org.medconnect.proto.report.v1.Panel toProto(Panel p) {
        return org.medconnect.proto.report.v1.Panel.valueOf("PANEL_" + p.name());
    }

    static Filter filter(ReportFilter f) {
        return new Filter(ProtoTypes.localDate(f.getFromDate(), "filter.from_date"), ProtoTypes.localDate(f.getToDate(), "filter.to_date"),
                ProtoTypes.optionalUuid(f.getLocationId(), "filter.location_id"),
                ProtoTypes.optionalUuid(f.getDepartmentId(), "filter.department_id"),
                ProtoTypes.optionalUuid(f.getDoctorId(), "filter.doctor_id"));
    }

    static ReportTable toProto(Table t) {
        Filter f = t.applied();
        return ReportTable.newBuilder()
                .setPanel(toProto(t.panel()))
                .setTitle(t.panel().title())
                .addAllColumns(t.columns())
                .addAllRows(t.rows().stream().map(r -> ReportRow.newBuilder().setLabel(r.label()).addAllValues(r.values()).build()).toList())
                .setCurrency(t.currency().orElse(""))
                .setApplied(ReportFilter.newBuilder().setFromDate(f.from().toString()).setToDate(f.to().toString())
                        .setLocationId(f.locationId().map(Object::toString).orElse(""))
                        .setDepartmentId(f.departmentId().map(Object::toString).orElse(""))
                        .setDoctorId(f.doctorId().map(Object::toString).orElse("")))
                .build();
    }
}
