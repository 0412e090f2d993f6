package org.medconnect.desktop.prescription.refill;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestRequest;
import org.medconnect.proto.prescription.v1.DeclineRefillRequestResponse;
import org.medconnect.proto.prescription.v1.ListPrescriptionsRequest;
import org.medconnect.proto.prescription.v1.ListPrescriptionsResponse;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsResponse;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.PrescriptionSummary;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.prescription.v1.RenewPrescriptionRequest;
import org.medconnect.proto.prescription.v1.RenewPrescriptionResponse;

class RefillInboxViewModelTest {

    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());
    final FakeServer server = new FakeServer();
    final List<String> opened = new ArrayList<>();
    final RefillInboxViewModel model = new RefillInboxViewModel(server, calls, ZoneOffset.UTC,
            (patientId, name, page) -> opened.add(patientId + " " + name + " " + page));

    static RefillRequest pending(String id, long askedAt) {
        return RefillRequest.newBuilder().setRefillRequestId(id).setPatientId("p-" + id).setPatientName("Ana Souza")
                .setPatientMrn("MC1000017").setNote("the blood pressure tablets").setRequestedByName("Rita Reception")
                .setStatus(RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING).setRequestedAt(Timestamp.newBuilder().setSeconds(askedAt))
                .setVersion(3).build();
    }

    static PrescriptionSummary prescription(String id, PrescriptionStatus status, long signedAt, String drugs) {
        PrescriptionSummary.Builder p = PrescriptionSummary.newBuilder().setPrescriptionId(id).setStatus(status).setDrugs(drugs)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(signedAt - 60));
        if (signedAt > 0) {
            p.setSignedAt(Timestamp.newBuilder().setSeconds(signedAt));
        }
        return p.build();
    }

    static final class FakeServer implements RefillInboxViewModel.Server {
        final List<RefillRequest> pending = new ArrayList<>();
        final List<PrescriptionSummary> prescriptions = new ArrayList<>();
        final List<DeclineRefillRequestRequest> declined = new ArrayList<>();
        final List<ListPrescriptionsRequest> prescriptionLists = new ArrayList<>();
        final List<RenewPrescriptionRequest> renewed = new ArrayList<>();
        RuntimeException declineFails;

        @Override public ListRefillRequestsResponse list(ListRefillRequestsRequest r) {
            return ListRefillRequestsResponse.newBuilder().addAllRefillRequests(pending).build();
        }

        @Override public DeclineRefillRequestResponse decline(DeclineRefillRequestRequest r) {
            declined.add(r);
            if (declineFails != null) {
                throw declineFails;
            }
            pending.removeIf(p -> p.getRefillRequestId().equals(r.getRefillRequestId()));
            return DeclineRefillRequestResponse.getDefaultInstance();
        }

        @Override public ListPrescriptionsResponse prescriptions(ListPrescriptionsRequest r) {
            prescriptionLists.add(r);
            return ListPrescriptionsResponse.newBuilder().addAllPrescriptions(prescriptions).build();
        }

        @Override public RenewPrescriptionResponse renew(RenewPrescriptionRequest r) {
            renewed.add(r);
            return RenewPrescriptionResponse.newBuilder().setPrescription(Prescription.newBuilder().setPrescriptionId("renewal-1")
                    .setStatus(PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT).setRenewalOf(r.getPrescriptionId())).build();
        }
    }

    @Test
    void listsTheDoctorsPendingRequestsOldestFirstAndCountsThemForTheNavigation() {
        server.pending.add(pending("late", 900));
        server.pending.add(pending("early", 100));

        model.reload();

        assertThat(model.requests()).extracting(RefillRow::id).containsExactly("early", "late");
        assertThat(model.countProperty().get()).isEqualTo(2);
        assertThat(model.requests().getFirst().asked()).isEqualTo(
                org.medconnect.desktop.platform.ClinicDates.format(java.time.LocalDate.of(1970, 1, 1)) + " 00:01");
    }

    @Nested
    class Declining {

        @Test
        void needsAReasonAndSendsNothingWithoutOne() {
            server.pending.add(pending("a", 100));
            model.reload();
            model.reasonProperty().set("  ");

            assertThat(model.decline(model.requests().getFirst())).isFalse();

            assertThat(model.messageProperty().get()).startsWith("Say why you decline");
            assertThat(server.declined).isEmpty();
        }

        @Test
        void sendsTheReasonAndTheVersionReadThenTheRequestLeavesTheListAndTheCount() {
            server.pending.add(pending("a", 100));
            server.pending.add(pending("b", 200));
            model.reload();
            model.reasonProperty().set(" Needs a review visit first ");

            model.decline(model.requests().getFirst());

            DeclineRefillRequestRequest sent = server.declined.getFirst();
            assertThat(sent.getRefillRequestId()).isEqualTo("a");
            assertThat(sent.getExpectedVersion()).isEqualTo(3);
            assertThat(sent.getReason()).isEqualTo("Needs a review visit first");
            assertThat(model.requests()).extracting(RefillRow::id).containsExactly("b");
            assertThat(model.countProperty().get()).isEqualTo(1);
            assertThat(model.reasonProperty().get()).isEmpty();
        }

        @Test
        void aRequestWithdrawnMeanwhileShowsTheServersWordsAndTheListAsItIsNow() {
            server.pending.add(pending("a", 100));
            model.reload();
            server.pending.clear();
            server.declineFails = Status.ABORTED.withDescription("Changed by Rita Reception at 10:42; reload to see it.").asRuntimeException();
            model.reasonProperty().set("Needs a visit");

            model.decline(model.requests().getFirst());

            assertThat(model.messageProperty().get()).contains("Changed by Rita Reception");
            assertThat(model.requests()).isEmpty();
        }
    }

    @Nested
    class Renewing {

        @Test
        void offersOnlySignedDispensedOrExpiredPrescriptionsNewestFirst() {
            server.pending.add(pending("a", 100));
            server.prescriptions.add(prescription("old", PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED, 1_000, "Lisinopril 10 mg tablet"));
            server.prescriptions.add(prescription("draft", PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, 0, "Amlodipine 5 mg tablet"));
            server.prescriptions.add(prescription("cancelled", PrescriptionStatus.PRESCRIPTION_STATUS_CANCELLED, 3_000, "Metformin"));
            server.prescriptions.add(prescription("new", PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED, 5_000, "Lisinopril 20 mg tablet"));
            model.reload();

            model.startRenewal(model.requests().getFirst());

            assertThat(server.prescriptionLists.getFirst().getPatientId()).isEqualTo("p-a");
            assertThat(server.prescriptionLists.getFirst().getIncludeClosed()).isTrue();
            assertThat(model.renewable()).extracting(PrescriptionSummary::getPrescriptionId).containsExactly("new", "old");
            assertThat(model.chosenProperty().get().getPrescriptionId()).isEqualTo("new");
            assertThat(model.describe(model.renewable().get(1))).startsWith("Expired ").contains("Lisinopril 10 mg tablet");
        }

        @Test
        void draftsTheRenewalForThisRequestAndOpensTheChartOnPrescriptions() {
            server.pending.add(pending("a", 100));
            server.prescriptions.add(prescription("rx-1", PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED, 5_000, "Lisinopril 20 mg tablet"));
            model.reload();
            model.startRenewal(model.requests().getFirst());

            model.renew();

            RenewPrescriptionRequest sent = server.renewed.getFirst();
            assertThat(sent.getPrescriptionId()).isEqualTo("rx-1");
            assertThat(sent.getRefillRequestId()).isEqualTo("a");
            assertThat(sent.getRequestId()).isNotBlank();
            assertThat(opened).containsExactly("p-a Ana Souza Prescriptions");
            assertThat(model.renewingProperty().get()).isNull();
            assertThat(model.drafted(model.requests().getFirst())).isTrue();
            assertThat(model.noticeProperty().get()).contains("sign it in the chart");
        }

        @Test
        void renewingAgainReopensTheChartInsteadOfDraftingASecondRenewal() {
            server.pending.add(pending("a", 100));
            server.prescriptions.add(prescription("rx-1", PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED, 5_000, "Lisinopril"));
            model.reload();
            model.startRenewal(model.requests().getFirst());
            model.renew();

            model.startRenewal(model.requests().getFirst());

            assertThat(server.renewed).hasSize(1);
            assertThat(opened).hasSize(2);
            assertThat(model.renewingProperty().get()).isNull();
        }

        @Test
        void aPatientWithNothingToRenewIsToldSoAndNoChooserOpens() {
            server.pending.add(pending("a", 100));
            server.prescriptions.add(prescription("draft", PrescriptionStatus.PRESCRIPTION_STATUS_DRAFT, 0, "Amlodipine"));
            model.reload();

            model.startRenewal(model.requests().getFirst());

            assertThat(model.renewingProperty().get()).isNull();
            assertThat(model.messageProperty().get()).contains("no signed prescription to renew");
        }
    }
}
