package org.medconnect.server.patient;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.proto.patient.v1.AddConsentRecordRequest;
import org.medconnect.proto.patient.v1.AddConsentRecordResponse;
import org.medconnect.proto.patient.v1.AddEmergencyContactRequest;
import org.medconnect.proto.patient.v1.AddEmergencyContactResponse;
import org.medconnect.proto.patient.v1.AddInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.AddInsurancePolicyResponse;
import org.medconnect.proto.patient.v1.ConsentRecordInput;
import org.medconnect.proto.patient.v1.ConsentRecordKind;
import org.medconnect.proto.patient.v1.DemographicsBloodGroup;
import org.medconnect.proto.patient.v1.EmergencyContactInput;
import org.medconnect.proto.patient.v1.GetPatientDemographicsRequest;
import org.medconnect.proto.patient.v1.GetPatientDemographicsResponse;
import org.medconnect.proto.patient.v1.InsurancePolicyInput;
import org.medconnect.proto.patient.v1.MoveEmergencyContactRequest;
import org.medconnect.proto.patient.v1.MoveEmergencyContactResponse;
import org.medconnect.proto.patient.v1.PatientDemographics;
import org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc;
import org.medconnect.proto.patient.v1.RetireEmergencyContactRequest;
import org.medconnect.proto.patient.v1.RetireEmergencyContactResponse;
import org.medconnect.proto.patient.v1.RetireInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.RetireInsurancePolicyResponse;
import org.medconnect.proto.patient.v1.UpdateConsentRecordRequest;
import org.medconnect.proto.patient.v1.UpdateConsentRecordResponse;
import org.medconnect.proto.patient.v1.UpdateEmergencyContactRequest;
import org.medconnect.proto.patient.v1.UpdateEmergencyContactResponse;
import org.medconnect.proto.patient.v1.UpdateInsurancePolicyRequest;
import org.medconnect.proto.patient.v1.UpdateInsurancePolicyResponse;
import org.medconnect.proto.patient.v1.UpdatePatientProfileRequest;
import org.medconnect.proto.patient.v1.UpdatePatientProfileResponse;
import org.medconnect.server.patient.DemographicsModel.Consent;
import org.medconnect.server.patient.DemographicsModel.ConsentInput;
import org.medconnect.server.patient.DemographicsModel.Contact;
import org.medconnect.server.patient.DemographicsModel.ContactInput;
import org.medconnect.server.patient.DemographicsModel.Demographics;
import org.medconnect.server.patient.DemographicsModel.Policy;
import org.medconnect.server.patient.DemographicsModel.PolicyInput;
import org.medconnect.server.patient.DemographicsModel.ProfileInput;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;
import org.medconnect.shared.patient.DemographicsRules;

/** gRPC adapter for {@link DemographicsService}: proto in, domain call, proto out. */
public final class DemographicsGrpcService extends PatientDemographicsServiceGrpc.PatientDemographicsServiceImplBase {

    private final DemographicsService demographics;
    private final GrpcCalls calls;

    public DemographicsGrpcService(DemographicsService demographics, GrpcCalls calls) {
        this.demographics = demographics;
        this.calls = calls;
    }

    @Override
    public void getPatientDemographics(GetPatientDemographicsRequest r, StreamObserver<GetPatientDemographicsResponse> o) {
        calls.unary(o, () -> GetPatientDemographicsResponse.newBuilder().setDemographics(toProto(
                demographics.get(CallContext.principal(), patient(r.getPatientId())))).build());
    }

    @Override
    public void updatePatientProfile(UpdatePatientProfileRequest r, StreamObserver<UpdatePatientProfileResponse> o) {
        calls.unary(o, () -> UpdatePatientProfileResponse.newBuilder().setDemographics(toProto(demographics.updateProfile(
                CallContext.principal(), patient(r.getPatientId()), r.getExpectedVersion(),
                new ProfileInput(bloodGroup(r.getBloodGroup()), r.getPreferredLanguage())))).build());
    }

    @Override
    public void addEmergencyContact(AddEmergencyContactRequest r, StreamObserver<AddEmergencyContactResponse> o) {
        calls.unary(o, () -> {
            var added = demographics.addContact(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    patient(r.getPatientId()), fromProto(r.getContact()));
            return AddEmergencyContactResponse.newBuilder().setDemographics(toProto(added.demographics()))
                    .setContactId(added.id().toString()).build();
        });
    }

