package org.medconnect.server.prescription.drug;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.prescription.v1.DrugBrand;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc;
import org.medconnect.proto.prescription.v1.ListDrugBrandsRequest;
import org.medconnect.proto.prescription.v1.ListDrugBrandsResponse;
import org.medconnect.proto.prescription.v1.RetireDrugBrandRequest;
import org.medconnect.proto.prescription.v1.RetireDrugBrandResponse;
import org.medconnect.proto.prescription.v1.SaveDrugBrandRequest;
import org.medconnect.proto.prescription.v1.SaveDrugBrandResponse;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.proto.prescription.v1.SearchDrugsResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.server.prescription.drug.DrugService.DrugChoiceBrand;
import org.medconnect.server.prescription.drug.DrugService.SaveBrand;

/** gRPC adapter for {@link DrugService}: proto in, domain call, proto out. */
public final class DrugGrpcService extends DrugServiceGrpc.DrugServiceImplBase {

    private final DrugService drugs;
    private final GrpcCalls calls;

    public DrugGrpcService(DrugService drugs, GrpcCalls calls) {
        this.drugs = drugs;
        this.calls = calls;
    }

    @Override
    public void searchDrugs(SearchDrugsRequest r, StreamObserver<SearchDrugsResponse> observer) {
        calls.unary(observer, () -> {
            var response = SearchDrugsResponse.newBuilder();
            drugs.search(r.getQuery(), r.getLimit()).forEach(d -> response.addDrugs(toProto(d)));
            return response.build();
        });
    }

    @Override
    public void listDrugBrands(ListDrugBrandsRequest r, StreamObserver<ListDrugBrandsResponse> observer) {
        calls.unary(observer, () -> {
            var response = ListDrugBrandsResponse.newBuilder();
            drugs.listBrands(r.getIncludeRetired()).forEach(b -> response.addBrands(toProto(b)));
            return response.build();
        });
    }

    @Override
    public void saveDrugBrand(SaveDrugBrandRequest r, StreamObserver<SaveDrugBrandResponse> observer) {
        calls.unary(observer, () -> SaveDrugBrandResponse.newBuilder().setBrand(toProto(drugs.save(CallContext.principal(),
                new SaveBrand(r.getBrandId().isBlank() ? Optional.empty() : Optional.of(ProtoTypes.uuid(r.getBrandId(), "brand_id")),
                        ProtoTypes.requestId(r.getRequestId()), r.getExpectedVersion(), r.getName(), r.getIngredientKeysList())))).build());
    }

    @Override
    public void retireDrugBrand(RetireDrugBrandRequest r, StreamObserver<RetireDrugBrandResponse> observer) {
        calls.unary(observer, () -> RetireDrugBrandResponse.newBuilder().setBrand(toProto(drugs.retire(CallContext.principal(),
                ProtoTypes.uuid(r.getBrandId(), "brand_id"), r.getExpectedVersion()))).build());
    }

    static DrugChoice toProto(DrugService.DrugChoice d) {
        return DrugChoice.newBuilder().setDrugKey(d.drugKey()).setName(d.name())
                .setKind(switch (d.kind()) {
                    case INGREDIENT -> DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT;
                    case BRAND -> DrugChoiceKind.DRUG_CHOICE_KIND_BRAND;
                })
                .addAllDetails(d.details()).addAllCommonForms(d.commonForms()).build();
    }

    static DrugBrand toProto(DrugChoiceBrand b) {
        return DrugBrand.newBuilder().setBrandId(b.brand().id().toString()).setName(b.brand().name())
                .addAllIngredientKeys(b.brand().ingredientKeys()).addAllIngredientNames(b.ingredientNames())
                .setActive(b.brand().active()).setVersion(b.brand().version()).build();
    }
}
