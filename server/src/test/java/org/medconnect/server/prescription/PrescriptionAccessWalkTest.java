package org.medconnect.server.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.prescription.PrescriptionClinic.amoxicillin;

import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.prescription.v1.CancelPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CancelRefillRequestRequest;
import org.medconnect.proto.prescription.v1.CheckPrescriptionRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestRequest;
import org.medconnect.proto.prescription.v1.DispenseSource;
import org.medconnect.proto.prescription.v1.GetAdherenceRequest;
import org.medconnect.proto.prescription.v1.GetPrescriptionRequest;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc.PrescriptionServiceBlockingStub;
import org.medconnect.proto.prescription.v1.RecordDispenseRequest;
import org.medconnect.proto.prescription.v1.RecordRefillRequestRequest;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillServiceGrpc.RefillServiceBlockingStub;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.proto.prescription.v1.UpdatePrescriptionDraftRequest;
import org.medconnect.server.testing.Calls;

/**
 * The access walk: every prescription and refill RPC as a receptionist, an admin, a nurse and a
 * doctor who never saw the patient. Each is refused (PERMISSION_DENIED) except what the role may do,
 * and nothing changes.
 */
class PrescriptionAccessWalkTest {

    PrescriptionClinic clinic;
    Prescription draft;
    Prescription signed;
    RefillRequest refill;

    @BeforeEach
    void start() throws Exception {
        clinic = new PrescriptionClinic();
        clinic.noKnownAllergies();
        var okafor = clinic.prescriptions("okafor");
        draft = okafor.createPrescription(create().build()).getPrescription();
        Prescription toSign = okafor.createPrescription(create().build()).getPrescription();
        signed = okafor.signPrescription(SignPrescriptionRequest.newBuilder().setPrescriptionId(toSign.getPrescriptionId())
                .setExpectedVersion(1).build()).getPrescription();
        refill = clinic.refills("maria").recordRefillRequest(RecordRefillRequestRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).setDoctorId(clinic.okafor.userId().toString()).setNote("Again please").build())
                .getRefillRequest();
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    CreatePrescriptionRequest.Builder create() {
        return CreatePrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(clinic.patient.toString())
                .addLines(amoxicillin());
    }

    Map<String, Consumer<PrescriptionServiceBlockingStub>> prescriptionCalls() {
        String patient = clinic.patient.toString();
        Map<String, Consumer<PrescriptionServiceBlockingStub>> calls = new LinkedHashMap<>();
        calls.put("CheckPrescription", s -> s.checkPrescription(CheckPrescriptionRequest.newBuilder().setPatientId(patient).addLines(amoxicillin()).build()));
        calls.put("CreatePrescription", s -> s.createPrescription(create().build()));
        calls.put("UpdatePrescriptionDraft", s -> s.updatePrescriptionDraft(UpdatePrescriptionDraftRequest.newBuilder()
                .setPrescriptionId(draft.getPrescriptionId()).setExpectedVersion(1).build()));
        calls.put("SignPrescription", s -> s.signPrescription(SignPrescriptionRequest.newBuilder().setPrescriptionId(draft.getPrescriptionId())
                .setExpectedVersion(1).build()));
        calls.put("CancelPrescription", s -> s.cancelPrescription(CancelPrescriptionRequest.newBuilder()
                .setPrescriptionId(signed.getPrescriptionId()).setExpectedVersion(signed.getVersion()).setReason("No").build()));
        calls.put("GetPrescription", s -> s.getPrescription(GetPrescriptionRequest.newBuilder().setPrescriptionId(signed.getPrescriptionId()).build()));
        calls.put("ListPrescriptions", s -> s.listPrescriptions(ListPrescriptionsRequest.newBuilder().setPatientId(patient).build()));
        calls.put("RenewPrescription", s -> s.renewPrescription(RenewPrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPrescriptionId(signed.getPrescriptionId()).build()));
        calls.put("RecordDispense", s -> s.recordDispense(RecordDispenseRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPrescriptionId(signed.getPrescriptionId()).setLineId(signed.getLines(0).getLineId()).setDispensedOn("2026-11-24")
                .setQuantity("1").setSource(DispenseSource.DISPENSE_SOURCE_PHARMACY).build()));
        calls.put("GetAdherence", s -> s.getAdherence(GetAdherenceRequest.newBuilder().setPatientId(patient).build()));
        return calls;
    }

    Map<String, Consumer<RefillServiceBlockingStub>> refillCalls() {
        Map<String, Consumer<RefillServiceBlockingStub>> calls = new LinkedHashMap<>();
        calls.put("RecordRefillRequest", s -> s.recordRefillRequest(RecordRefillRequestRequest.newBuilder()
                .setPatientId(clinic.patient.toString()).setDoctorId(clinic.okafor.userId().toString()).setNote("Again").build()));
        calls.put("ListRefillRequests", s -> s.listRefillRequests(ListRefillRequestsRequest.getDefaultInstance()));
        calls.put("DeclineRefillRequest", s -> s.declineRefillRequest(DeclineRefillRequestRequest.newBuilder()
                .setRefillRequestId(refill.getRefillRequestId()).setExpectedVersion(1).setReason("No").build()));
        calls.put("CancelRefillRequest", s -> s.cancelRefillRequest(CancelRefillRequestRequest.newBuilder()
                .setRefillRequestId(refill.getRefillRequestId()).setExpectedVersion(1).build()));
        return calls;
    }

    /** What each role may call among the refill RPCs; every prescription RPC is the patient's own doctors' only. */
    static boolean refillAllowed(String username, String rpc) {
        return switch (username) {
            case "maria" -> !rpc.equals("DeclineRefillRequest");
            case "sharma" -> rpc.equals("ListRefillRequests");
            default -> false;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria", "adam", "nina", "sharma"})
    void everyPrescriptionRpcIsRefusedToAnyoneButThePatientsDoctors(String username) {
        PrescriptionServiceBlockingStub stub = clinic.prescriptions(username);
        int before = clinic.count("select count(*) from prescription");

        prescriptionCalls().forEach((rpc, call) -> {
            Throwable t = catchThrowable(() -> call.accept(stub));
            assertThat(t).as(rpc + " as " + username).isNotNull();
            assertThat(Calls.code(t)).as(rpc + " as " + username).isEqualTo(Status.Code.PERMISSION_DENIED);
        });
        assertThat(clinic.count("select count(*) from prescription")).isEqualTo(before);
        assertThat(clinic.count("select count(*) from prescription_dispense")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"okafor", "adam", "nina", "sharma", "maria"})
    void refillRpcsAreRefusedExceptWhatTheRoleMayDo(String username) {
        RefillServiceBlockingStub stub = clinic.refills(username);

        refillCalls().forEach((rpc, call) -> {
            if (refillAllowed(username, rpc) || username.equals("okafor") && !rpc.equals("RecordRefillRequest") && !rpc.equals("CancelRefillRequest")) {
                return;
            }
            Throwable t = catchThrowable(() -> call.accept(stub));
            assertThat(t).as(rpc + " as " + username).isNotNull();
            assertThat(Calls.code(t)).as(rpc + " as " + username).isEqualTo(Status.Code.PERMISSION_DENIED);
        });
        assertThat(clinic.count("select count(*) from refill_request where status = 'PENDING'")).isEqualTo(1);
    }
}
