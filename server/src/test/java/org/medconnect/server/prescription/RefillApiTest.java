package org.medconnect.server.prescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.medconnect.server.prescription.PrescriptionClinic.amoxicillin;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.prescription.v1.CancelRefillRequestRequest;
import org.medconnect.proto.prescription.v1.CreatePrescriptionRequest;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.RecordRefillRequestRequest;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.prescription.v1.RefillServiceGrpc.RefillServiceBlockingStub;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.SignPrescriptionRequest;
import org.medconnect.server.chart.problem.ChartListsClinic;
import org.medconnect.server.testing.Calls;

/** Refill requests over gRPC: reception records, the doctor renews or declines, reception is told, and never sees a drug. */
class RefillApiTest {

    PrescriptionClinic clinic;
    RefillServiceBlockingStub maria;

    @BeforeEach
    void start() throws Exception {
        clinic = new PrescriptionClinic();
        maria = clinic.refills("maria");
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    RefillRequest record(String note) {
        return maria.recordRefillRequest(RecordRefillRequestRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).setDoctorId(clinic.okafor.userId().toString()).setNote(note).build()).getRefillRequest();
    }

    List<String> inbox(UUID user, String kind) {
        return clinic.dsl.resultQuery("select title || ' | ' || body from notification where recipient_user_id = ? and kind = ?", user, kind)
                .fetch(0, String.class);
    }

