package org.medconnect.server.chart.allergy;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import org.medconnect.proto.chart.v1.AllergyCategory;
import org.medconnect.proto.chart.v1.AllergyReviewState;
import org.medconnect.proto.chart.v1.AllergyServiceGrpc;
import org.medconnect.proto.chart.v1.AllergySeverity;
import org.medconnect.proto.chart.v1.AllergyStatus;
import org.medconnect.proto.chart.v1.ListAllergiesRequest;
import org.medconnect.proto.chart.v1.ListAllergiesResponse;
import org.medconnect.proto.chart.v1.MarkAllergyEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.MarkAllergyEnteredInErrorResponse;
import org.medconnect.proto.chart.v1.RecordAllergyRequest;
import org.medconnect.proto.chart.v1.RecordAllergyResponse;
import org.medconnect.proto.chart.v1.RecordNoKnownAllergiesRequest;
import org.medconnect.proto.chart.v1.RecordNoKnownAllergiesResponse;
import org.medconnect.proto.chart.v1.UpdateAllergyRequest;
import org.medconnect.proto.chart.v1.UpdateAllergyResponse;
import org.medconnect.server.chart.allergy.AllergyModel.Allergy;
import org.medconnect.server.chart.allergy.AllergyModel.AllergyChange;
import org.medconnect.server.chart.allergy.AllergyModel.Category;
import org.medconnect.server.chart.allergy.AllergyModel.NewAllergy;
import org.medconnect.server.chart.allergy.AllergyModel.Review;
import org.medconnect.server.chart.allergy.AllergyModel.Severity;
import org.medconnect.server.chart.allergy.AllergyModel.Status;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link AllergyService}: proto in, one service call, proto out. */
public final class AllergyGrpcService extends AllergyServiceGrpc.AllergyServiceImplBase {

    private final AllergyService allergies;
    private final GrpcCalls calls;

    public AllergyGrpcService(AllergyService allergies, GrpcCalls calls) {
        this.allergies = allergies;
        this.calls = calls;
    }

