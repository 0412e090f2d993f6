package org.medconnect.desktop.prescription.refill;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.prescription.v1.CancelRefillRequestRequest;
import org.medconnect.proto.prescription.v1.CancelRefillRequestResponse;
import org.medconnect.proto.prescription.v1.ListRefillRequestsRequest;
import org.medconnect.proto.prescription.v1.ListRefillRequestsResponse;
import org.medconnect.proto.prescription.v1.RecordRefillRequestRequest;
import org.medconnect.proto.prescription.v1.RecordRefillRequestResponse;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.schedule.v1.Doctor;

class RefillDeskViewModelTest {

    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());
    final FakeServer server = new FakeServer();
    final RefillDeskViewModel model = new RefillDeskViewModel(server, calls, ZoneOffset.UTC);

    static final Patient ANA = Patient.newBuilder().setPatientId("p-1").setGivenName("Ana").setFamilyName("Souza").setMrn("MC1000017").build();
    static final Doctor OKAFOR = Doctor.newBuilder().setDoctorId("d-1").setDisplayName("Dr Amara Okafor").build();

    static RefillRequest request(String id, RefillRequestStatus status, long askedAt, long decidedAt) {
        RefillRequest.Builder r = RefillRequest.newBuilder().setRefillRequestId(id).setPatientId("p-" + id).setPatientName("Patient " + id)
                .setPatientMrn("MC" + id).setDoctorId("d-1").setDoctorName("Dr Amara Okafor").setNote("the usual tablets")
                .setStatus(status).setRequestedAt(Timestamp.newBuilder().setSeconds(askedAt)).setVersion(1);
        if (decidedAt > 0) {
            r.setDecidedAt(Timestamp.newBuilder().setSeconds(decidedAt));
        }
        return r.build();
    }

    static final class FakeServer implements RefillDeskViewModel.Server {
        final List<RefillRequest> stored = new ArrayList<>();
        final List<RecordRefillRequestRequest> recorded = new ArrayList<>();
        final List<ListRefillRequestsRequest> listed = new ArrayList<>();
        final List<CancelRefillRequestRequest> cancelled = new ArrayList<>();
        RuntimeException recordFails;
        RuntimeException cancelFails;

        @Override public RecordRefillRequestResponse record(RecordRefillRequestRequest r) {
            recorded.add(r);
            if (recordFails != null) {
                RuntimeException e = recordFails;
                recordFails = null;
                throw e;
            }
            RefillRequest made = RefillRequest.newBuilder().setRefillRequestId("r-" + recorded.size()).setPatientId(r.getPatientId())
                    .setPatientName("Ana Souza").setDoctorId(r.getDoctorId()).setNote(r.getNote())
                    .setStatus(RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING).setRequestedAt(Timestamp.newBuilder().setSeconds(9_000))
                    .setVersion(1).build();
            stored.add(made);
            return RecordRefillRequestResponse.newBuilder().setRefillRequest(made).build();
        }

        @Override public ListRefillRequestsResponse list(ListRefillRequestsRequest r) {
            listed.add(r);
            return ListRefillRequestsResponse.newBuilder().addAllRefillRequests(stored).build();
        }

        @Override public CancelRefillRequestResponse cancel(CancelRefillRequestRequest r) {
            cancelled.add(r);
            if (cancelFails != null) {
                throw cancelFails;
            }
            RefillRequest was = stored.stream().filter(s -> s.getRefillRequestId().equals(r.getRefillRequestId())).findFirst().orElseThrow();
            RefillRequest now = was.toBuilder().setStatus(RefillRequestStatus.REFILL_REQUEST_STATUS_CANCELLED).setVersion(was.getVersion() + 1).build();
            stored.replaceAll(s -> s == was ? now : s);
            return CancelRefillRequestResponse.newBuilder().setRefillRequest(now).build();
        }
    }

    void fillForm(String note) {
        model.patientProperty().set(ANA);
        model.doctorProperty().set(OKAFOR);
        model.noteProperty().set(note);
    }

    @Nested
    class Recording {

        @Test
        void sendsThePatientTheDoctorAndTheirWordsThenClearsTheFormAndListsIt() {
            fillForm("  the blood pressure tablets again  ");

            assertThat(model.record()).isTrue();

            RecordRefillRequestRequest sent = server.recorded.getFirst();
            assertThat(sent.getPatientId()).isEqualTo("p-1");
            assertThat(sent.getDoctorId()).isEqualTo("d-1");
            assertThat(sent.getNote()).isEqualTo("the blood pressure tablets again");
            assertThat(sent.getRequestId()).isNotBlank();
            assertThat(model.requests()).extracting(RefillRow::note).containsExactly("the blood pressure tablets again");
            assertThat(model.patientProperty().get()).isNull();
            assertThat(model.noteProperty().get()).isEmpty();
            assertThat(model.noticeProperty().get()).isEqualTo("Request for Ana Souza sent to Dr Amara Okafor.");
        }

        @Test
        void saysWhatIsMissingAndSendsNothing() {
            assertThat(model.record()).isFalse();
            assertThat(model.messageProperty().get()).isEqualTo("Choose the patient who asks.");
            model.patientProperty().set(ANA);
            assertThat(model.record()).isFalse();
            assertThat(model.messageProperty().get()).isEqualTo("Choose the doctor who should decide.");
            model.doctorProperty().set(OKAFOR);
            model.noteProperty().set("   ");
            assertThat(model.record()).isFalse();
            assertThat(model.messageProperty().get()).startsWith("Write what the patient asks for");
            assertThat(server.recorded).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {501, 5_000})
        void refusesTextOverTheServersLimit(int length) {
            fillForm("x".repeat(length));

            assertThat(model.record()).isFalse();
            assertThat(model.messageProperty().get()).contains(length + " characters");
            assertThat(server.recorded).isEmpty();
        }

        @Test
        void aRetryAfterATimeoutSendsTheSameRequestIdSoTheServerRecordsItOnce() {
            fillForm("inhaler");
            server.recordFails = Status.DEADLINE_EXCEEDED.asRuntimeException();
            model.record();
            model.record();

            assertThat(server.recorded).hasSize(2);
            assertThat(server.recorded.get(1).getRequestId()).isEqualTo(server.recorded.get(0).getRequestId());

            fillForm("insulin pens");
            model.record();
            assertThat(server.recorded.get(2).getRequestId()).isNotEqualTo(server.recorded.get(0).getRequestId());
        }

        @Test
        void aRefusalShowsTheServersMessageAndKeepsWhatWasTyped() {
            fillForm("inhaler");
            server.recordFails = Status.INVALID_ARGUMENT.withDescription("note: control characters are not allowed").asRuntimeException();

            model.record();

            assertThat(model.messageProperty().get()).contains("control characters");
            assertThat(model.noteProperty().get()).isEqualTo("inhaler");
            assertThat(model.patientProperty().get()).isEqualTo(ANA);
        }
    }

    @Nested
    class TheList {

        @Test
        void asksForEveryStatusAndShowsPendingFirstOldestFirstThenDecidedNewestFirst() {
            server.stored.add(request("declined-early", RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED, 100, 200));
            server.stored.add(request("pending-late", RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, 900, 0));
            server.stored.add(request("renewed-late", RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, 300, 800));
            server.stored.add(request("pending-early", RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, 400, 0));

            model.reload();

            assertThat(server.listed.getFirst().getStatusesList()).contains(RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING,
                    RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED);
            assertThat(model.requests()).extracting(RefillRow::id)
                    .containsExactly("pending-early", "pending-late", "renewed-late", "declined-early");
            assertThat(model.summaryProperty().get()).isEqualTo("2 waiting for a doctor · 2 answered");
        }

        @Test
        void showsTheDoctorsReasonForADeclineAndRenewedForARenewal() {
            RefillRequest declined = request("a", RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED, 1, 2).toBuilder()
                    .setDeclineReason("Needs a review visit first").build();
            RefillRequest renewed = request("b", RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, 1, 2);
            RefillRequest waiting = request("c", RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, 1, 0);

            assertThat(RefillTexts.answer(declined)).isEqualTo("Needs a review visit first");
            assertThat(RefillTexts.answer(renewed)).isEqualTo("Renewed");
            assertThat(RefillTexts.answer(waiting)).isEmpty();
            assertThat(RefillTexts.status(waiting)).isEqualTo("Waiting for the doctor");
            assertThat(new RefillRow(declined, ZoneOffset.UTC).outcome()).isEqualTo("Declined: Needs a review visit first");
            assertThat(new RefillRow(renewed, ZoneOffset.UTC).outcome()).isEqualTo("Renewed");
            assertThat(new RefillRow(waiting, ZoneOffset.UTC).outcome()).isEqualTo("Waiting");
        }

        @Test
        void withdrawingSendsTheVersionReadAndShowsItCancelled() {
            server.stored.add(request("a", RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, 100, 0));
            model.reload();

            model.cancel(model.requests().getFirst());

            assertThat(server.cancelled.getFirst().getExpectedVersion()).isEqualTo(1);
            assertThat(model.requests().getFirst().request().getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_CANCELLED);
            assertThat(model.noticeProperty().get()).isEqualTo("Request for Patient a withdrawn.");
        }

        @Test
        void aDecidedRequestCannotBeWithdrawn() {
            server.stored.add(request("a", RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED, 100, 200));
            model.reload();

            model.cancel(model.requests().getFirst());

            assertThat(server.cancelled).isEmpty();
        }

        @Test
        void aWithdrawalThatLostTheRaceShowsWhyAndTheListAsItIsNow() {
            server.stored.add(request("a", RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, 100, 0));
            model.reload();
            server.stored.set(0, request("a", RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, 100, 300));
            server.cancelFails = Status.ABORTED.withDescription("Changed by Dr Amara Okafor at 10:42; reload to see it.").asRuntimeException();

            model.cancel(model.requests().getFirst());

            assertThat(model.messageProperty().get()).contains("Changed by Dr Amara Okafor");
            assertThat(model.requests().getFirst().request().getStatus()).isEqualTo(RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED);
        }
    }
}