    Prescription signedAmoxicillin() {
        clinic.noKnownAllergies();
        var okafor = clinic.prescriptions("okafor");
        Prescription draft = okafor.createPrescription(CreatePrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).addLines(amoxicillin()).build()).getPrescription();
        return okafor.signPrescription(SignPrescriptionRequest.newBuilder().setPrescriptionId(draft.getPrescriptionId())
                .setExpectedVersion(draft.getVersion()).build()).getPrescription();
    }

    @Test
    void receptionRecordsARequestAndTheAddressedDoctorSeesItAndIsTold() {
        RefillRequest r = record("Asks for her usual antibiotic again");

        List<RefillRequest> okafors = clinic.refills("okafor").listRefillRequests(ListRefillRequestsRequest.getDefaultInstance())
                .getRefillRequestsList();
        List<RefillRequest> lindqvists = clinic.refills("lindqvist").listRefillRequests(ListRefillRequestsRequest.getDefaultInstance())
                .getRefillRequestsList();

        assertThat(r.getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING);
        assertThat(r.getPatientName()).isEqualTo("Ana Souza");
        assertThat(r.getRequestedByName()).isEqualTo("Maria Lopez");
        assertThat(okafors).extracting(RefillRequest::getRefillRequestId).containsExactly(r.getRefillRequestId());
        assertThat(lindqvists).isEmpty();
        assertThat(inbox(clinic.okafor.userId(), "REFILL_REQUEST"))
                .containsExactly("Refill request: Ana Souza | Maria Lopez recorded a refill request from Ana Souza.");
    }

    @Test
    void renewingForARequestAndSigningApprovesItAndTellsReceptionWithoutADrugName() {
        Prescription original = signedAmoxicillin();
        RefillRequest r = record("Needs more of her tablets");
        var okafor = clinic.prescriptions("okafor");

        Prescription renewal = okafor.renewPrescription(RenewPrescriptionRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPrescriptionId(original.getPrescriptionId()).setRefillRequestId(r.getRefillRequestId()).build()).getPrescription();
        okafor.signPrescription(SignPrescriptionRequest.newBuilder().setPrescriptionId(renewal.getPrescriptionId())
                .setExpectedVersion(renewal.getVersion()).build());

        var all = maria.listRefillRequests(ListRefillRequestsRequest.newBuilder()
                .addAllStatuses(List.of(RefillRequestStatus.values()).subList(1, 5)).build());
        RefillRequest approved = all.getRefillRequests(0);
        assertThat(approved.getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED);
        assertThat(approved.getRenewalId()).isEqualTo(renewal.getPrescriptionId());
        assertThat(approved.getDecidedByName()).isEqualTo("Dr Amara Okafor");
        assertThat(all.toString()).doesNotContainIgnoringCase("amoxicillin").doesNotContain("capsule");
        assertThat(inbox(clinic.maria.userId(), "REFILL_DECIDED"))
                .containsExactly("Refill approved: Ana Souza | Dr Amara Okafor approved the refill request of Ana Souza.");
        assertThat(String.join(" ", inbox(clinic.maria.userId(), "REFILL_DECIDED"))).doesNotContainIgnoringCase("amoxicillin");
    }

    @Test
    void theAddressedDoctorDeclinesWithAReasonAndReceptionIsTold() {
        RefillRequest r = record("Wants the cream again");

        RefillRequest declined = clinic.refills("okafor").declineRefillRequest(DeclineRefillRequestRequest.newBuilder()
                .setRefillRequestId(r.getRefillRequestId()).setExpectedVersion(r.getVersion()).setReason("Needs a review visit first").build())
                .getRefillRequest();

        assertThat(declined.getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED);
        assertThat(declined.getDeclineReason()).isEqualTo("Needs a review visit first");
        assertThat(inbox(clinic.maria.userId(), "REFILL_DECIDED")).hasSize(1).allMatch(s -> s.startsWith("Refill declined: Ana Souza"));
    }

    @Test
    void anotherDoctorCannotDeclineAndADeclineNeedsAReason() {
        RefillRequest r = record("Wants the cream again");

        Throwable other = catchThrowable(() -> clinic.refills("lindqvist").declineRefillRequest(DeclineRefillRequestRequest.newBuilder()
                .setRefillRequestId(r.getRefillRequestId()).setExpectedVersion(1).setReason("No").build()));
        Throwable empty = catchThrowable(() -> clinic.refills("okafor").declineRefillRequest(DeclineRefillRequestRequest.newBuilder()
                .setRefillRequestId(r.getRefillRequestId()).setExpectedVersion(1).setReason(" ").build()));

        assertThat(Calls.code(other)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(Calls.badFields(empty)).containsExactly("reason");
    }

    @Test
    void twentyConcurrentDeclinesLetOneWin() throws Exception {
        RefillRequest r = record("Wants the cream again");
        RefillServiceBlockingStub okafor = clinic.refills("okafor");

        List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> okafor.declineRefillRequest(DeclineRefillRequestRequest.newBuilder()
                .setRefillRequestId(r.getRefillRequestId()).setExpectedVersion(1).setReason("Needs a visit").build()));

        assertThat(codes).isSubsetOf(Status.Code.OK, Status.Code.ABORTED, Status.Code.FAILED_PRECONDITION);
        assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
        assertThat(inbox(clinic.maria.userId(), "REFILL_DECIDED")).hasSize(1);
    }

    @Test
    void receptionWithdrawsAPendingRequestOnly() {
        RefillRequest r = record("Wants the cream again");

        RefillRequest cancelled = maria.cancelRefillRequest(CancelRefillRequestRequest.newBuilder().setRefillRequestId(r.getRefillRequestId())
                .setExpectedVersion(1).build()).getRefillRequest();
        Throwable again = catchThrowable(() -> maria.cancelRefillRequest(CancelRefillRequestRequest.newBuilder()
                .setRefillRequestId(r.getRefillRequestId()).setExpectedVersion(cancelled.getVersion()).build()));

        assertThat(cancelled.getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_CANCELLED);
        assertThat(Calls.code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void aRetryWithTheSameRequestIdRecordsOnce() {
        var request = RecordRefillRequestRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).setDoctorId(clinic.okafor.userId().toString()).setNote("Again").build();

        String first = maria.recordRefillRequest(request).getRefillRequest().getRefillRequestId();
        String second = maria.recordRefillRequest(request).getRefillRequest().getRefillRequestId();

        assertThat(second).isEqualTo(first);
        assertThat(inbox(clinic.okafor.userId(), "REFILL_REQUEST")).hasSize(1);
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        var ok = RecordRefillRequestRequest.newBuilder().setPatientId(clinic.patient.toString())
                .setDoctorId(clinic.okafor.userId().toString()).setNote("Again");

        Throwable note = catchThrowable(() -> maria.recordRefillRequest(ok.clone().setNote("").build()));
        Throwable longNote = catchThrowable(() -> maria.recordRefillRequest(ok.clone().setNote("x".repeat(501)).build()));
        Throwable notADoctor = catchThrowable(() -> maria.recordRefillRequest(ok.clone().setDoctorId(clinic.maria.userId().toString()).build()));
        Throwable badId = catchThrowable(() -> maria.recordRefillRequest(ok.clone().setPatientId("nope").build()));
        Throwable status = catchThrowable(() -> maria.listRefillRequests(ListRefillRequestsRequest.newBuilder().addStatusesValue(99).build()));

        assertThat(Calls.badFields(note)).containsExactly("note");
        assertThat(Calls.badFields(longNote)).containsExactly("note");
        assertThat(Calls.badFields(notADoctor)).containsExactly("doctor_id");
        assertThat(Calls.badFields(badId)).containsExactly("patient_id");
        assertThat(Calls.code(status)).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}