    @Override
    public void updateEmergencyContact(UpdateEmergencyContactRequest r, StreamObserver<UpdateEmergencyContactResponse> o) {
        calls.unary(o, () -> UpdateEmergencyContactResponse.newBuilder().setDemographics(toProto(demographics.updateContact(
                CallContext.principal(), ProtoTypes.uuid(r.getContactId(), "contact_id"), r.getExpectedVersion(),
                fromProto(r.getContact())))).build());
    }

    @Override
    public void retireEmergencyContact(RetireEmergencyContactRequest r, StreamObserver<RetireEmergencyContactResponse> o) {
        calls.unary(o, () -> RetireEmergencyContactResponse.newBuilder().setDemographics(toProto(demographics.retireContact(
                CallContext.principal(), ProtoTypes.uuid(r.getContactId(), "contact_id"), r.getExpectedVersion()))).build());
    }

    @Override
    public void moveEmergencyContact(MoveEmergencyContactRequest r, StreamObserver<MoveEmergencyContactResponse> o) {
        calls.unary(o, () -> MoveEmergencyContactResponse.newBuilder().setDemographics(toProto(demographics.moveContact(
                CallContext.principal(), ProtoTypes.uuid(r.getContactId(), "contact_id"), r.getExpectedVersion(), r.getUp())))
                .build());
    }

    @Override
    public void addInsurancePolicy(AddInsurancePolicyRequest r, StreamObserver<AddInsurancePolicyResponse> o) {
        calls.unary(o, () -> {
            var added = demographics.addPolicy(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    patient(r.getPatientId()), fromProto(r.getPolicy()));
            return AddInsurancePolicyResponse.newBuilder().setDemographics(toProto(added.demographics()))
                    .setPolicyId(added.id().toString()).build();
        });
    }

    @Override
    public void updateInsurancePolicy(UpdateInsurancePolicyRequest r, StreamObserver<UpdateInsurancePolicyResponse> o) {
        calls.unary(o, () -> UpdateInsurancePolicyResponse.newBuilder().setDemographics(toProto(demographics.updatePolicy(
                CallContext.principal(), ProtoTypes.uuid(r.getPolicyId(), "policy_id"), r.getExpectedVersion(),
                fromProto(r.getPolicy())))).build());
    }

    @Override
    public void retireInsurancePolicy(RetireInsurancePolicyRequest r, StreamObserver<RetireInsurancePolicyResponse> o) {
        calls.unary(o, () -> RetireInsurancePolicyResponse.newBuilder().setDemographics(toProto(demographics.retirePolicy(
                CallContext.principal(), ProtoTypes.uuid(r.getPolicyId(), "policy_id"), r.getExpectedVersion()))).build());
    }

    @Override
    public void addConsentRecord(AddConsentRecordRequest r, StreamObserver<AddConsentRecordResponse> o) {
        calls.unary(o, () -> {
            var added = demographics.addConsent(CallContext.principal(), ProtoTypes.requestId(r.getRequestId()),
                    patient(r.getPatientId()), fromProto(r.getConsent()));
            return AddConsentRecordResponse.newBuilder().setDemographics(toProto(added.demographics()))
                    .setConsentId(added.id().toString()).build();
        });
    }

    @Override
    public void updateConsentRecord(UpdateConsentRecordRequest r, StreamObserver<UpdateConsentRecordResponse> o) {
        calls.unary(o, () -> UpdateConsentRecordResponse.newBuilder().setDemographics(toProto(demographics.updateConsent(
                CallContext.principal(), ProtoTypes.uuid(r.getConsentId(), "consent_id"), r.getExpectedVersion(),
                fromProto(r.getConsent())))).build());
    }

    private static UUID patient(String raw) {
        return ProtoTypes.uuid(raw, "patient_id");
    }

    private static ContactInput fromProto(EmergencyContactInput c) {
        return new ContactInput(c.getName(), c.getRelationship(), c.getPhone(), c.getEmail());
    }

    private static PolicyInput fromProto(InsurancePolicyInput p) {
        return new PolicyInput(p.getInsurer(), p.getPolicyNumber(), p.getMemberName(), p.getCoverageStart(), p.getCoverageEnd());
    }

