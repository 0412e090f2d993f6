package org.medconnect.server.chart.problem;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import org.medconnect.proto.chart.v1.AddProblemRequest;
import org.medconnect.proto.chart.v1.AddProblemResponse;
import org.medconnect.proto.chart.v1.ListProblemsRequest;
import org.medconnect.proto.chart.v1.ListProblemsResponse;
import org.medconnect.proto.chart.v1.MarkProblemEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkProblemEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.ProblemFilter;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc;
import org.medconnect.proto.chart.v1.ProblemStatus;
import org.medconnect.proto.chart.v1.ResolveProblemRequest;
import org.medconnect.proto.chart.v1.ResolveProblemResponse;
import org.medconnect.proto.chart.v1.UpdateProblemRequest;
import org.medconnect.proto.chart.v1.UpdateProblemResponse;
import org.medconnect.server.chart.problem.ProblemModel.Filter;
import org.medconnect.server.chart.problem.ProblemModel.NewProblem;
import org.medconnect.server.chart.problem.ProblemModel.Problem;
import org.medconnect.server.chart.problem.ProblemModel.ProblemChanges;
import org.medconnect.server.chart.problem.ProblemModel.Status;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link ProblemService}: proto in, domain call, proto out. */
public final class ProblemGrpcService extends ProblemServiceGrpc.ProblemServiceImplBase {

    private final ProblemService problems;
    private final GrpcCalls calls;

    public ProblemGrpcService(ProblemService problems, GrpcCalls calls) {
        this.problems = problems;
        this.calls = calls;
    }

    @Override
    public void addProblem(AddProblemRequest r, StreamObserver<AddProblemResponse> observer) {
        calls.unary(observer, () -> AddProblemResponse.newBuilder().setProblem(toProto(problems.add(CallContext.principal(),
                new NewProblem(ProtoTypes.requestId(r.getRequestId()), ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                        optional(r.getIcd10Code()), r.getTitle(), date(r.getOnsetDate(), "onset_date"), r.getNote(),
                        ProtoTypes.optionalUuid(r.getEncounterId(), "encounter_id"))))).build());
    }

    @Override
    public void updateProblem(UpdateProblemRequest r, StreamObserver<UpdateProblemResponse> observer) {
        calls.unary(observer, () -> UpdateProblemResponse.newBuilder().setProblem(toProto(problems.update(CallContext.principal(),
                new ProblemChanges(ProtoTypes.uuid(r.getProblemId(), "problem_id"), r.getExpectedVersion(), optional(r.getIcd10Code()),
                        r.getTitle(), date(r.getOnsetDate(), "onset_date"), r.getNote())))).build());
    }

    @Override
    public void resolveProblem(ResolveProblemRequest r, StreamObserver<ResolveProblemResponse> observer) {
        calls.unary(observer, () -> ResolveProblemResponse.newBuilder().setProblem(toProto(problems.resolve(CallContext.principal(),
                ProtoTypes.uuid(r.getProblemId(), "problem_id"), r.getExpectedVersion(),
                ProtoTypes.localDate(r.getResolvedDate(), "resolved_date")))).build());
    }

    @Override
    public void markProblemEnteredInError(MarkProblemEnteredInErrorRequest r, StreamObserver<MarkProblemEnteredInErrorResponse> observer) {
        calls.unary(observer, () -> MarkProblemEnteredInErrorResponse.newBuilder().setProblem(toProto(problems.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getProblemId(), "problem_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    @Override
    public void listProblems(ListProblemsRequest r, StreamObserver<ListProblemsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListProblemsResponse.newBuilder();
            problems.list(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), fromProto(r.getFilter()))
                    .forEach(p -> response.addProblems(toProto(p)));
            return response.build();
        });
    }

    static Filter fromProto(ProblemFilter f) {
        return switch (f) {
            case PROBLEM_FILTER_ACTIVE -> Filter.ACTIVE;
            case PROBLEM_FILTER_RESOLVED -> Filter.RESOLVED;
            case PROBLEM_FILTER_ALL -> Filter.ALL;
            default -> Filter.CURRENT_AND_PAST;
        };
    }

    static ProblemStatus toProto(Status s) {
        return switch (s) {
            case ACTIVE -> ProblemStatus.PROBLEM_STATUS_ACTIVE;
            case RESOLVED -> ProblemStatus.PROBLEM_STATUS_RESOLVED;
            case ENTERED_IN_ERROR -> ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR;
        };
    }

    static org.medconnect.proto.chart.v1.Problem toProto(Problem p) {
        return org.medconnect.proto.chart.v1.Problem.newBuilder()
                .setId(p.id().toString())
                .setPatientId(p.patientId().toString())
                .setIcd10Code(p.icd10Code().orElse(""))
                .setTitle(p.title())
                .setStatus(toProto(p.status()))
                .setOnsetDate(p.onsetDate().map(LocalDate::toString).orElse(""))
                .setResolvedDate(p.resolvedDate().map(LocalDate::toString).orElse(""))
                .setNote(p.note().orElse(""))
                .setEncounterId(p.encounterId().map(Object::toString).orElse(""))
                .setErrorReason(p.errorReason().orElse(""))
                .setVersion(p.version())
                .setCreatedByName(p.createdByName())
                .setCreatedAt(ProtoTypes.timestamp(p.createdAt()))
                .setUpdatedByName(p.updatedByName())
                .setUpdatedAt(ProtoTypes.timestamp(p.updatedAt()))
                .build();
    }

    private static Optional<String> optional(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<LocalDate> date(String raw, String field) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(raw, field));
    }
}
