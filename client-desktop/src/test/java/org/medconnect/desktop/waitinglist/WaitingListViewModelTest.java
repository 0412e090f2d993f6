package org.medconnect.desktop.waitinglist;

import org.medconnect.desktop.testing.FakeClinicServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookWaitingListOfferRequest;
import org.medconnect.proto.appointment.v1.BookWaitingListOfferResponse;
import org.medconnect.proto.appointment.v1.ListWaitingListResponse;
import org.medconnect.proto.appointment.v1.Offer;
import org.medconnect.proto.appointment.v1.WaitingListEntry;
import org.medconnect.proto.appointment.v1.WaitingStatus;
import org.medconnect.proto.patient.v1.PatientSummary;

class WaitingListViewModelTest {

    private final WaitingListEntry waiting = entry("w1", "Petr Novak", WaitingStatus.WAITING_STATUS_WAITING);
    private final WaitingListEntry offered = entry("w2", "Maria Garcia", WaitingStatus.WAITING_STATUS_OFFERED).toBuilder()
            .setOffer(Offer.newBuilder().setDoctorName("Dr Anna Chen")).build();
    private final FakeClinicServer server = new FakeClinicServer()
            .on(AppointmentServiceGrpc.getListWaitingListMethod(), r -> ListWaitingListResponse.newBuilder()
                    .addEntries(waiting).addEntries(offered).build());

    @AfterEach
    void stop() {
        server.close();
    }

    private static WaitingListEntry entry(String id, String name, WaitingStatus status) {
        return WaitingListEntry.newBuilder().setEntryId(id).setStatus(status)
                .setPatient(PatientSummary.newBuilder().setDisplayName(name)).build();
    }

    @Test
    void offersComeFirst() {
        WaitingListViewModel model = new WaitingListViewModel(server.connection(), server.calls());

        model.reload();

        assertThat(model.entries()).extracting(WaitingListEntry::getEntryId).containsExactly("w2", "w1");
        assertThat(model.summaryProperty().get()).isEqualTo("2 patients waiting · 1 offer to call about");
    }

    @Test
    void bookingAnOfferTellsTheBoardAndReloads() {
        server.on(AppointmentServiceGrpc.getBookWaitingListOfferMethod(), r -> BookWaitingListOfferResponse.newBuilder()
                .setAppointment(Appointment.newBuilder().setAppointmentId("a9").setReference("A-001009")
                        .setPatient(PatientSummary.newBuilder().setDisplayName("Maria Garcia"))).build());
        WaitingListViewModel model = new WaitingListViewModel(server.connection(), server.calls());
        Appointment[] booked = new Appointment[1];
        model.onBooked(a -> booked[0] = a);
        model.reload();

        model.bookOffer(model.entries().getFirst());

        assertThat(server.lastRequest(AppointmentServiceGrpc.getBookWaitingListOfferMethod()).getEntryId()).isEqualTo("w2");
        assertThat(booked[0].getReference()).isEqualTo("A-001009");
        assertThat(model.noticeProperty().get()).isEqualTo("Booked Maria Garcia (A-001009).");
        assertThat(server.requests(AppointmentServiceGrpc.getListWaitingListMethod())).hasSize(2);
    }

    @Test
    void aRetryOfAnOfferAfterATimeoutIsTheSameRequest() {
        server.on(AppointmentServiceGrpc.getBookWaitingListOfferMethod(), r -> {
            throw Status.DEADLINE_EXCEEDED.asRuntimeException();
        });
        WaitingListViewModel model = new WaitingListViewModel(server.connection(), server.calls());
        model.reload();

        model.bookOffer(offered);
        model.bookOffer(offered);

        var sent = server.requests(AppointmentServiceGrpc.getBookWaitingListOfferMethod());
        assertThat(sent).extracting(BookWaitingListOfferRequest::getRequestId).containsOnly(sent.getFirst().getRequestId());
    }

    @Test
    void aGoneOfferSaysSoAndTheListIsLoadedAgain() {
        server.on(AppointmentServiceGrpc.getBookWaitingListOfferMethod(), r -> {
            throw Failures.reason(Status.Code.ABORTED, "Taken.", "SLOT_TAKEN");
        });
        WaitingListViewModel model = new WaitingListViewModel(server.connection(), server.calls());
        model.reload();

        model.bookOffer(offered);

        assertThat(model.messageProperty().get()).startsWith("That slot was just taken");
        assertThat(model.bookingRequestId("w2")).isNull();
        assertThat(server.requests(AppointmentServiceGrpc.getListWaitingListMethod())).hasSize(2);
    }

    @Test
    void waitingEntriesHaveNoOfferToBook() {
        WaitingListViewModel model = new WaitingListViewModel(server.connection(), server.calls());

        model.bookOffer(waiting);
        model.declineOffer(waiting);

        assertThat(server.requests(AppointmentServiceGrpc.getBookWaitingListOfferMethod())).isEmpty();
        assertThat(server.requests(AppointmentServiceGrpc.getDeclineWaitingListOfferMethod())).isEmpty();
    }
}
