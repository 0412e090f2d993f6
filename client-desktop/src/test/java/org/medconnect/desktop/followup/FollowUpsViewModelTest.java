package org.medconnect.desktop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.chart.v1.DismissFollowUpRequest;
import org.medconnect.proto.chart.v1.DismissFollowUpResponse;
import org.medconnect.proto.chart.v1.FollowUp;
import org.medconnect.proto.chart.v1.ListFollowUpsRequest;
import org.medconnect.proto.chart.v1.ListFollowUpsResponse;
import org.medconnect.proto.chart.v1.MarkFollowUpBookedRequest;
import org.medconnect.proto.chart.v1.MarkFollowUpBookedResponse;
import org.medconnect.proto.common.v1.PageResponse;
import org.medconnect.proto.patient.v1.Patient;

class FollowUpsViewModelTest {

    final ServerCalls calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC),
            new SessionState());
    final ClinicTime time = new ClinicTime(Clock.fixed(Instant.parse("2026-12-10T09:00:00Z"), ZoneOffset.UTC));
    final FakeServer server = new FakeServer();
    final FollowUpsViewModel model = new FollowUpsViewModel(server, calls, time);

    static FollowUp followUp(String id, String patient, String due) {
        return FollowUp.newBuilder().setId(id).setPatientId("p-" + id).setPatientName(patient).setPatientMrn("MC100001" + id.length())
                .setPatientPhone("+49 30 1234").setDoctorId("d-1").setDoctorName("Dr Amara Okafor").setDueOn(due)
                .setNote("30 minutes").setVersion(1).build();
    }

    static final class FakeServer implements FollowUpsViewModel.Server {
        final List<FollowUp> open = new ArrayList<>();
        final List<ListFollowUpsRequest> listed = new ArrayList<>();
        final List<MarkFollowUpBookedRequest> booked = new ArrayList<>();
        final List<DismissFollowUpRequest> dismissed = new ArrayList<>();
        int pageSize = 50;
        RuntimeException markFails;

        @Override public ListFollowUpsResponse list(ListFollowUpsRequest r) {
            listed.add(r);
            int from = r.getPage().getPageToken().isEmpty() ? 0 : Integer.parseInt(r.getPage().getPageToken());
            int to = Math.min(open.size(), from + pageSize);
            return ListFollowUpsResponse.newBuilder().addAllFollowUps(open.subList(from, to))
                    .setPage(PageResponse.newBuilder().setTotalCount(open.size())
                            .setNextPageToken(to < open.size() ? String.valueOf(to) : "")).build();
        }

        @Override public MarkFollowUpBookedResponse markBooked(MarkFollowUpBookedRequest r) {
            if (markFails != null) {
                throw markFails;
            }
            booked.add(r);
            open.removeIf(f -> f.getId().equals(r.getFollowUpId()));
            return MarkFollowUpBookedResponse.getDefaultInstance();
        }

        @Override public DismissFollowUpResponse dismiss(DismissFollowUpRequest r) {
            dismissed.add(r);
            open.removeIf(f -> f.getId().equals(r.getFollowUpId()));
            return DismissFollowUpResponse.getDefaultInstance();
        }

        @Override public Patient patient(String patientId) {
            return Patient.newBuilder().setPatientId(patientId).setGivenName("Zoë").setFamilyName("Ångström").build();
        }
    }

    /** Remembers the prefill and the callback, as the booking sheet would; the test books or closes. */
    static final class FakeBooker implements FollowUpsViewModel.Booker {
        FrontDesk.Prefill prefill;
        Consumer<Appointment> onBooked;

        @Override public void book(FrontDesk.Prefill prefill, Consumer<Appointment> onBooked) {
            this.prefill = prefill;
            this.onBooked = onBooked;
        }
    }

    @Test
    void listsOpenFollowUpsInTheServersDueOrderAndCountsTheOverdue() {
        server.open.addAll(List.of(followUp("a", "Ada Obi", "2026-12-08"), followUp("b", "Zoë Ångström", "2026-12-21")));

        model.reload();

        assertThat(model.followUps()).extracting(FollowUp::getPatientName).containsExactly("Ada Obi", "Zoë Ångström");
        assertThat(model.summaryProperty().get()).isEqualTo("2 open follow-ups, 1 overdue");
        assertThat(model.overdue(model.followUps().get(0))).isTrue();
        assertThat(model.overdue(model.followUps().get(1))).isFalse();
        assertThat(server.listed.getFirst().getPatientId()).isEmpty();
        assertThat(server.listed.getFirst().getPage().getPageSize()).isEqualTo(FollowUpsViewModel.PAGE_SIZE);
    }

    @Test
    void pagesAreAddedBelowAndTheLastPageEndsShowMore() {
        server.pageSize = 2;
        for (int i = 0; i < 5; i++) {
            server.open.add(followUp("f" + i, "Patient " + i, "2026-12-2" + i));
        }

        model.reload();
        assertThat(model.followUps()).hasSize(2);
        assertThat(model.moreProperty().get()).isTrue();
        assertThat(model.summaryProperty().get()).isEqualTo("5 open follow-ups (2 shown)");

        model.loadMore();
        model.loadMore();

        assertThat(model.followUps()).extracting(FollowUp::getId).containsExactly("f0", "f1", "f2", "f3", "f4");
        assertThat(model.moreProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).isEqualTo("5 open follow-ups");
    }

    @Test
    void bookOpensTheBookingWithPatientDoctorAndDueWeekAndABookingMarksTheFollowUpAndRemovesIt() {
        server.open.addAll(List.of(followUp("a", "Ada Obi", "2026-12-24"), followUp("b", "Zoë Ångström", "2026-12-31")));
        model.reload();
        FakeBooker booker = new FakeBooker();

        model.book(model.followUps().get(0), booker);

        assertThat(booker.prefill.patient()).map(Patient::getPatientId).contains("p-a");
        assertThat(booker.prefill.doctorId()).contains("d-1");
        assertThat(booker.prefill.day()).contains(LocalDate.of(2026, 12, 21)); // the Monday of the due week
        assertThat(server.booked).isEmpty(); // nothing is marked until the appointment exists

        booker.onBooked.accept(Appointment.newBuilder().setAppointmentId("appt-7").setReference("A-7").build());

        assertThat(server.booked).singleElement().satisfies(r -> {
            assertThat(r.getFollowUpId()).isEqualTo("a");
            assertThat(r.getAppointmentId()).isEqualTo("appt-7");
            assertThat(r.getExpectedVersion()).isEqualTo(1);
        });
        assertThat(model.followUps()).extracting(FollowUp::getId).containsExactly("b");
        assertThat(model.noticeProperty().get()).isEqualTo("Follow-up for Ada Obi booked (A-7).");
        assertThat(model.summaryProperty().get()).isEqualTo("1 open follow-up");
    }

    @Test
    void aBookingDialogClosedWithoutBookingLeavesTheFollowUpOpen() {
        server.open.add(followUp("a", "Ada Obi", "2026-12-24"));
        model.reload();
        FakeBooker booker = new FakeBooker();

        model.book(model.followUps().get(0), booker);

        assertThat(server.booked).isEmpty();
        assertThat(model.followUps()).hasSize(1);
    }

    @Test
    void aRefusedMarkSaysTheAppointmentStandsAndReloads() {
        server.open.add(followUp("a", "Ada Obi", "2026-12-24"));
        model.reload();
        FakeBooker booker = new FakeBooker();
        model.book(model.followUps().get(0), booker);
        server.markFails = Status.ABORTED.withDescription("Changed by Maria Lopez at 10:42; reload to see it.").asRuntimeException();

        booker.onBooked.accept(Appointment.newBuilder().setAppointmentId("appt-7").build());

        assertThat(model.messageProperty().get()).startsWith("The appointment is booked, but the follow-up was not marked")
                .contains("Changed by Maria Lopez");
        assertThat(server.listed).hasSize(2);
    }

    @Test
    void dismissNeedsAReasonAndThenTakesTheFollowUpOff() {
        server.open.add(followUp("a", "Ada Obi", "2026-12-24"));
        model.reload();
        FollowUp ada = model.followUps().get(0);

        assertThat(model.dismiss(ada, "  ")).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Say why the follow-up is dismissed.");
        assertThat(server.dismissed).isEmpty();

        assertThat(model.dismiss(ada, " Booked at another clinic ")).isTrue();

        assertThat(server.dismissed).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo("Booked at another clinic");
            assertThat(r.getExpectedVersion()).isEqualTo(1);
        });
        assertThat(model.followUps()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No open follow-ups.");
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void dueDatesAreShownTheClinicsWayAndTheWeekStartsOnMonday() {
        assertThat(FollowUpsViewModel.dueWeek(followUp("a", "A", "2026-12-20"))).contains(LocalDate.of(2026, 12, 14));
        assertThat(FollowUpsViewModel.dueWeek(followUp("a", "A", "nonsense"))).isEqualTo(Optional.empty());
        assertThat(FollowUpsViewModel.due(followUp("a", "A", "2026-12-20"))).contains("2026");
    }
}
