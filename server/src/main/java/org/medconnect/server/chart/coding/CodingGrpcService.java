package org.medconnect.server.chart.coding;

import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Set;
import org.medconnect.proto.chart.v1.CodingDiagnosis;
import org.medconnect.proto.chart.v1.CodingServiceGrpc;
import org.medconnect.proto.chart.v1.CodingSubstance;
import org.medconnect.proto.chart.v1.CodingSubstanceKind;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesRequest;
import org.medconnect.proto.chart.v1.SearchDiagnosisCodesResponse;
import org.medconnect.proto.chart.v1.SearchSubstancesRequest;
import org.medconnect.proto.chart.v1.SearchSubstancesResponse;
import org.medconnect.server.chart.coding.DrugEntry.Kind;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;

/** gRPC adapter for {@link CodingService}: proto in, one service call, proto out. */
public final class CodingGrpcService extends CodingServiceGrpc.CodingServiceImplBase {

    private final CodingService coding;
    private final GrpcCalls calls;

    public CodingGrpcService(CodingService coding, GrpcCalls calls) {
        this.coding = coding;
        this.calls = calls;
    }

    @Override
    public void searchDiagnosisCodes(SearchDiagnosisCodesRequest r, StreamObserver<SearchDiagnosisCodesResponse> o) {
        calls.unary(o, () -> {
            var out = SearchDiagnosisCodesResponse.newBuilder();
            for (Icd10Code c : coding.searchDiagnosisCodes(r.getQuery(), r.getLimit())) {
                out.addCodes(CodingDiagnosis.newBuilder().setCode(c.code()).setTitle(c.title()));
            }
            return out.build();
        });
    }

    @Override
    public void searchSubstances(SearchSubstancesRequest r, StreamObserver<SearchSubstancesResponse> o) {
        calls.unary(o, () -> {
            var out = SearchSubstancesResponse.newBuilder();
            for (DrugEntry e : coding.searchSubstances(r.getQuery(), r.getLimit(), kinds(r))) {
                out.addSubstances(CodingSubstance.newBuilder().setKey(e.key()).setName(e.name())
                        .setKind(e.kind() == Kind.CLASS ? CodingSubstanceKind.CODING_SUBSTANCE_KIND_CLASS
                                : CodingSubstanceKind.CODING_SUBSTANCE_KIND_INGREDIENT)
                        .addAllClassKeys(e.classKeys()));
            }
            return out.build();
        });
    }

    private static Set<Kind> kinds(SearchSubstancesRequest r) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (CodingSubstanceKind k : r.getKindsList()) {
            switch (k) {
                case CODING_SUBSTANCE_KIND_INGREDIENT -> kinds.add(Kind.INGREDIENT);
                case CODING_SUBSTANCE_KIND_CLASS -> kinds.add(Kind.CLASS);
                default -> throw DomainException.InvalidInput.of("kinds", "Choose ingredients, classes or both.");
            }
        }
        return kinds;
    }
}