    private static ConsentInput fromProto(ConsentRecordInput c) {
        return new ConsentInput(kind(c.getKind()), c.getGivenOn(), c.getWithdrawnOn(), c.getDocumentId(), c.getNote());
    }

    /** Empty for UNSPECIFIED or an unknown number. */
    static Optional<String> kind(ConsentRecordKind kind) {
        return switch (kind) {
            case CONSENT_RECORD_KIND_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
            default -> Optional.of(kind.name().substring("CONSENT_RECORD_KIND_".length()));
        };
    }

    /** "A+" for A_POSITIVE; empty for UNSPECIFIED. */
    static String bloodGroup(DemographicsBloodGroup group) {
        return switch (group) {
            case DEMOGRAPHICS_BLOOD_GROUP_UNSPECIFIED, UNRECOGNIZED -> "";
            default -> {
                String name = group.name().substring("DEMOGRAPHICS_BLOOD_GROUP_".length());
                yield name.substring(0, name.indexOf('_')) + (name.endsWith("POSITIVE") ? "+" : "-");
            }
        };
    }

    static DemographicsBloodGroup bloodGroup(String group) {
        for (DemographicsBloodGroup g : DemographicsBloodGroup.values()) {
            if (g != DemographicsBloodGroup.UNRECOGNIZED && bloodGroup(g).equals(group)) {
                return g;
            }
        }
        return DemographicsBloodGroup.DEMOGRAPHICS_BLOOD_GROUP_UNSPECIFIED;
    }

    static PatientDemographics toProto(Demographics d) {
        var b = PatientDemographics.newBuilder()
                .setPatientId(d.patientId().toString())
                .setBloodGroup(bloodGroup(d.bloodGroup().orElse("")))
                .setPreferredLanguage(d.preferredLanguage().orElse(""))
                .setProfileVersion(d.profileVersion());
        d.contacts().forEach(c -> b.addContacts(toProto(c)));
        d.policies().forEach(p -> b.addPolicies(toProto(p, d.today())));
        d.consents().forEach(c -> b.addConsents(toProto(c)));
        return b.build();
    }

    private static org.medconnect.proto.patient.v1.EmergencyContact toProto(Contact c) {
        return org.medconnect.proto.patient.v1.EmergencyContact.newBuilder()
                .setContactId(c.id().toString()).setName(c.name()).setRelationship(c.relationship()).setPhone(c.phone())
                .setEmail(c.email().orElse("")).setPriority(c.priority()).setActive(c.active()).setVersion(c.version())
                .setUpdatedByName(c.updatedByName()).setUpdatedAt(ProtoTypes.timestamp(c.updatedAt())).build();
    }

    private static org.medconnect.proto.patient.v1.InsurancePolicy toProto(Policy p, LocalDate today) {
        return org.medconnect.proto.patient.v1.InsurancePolicy.newBuilder()
                .setPolicyId(p.id().toString()).setInsurer(p.insurer()).setPolicyNumber(p.policyNumber())
                .setMemberName(p.memberName().orElse("")).setCoverageStart(p.start().toString())
                .setCoverageEnd(p.end().map(LocalDate::toString).orElse(""))
                .setInForce(p.active() && DemographicsRules.inForce(p.start(), p.end(), today))
                .setActive(p.active()).setVersion(p.version()).setUpdatedByName(p.updatedByName())
                .setUpdatedAt(ProtoTypes.timestamp(p.updatedAt())).build();
    }

    private static org.medconnect.proto.patient.v1.ConsentRecord toProto(Consent c) {
        return org.medconnect.proto.patient.v1.ConsentRecord.newBuilder()
                .setConsentId(c.id().toString()).setKind(ConsentRecordKind.valueOf("CONSENT_RECORD_KIND_" + c.kind()))
                .setGivenOn(c.givenOn().toString()).setWithdrawnOn(c.withdrawnOn().map(LocalDate::toString).orElse(""))
                .setDocumentId(c.documentId().map(UUID::toString).orElse("")).setNote(c.note().orElse(""))
                .setVersion(c.version()).setUpdatedByName(c.updatedByName()).setUpdatedAt(ProtoTypes.timestamp(c.updatedAt()))
                .build();
    }
}