    @Override
    public void recordAllergy(RecordAllergyRequest r, StreamObserver<RecordAllergyResponse> o) {
        calls.unary(o, () -> {
            var recorded = allergies.record(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()), new NewAllergy(
                    ProtoTypes.uuid(r.getPatientId(), "patient_id"),
                    r.getSubstanceCode().isBlank() ? Optional.empty() : Optional.of(r.getSubstanceCode().strip()), r.getSubstance(),
                    r.getCategory() == AllergyCategory.ALLERGY_CATEGORY_UNSPECIFIED ? Optional.empty() : Optional.of(category(r.getCategory())),
                    r.getReaction(), severity(r.getSeverity()),
                    r.getStatus() == AllergyStatus.ALLERGY_STATUS_UNSPECIFIED ? Status.ACTIVE : status(r.getStatus(), "status"),
                    onset(r.getOnsetDate())));
            return RecordAllergyResponse.newBuilder().setAllergy(toProto(recorded.allergy())).setReview(toProto(recorded.review())).build();
        });
    }

    @Override
    public void updateAllergy(UpdateAllergyRequest r, StreamObserver<UpdateAllergyResponse> o) {
        calls.unary(o, () -> {
            if (r.getCategory() == AllergyCategory.ALLERGY_CATEGORY_UNSPECIFIED) {
                throw DomainException.InvalidInput.of("category", "Choose a category.");
            }
            if (r.getStatus() == AllergyStatus.ALLERGY_STATUS_UNSPECIFIED) {
                throw DomainException.InvalidInput.of("status", "Choose a status.");
            }
            Allergy updated = allergies.update(CallContext.principal(), ProtoTypes.uuid(r.getAllergyId(), "allergy_id"), r.getExpectedVersion(),
                    new AllergyChange(category(r.getCategory()), r.getReaction(), severity(r.getSeverity()), status(r.getStatus(), "status"),
                            onset(r.getOnsetDate())));
            return UpdateAllergyResponse.newBuilder().setAllergy(toProto(updated)).build();
        });
    }

    @Override
    public void markAllergyEnteredInError(MarkAllergyEnteredInErrorRequest r, StreamObserver<MarkAllergyEnteredInErrorResponse> o) {
        calls.unary(o, () -> MarkAllergyEnteredInErrorResponse.newBuilder().setAllergy(toProto(allergies.markEnteredInError(
                CallContext.principal(), ProtoTypes.uuid(r.getAllergyId(), "allergy_id"), r.getExpectedVersion(), r.getReason()))).build());
    }

    @Override
    public void listAllergies(ListAllergiesRequest r, StreamObserver<ListAllergiesResponse> o) {
        calls.unary(o, () -> {
            var listing = allergies.list(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id"), r.getIncludeEnteredInError());
            return ListAllergiesResponse.newBuilder().addAllAllergies(listing.allergies().stream().map(AllergyGrpcService::toProto).toList())
                    .setReview(toProto(listing.review())).build();
        });
    }

    @Override
    public void recordNoKnownAllergies(RecordNoKnownAllergiesRequest r, StreamObserver<RecordNoKnownAllergiesResponse> o) {
        calls.unary(o, () -> RecordNoKnownAllergiesResponse.newBuilder().setReview(toProto(allergies.recordNoKnownAllergies(
                CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id")))).build());
    }

    private static Optional<LocalDate> onset(String raw) {
        return raw.isBlank() ? Optional.empty() : Optional.of(ProtoTypes.localDate(raw, "onset_date"));
    }

    static org.medconnect.proto.chart.v1.Allergy toProto(Allergy a) {
        return org.medconnect.proto.chart.v1.Allergy.newBuilder().setId(a.id().toString()).setPatientId(a.patientId().toString())
                .setSubstanceCode(a.substanceCode().orElse("")).setSubstance(a.substance())
                .setCategory(AllergyCategory.valueOf("ALLERGY_CATEGORY_" + a.category().name()))
                .setReaction(a.reaction().orElse("")).setSeverity(AllergySeverity.valueOf("ALLERGY_SEVERITY_" + a.severity().name()))
                .setStatus(AllergyStatus.valueOf("ALLERGY_STATUS_" + a.status().name()))
                .setOnsetDate(a.onset().map(LocalDate::toString).orElse("")).setErrorReason(a.errorReason().orElse(""))
                .setVersion(a.version()).setRecordedByName(a.recordedByName()).setRecordedAt(ProtoTypes.timestamp(a.recordedAt()))
                .setUpdatedByName(a.updatedByName()).setUpdatedAt(ProtoTypes.timestamp(a.updatedAt())).build();
    }

    static org.medconnect.proto.chart.v1.AllergyReview toProto(Review r) {
        var b = org.medconnect.proto.chart.v1.AllergyReview.newBuilder()
                .setState(AllergyReviewState.valueOf("ALLERGY_REVIEW_STATE_" + r.state().name())).setVersion(r.version())
                .setUpdatedByName(r.updatedByName().orElse(""));
        r.updatedAt().ifPresent(t -> b.setUpdatedAt(ProtoTypes.timestamp(t)));
        return b.build();
    }

    private static Category category(AllergyCategory c) {
        return switch (c) {
            case ALLERGY_CATEGORY_DRUG -> Category.DRUG;
            case ALLERGY_CATEGORY_DRUG_CLASS -> Category.DRUG_CLASS;
            case ALLERGY_CATEGORY_FOOD -> Category.FOOD;
            case ALLERGY_CATEGORY_ENVIRONMENT -> Category.ENVIRONMENT;
            case ALLERGY_CATEGORY_OTHER -> Category.OTHER;
            default -> throw DomainException.InvalidInput.of("category", "Choose a category.");
        };
    }

    private static Severity severity(AllergySeverity s) {
        return switch (s) {
            case ALLERGY_SEVERITY_MILD -> Severity.MILD;
            case ALLERGY_SEVERITY_MODERATE -> Severity.MODERATE;
            case ALLERGY_SEVERITY_SEVERE -> Severity.SEVERE;
            // Not said is not known: the chart shows "severity unknown" rather than guessing.
            default -> Severity.UNKNOWN;
        };
    }

    private static Status status(AllergyStatus s, String field) {
        return switch (s) {
            case ALLERGY_STATUS_ACTIVE -> Status.ACTIVE;
            case ALLERGY_STATUS_INACTIVE -> Status.INACTIVE;
            case ALLERGY_STATUS_RESOLVED -> Status.RESOLVED;
            case ALLERGY_STATUS_ENTERED_IN_ERROR -> Status.ENTERED_IN_ERROR;
            default -> throw DomainException.InvalidInput.of(field, "Choose a status.");
        };
    }
}
