package org.medconnect.server.audit;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.medconnect.proto.audit.v1.AuditEntry;
import org.medconnect.proto.audit.v1.AuditFilter;
import org.medconnect.proto.audit.v1.AuditServiceGrpc;
import org.medconnect.proto.audit.v1.ChainBreak;
import org.medconnect.proto.audit.v1.ChainProblem;
import org.medconnect.proto.audit.v1.ExportAuditRequest;
import org.medconnect.proto.audit.v1.ExportAuditResponse;
import org.medconnect.proto.audit.v1.ListAuditEntriesRequest;
import org.medconnect.proto.audit.v1.ListAuditEntriesResponse;
import org.medconnect.proto.audit.v1.ListSignInsRequest;
import org.medconnect.proto.audit.v1.ListSignInsResponse;
import org.medconnect.proto.audit.v1.VerifyAuditChainRequest;
import org.medconnect.proto.audit.v1.VerifyAuditChainResponse;
import org.medconnect.proto.common.v1.PageResponse;
import org.medconnect.server.audit.AuditModel.ChainRow;
import org.medconnect.server.audit.AuditModel.Filter;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.StepUp;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link AuditService}. */
public final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {

    private static final int CHUNK = 64 * 1024;

    private final AuditService audit;
    private final GrpcCalls calls;
    private final StepUp stepUp;

    public AuditGrpcService(AuditService audit, StepUp stepUp, GrpcCalls calls) {
        this.stepUp = stepUp;
        this.audit = audit;
        this.calls = calls;
    }

    @Override
    public void verifyAuditChain(VerifyAuditChainRequest r, StreamObserver<VerifyAuditChainResponse> observer) {
        calls.unary(observer, () -> {
            var result = audit.verify();
            var response = VerifyAuditChainResponse.newBuilder().setIntact(result.intact())
                    .setEntriesChecked(result.entriesChecked()).setSignInRecordsChecked(result.signInRecordsChecked())
                    .setHeadHash(result.headHash());
            result.firstBreak().ifPresent(b -> {
                var proto = ChainBreak.newBuilder().setProblem(ChainProblem.valueOf("CHAIN_PROBLEM_" + b.problem().name()))
                        .setEntryId(b.entryId()).setChainSeq(b.chainSeq()).setExpected(b.expected()).setFound(b.found())
                        .setExplanation(b.explanation());
                b.at().ifPresent(t -> proto.setOccurredAt(ProtoTypes.timestamp(t)));
                response.setFirstBreak(proto);
            });
            return response.build();
        });
    }

    @Override
    public void listAuditEntries(ListAuditEntriesRequest r, StreamObserver<ListAuditEntriesResponse> observer) {
        calls.unary(observer, () -> {
            var page = audit.list(filter(r.getFilter()), r.getPage().getPageToken(), r.getPage().getPageSize());
            var response = ListAuditEntriesResponse.newBuilder();
            page.entries().forEach(e -> response.addEntries(toProto(e)));
            return response.setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken().orElse(""))).build();
        });
    }

    @Override
    public void listSignIns(ListSignInsRequest r, StreamObserver<ListSignInsResponse> observer) {
        calls.unary(observer, () -> {
            var page = audit.listSignIns(ProtoTypes.optionalUuid(r.getUserId(), "user_id"), time(r.hasFrom(), r.getFrom()),
                    time(r.hasTo(), r.getTo()), r.getPage().getPageToken(), r.getPage().getPageSize());
            var response = ListSignInsResponse.newBuilder();
            page.entries().forEach(e -> response.addEntries(toProto(e)));
            return response.setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken().orElse(""))).build();
        });
    }

    @Override
    public void exportAudit(ExportAuditRequest r, StreamObserver<ExportAuditResponse> observer) {
        var call = (ServerCallStreamObserver<ExportAuditResponse>) observer;
        calls.stream(observer, () -> {
            Filter f = filter(r.getFilter());
            // Exports leave the building: a fresh second-factor code first (decision 0022).
            stepUp.require(CallContext.principal(), "export the audit");
            var buffer = new ByteArrayOutputStream(CHUNK + 1024);
            audit.exportCsv(CallContext.principal().userId(), f, line -> {
                if (call.isCancelled()) {
                    throw new DomainException.Aborted("CANCELLED", "The export was cancelled.");
                }
                buffer.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (buffer.size() >= CHUNK) {
                    observer.onNext(ExportAuditResponse.newBuilder().setCsvChunk(ByteString.copyFrom(buffer.toByteArray())).build());
                    buffer.reset();
                }
            });
            if (buffer.size() > 0) {
                observer.onNext(ExportAuditResponse.newBuilder().setCsvChunk(ByteString.copyFrom(buffer.toByteArray())).build());
            }
            observer.onCompleted();
        });
    }

    private static Filter filter(AuditFilter f) {
        Optional<String> targetType = blank(f.getTargetType());
        Optional<String> targetId = blank(f.getTargetId());
        if (!f.getPatientId().isBlank()) {
            targetType = Optional.of("patient");
            targetId = Optional.of(ProtoTypes.uuid(f.getPatientId(), "filter.patient_id").toString());
        }
        return new Filter(ProtoTypes.optionalUuid(f.getActorUserId(), "filter.actor_user_id"), blank(f.getActionPrefix()),
                time(f.hasFrom(), f.getFrom()), time(f.hasTo(), f.getTo()), targetType, targetId);
    }

    private static Optional<String> blank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static Optional<Instant> time(boolean present, com.google.protobuf.Timestamp t) {
        return present ? Optional.of(Instant.ofEpochSecond(t.getSeconds(), t.getNanos())) : Optional.empty();
    }

    static AuditEntry toProto(ChainRow r) {
        var hex = HexFormat.of();
        var b = AuditEntry.newBuilder().setChainSeq(r.chainSeq()).setEntryId(r.id()).setOccurredAt(ProtoTypes.timestamp(r.at()))
                .setAction(r.action()).setTargetType(r.targetType()).setPrevHash(hex.formatHex(r.prevHash()))
                .setHash(hex.formatHex(r.hash()));
        if (r.actor() != null) {
            b.setActorUserId(r.actor().toString());
        }
        if (r.actorUsername() != null) {
            b.setActorUsername(r.actorUsername());
        }
        if (r.targetId() != null) {
            b.setTargetId(r.targetId());
        }
        if (r.detail() != null) {
            b.setDetail(r.detail());
        }
        return b.build();
    }
}
