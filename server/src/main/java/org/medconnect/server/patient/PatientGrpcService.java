package org.medconnect.server.patient;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.medconnect.proto.patient.v1.FindLikelyDuplicatesRequest;
import org.medconnect.proto.patient.v1.FindLikelyDuplicatesResponse;
import org.medconnect.proto.patient.v1.GetPatientRequest;
import org.medconnect.proto.patient.v1.GetPatientResponse;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.PatientSummary;
import org.medconnect.proto.patient.v1.RegisterPatientRequest;
import org.medconnect.proto.patient.v1.RegisterPatientResponse;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;
import org.medconnect.proto.patient.v1.SearchPatientsResponse;
import org.medconnect.proto.patient.v1.UpdatePatientRequest;
import org.medconnect.proto.patient.v1.UpdatePatientResponse;
import org.medconnect.server.patient.PatientModel.NewPatient;
import org.medconnect.server.patient.PatientModel.Patient;
import org.medconnect.server.patient.PatientModel.PatientChanges;
import org.medconnect.server.patient.PatientModel.SearchQuery;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.Paging;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.shared.patient.PatientDetails;
import org.medconnect.shared.patient.Sex;

/** gRPC adapter for {@link PatientService}: proto in, domain call, proto out. */
public final class PatientGrpcService extends PatientServiceGrpc.PatientServiceImplBase {

    private final PatientService patients;
    private final GrpcCalls calls;

    public PatientGrpcService(PatientService patients, GrpcCalls calls) {
        this.patients = patients;
        this.calls = calls;
    }

    @Override
    public void registerPatient(RegisterPatientRequest r, StreamObserver<RegisterPatientResponse> observer) {
        calls.unary(observer, () -> RegisterPatientResponse.newBuilder().setPatient(toProto(patients.register(
                CallContext.principal(), new NewPatient(ProtoTypes.requestId(r.getRequestId()), fromProto(r.getDetails()),
                        r.getRegisterDespiteDuplicates())))).build());
    }

    @Override
    public void findLikelyDuplicates(FindLikelyDuplicatesRequest r, StreamObserver<FindLikelyDuplicatesResponse> observer) {
        calls.unary(observer, () -> {
            var response = FindLikelyDuplicatesResponse.newBuilder();
            patients.findLikelyDuplicates(fromProto(r.getDetails())).forEach(d -> response.addDuplicates(
                    org.medconnect.proto.patient.v1.LikelyDuplicate.newBuilder().setPatient(toProto(d.patient())).setWhy(d.why())));
            return response.build();
        });
    }

    @Override
    public void getPatient(GetPatientRequest r, StreamObserver<GetPatientResponse> observer) {
        calls.unary(observer, () -> GetPatientResponse.newBuilder()
                .setPatient(toProto(patients.get(CallContext.principal(), ProtoTypes.uuid(r.getPatientId(), "patient_id")))).build());
    }

    @Override
    public void searchPatients(SearchPatientsRequest r, StreamObserver<SearchPatientsResponse> observer) {
        calls.unary(observer, () -> {
            int size = Paging.size(r.getPage());
            int offset = Paging.offset(r.getPage());
            var page = patients.search(new SearchQuery(r.getQuery(), size, offset));
            var response = SearchPatientsResponse.newBuilder();
            page.items().forEach(p -> response.addPatients(toProto(p)));
            response.setPage(Paging.response(offset, page.items().size(), page.total(), page.hasMore()));
            return response.build();
        });
    }

    @Override
    public void updatePatient(UpdatePatientRequest r, StreamObserver<UpdatePatientResponse> observer) {
        calls.unary(observer, () -> UpdatePatientResponse.newBuilder().setPatient(toProto(patients.update(CallContext.principal(),
                new PatientChanges(ProtoTypes.uuid(r.getPatientId(), "patient_id"), fromProto(r.getDetails()))))).build());
    }


    static PatientDetails fromProto(org.medconnect.proto.patient.v1.PatientDetails d) {
        return new PatientDetails(d.getGivenName(), d.getFamilyName(), d.getDateOfBirth(), fromProto(d.getSex()),
                d.getPhone(), d.getEmail(), d.getAddress());
    }

    /** Empty for SEX_UNSPECIFIED or a number this server does not know. */
    static Optional<Sex> fromProto(org.medconnect.proto.patient.v1.Sex sex) {
        return switch (sex) {
            case SEX_FEMALE -> Optional.of(Sex.FEMALE);
            case SEX_MALE -> Optional.of(Sex.MALE);
            case SEX_OTHER -> Optional.of(Sex.OTHER);
            case SEX_UNKNOWN -> Optional.of(Sex.UNKNOWN);
            default -> Optional.empty();
        };
    }

    static org.medconnect.proto.patient.v1.Sex toProto(Sex sex) {
        return switch (sex) {
            case FEMALE -> org.medconnect.proto.patient.v1.Sex.SEX_FEMALE;
            case MALE -> org.medconnect.proto.patient.v1.Sex.SEX_MALE;
            case OTHER -> org.medconnect.proto.patient.v1.Sex.SEX_OTHER;
            case UNKNOWN -> org.medconnect.proto.patient.v1.Sex.SEX_UNKNOWN;
        };
    }

    public static org.medconnect.proto.patient.v1.Patient toProto(Patient p) {
        return org.medconnect.proto.patient.v1.Patient.newBuilder()
                .setPatientId(p.id().toString())
                .setMrn(p.mrn())
                .setGivenName(p.givenName())
                .setFamilyName(p.familyName())
                .setDateOfBirth(p.dateOfBirth().toString())
                .setSex(toProto(p.sex()))
                .setPhone(p.phone().orElse(""))
                .setEmail(p.email().orElse(""))
                .setAddress(p.address().orElse(""))
                .setCreatedAt(ProtoTypes.timestamp(p.createdAt()))
                .build();
    }

    /** The few facts shown next to an appointment; for features that list patients with something else. */
    public static PatientSummary toSummary(Patient p) {
        return PatientSummary.newBuilder()
                .setPatientId(p.id().toString())
                .setMrn(p.mrn())
                .setDisplayName(p.displayName())
                .setDateOfBirth(p.dateOfBirth().toString())
                .setPhone(p.phone().orElse(""))
                .build();
    }
}
