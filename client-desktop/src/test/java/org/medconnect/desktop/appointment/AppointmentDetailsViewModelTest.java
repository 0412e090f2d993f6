package org.medconnect.desktop.appointment;

import org.medconnect.desktop.workspace.ReceptionDesk;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.testing.FakeClinicServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.Samples.ADEYEMI;
import static org.medconnect.desktop.appointment.Samples.CHEN;
import static org.medconnect.desktop.appointment.Samples.CONSULTATION;
import static org.medconnect.desktop.appointment.Samples.DAY;
import static org.medconnect.desktop.appointment.Samples.GARCIA;
import static org.medconnect.desktop.appointment.Samples.ZONE;
import static org.medconnect.desktop.appointment.Samples.appointment;
import static org.medconnect.desktop.appointment.Samples.slot;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CANCELLED;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CHECKED_IN;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED;
import static org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_PENDING;

import io.grpc.Status;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.CancelAppointmentResponse;
import org.medconnect.proto.appointment.v1.CheckInAppointmentResponse;
import org.medconnect.proto.appointment.v1.GetAppointmentHistoryResponse;
import org.medconnect.proto.appointment.v1.GetAppointmentResponse;
import org.medconnect.proto.appointment.v1.HistoryEntry;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentRequest;
import org.medconnect.proto.appointment.v1.MarkNoShowResponse;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.proto.appointment.v1.UndoStatusMoveResponse;
import org.medconnect.proto.appointment.v1.RescheduleAppointmentResponse;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.SearchSlotsResponse;

class AppointmentDetailsViewModelTest {

    private final Appointment confirmed = appointment("a1", CHEN, GARCIA, DAY, "09:00", 30, APPOINTMENT_STATUS_CONFIRMED);
    private final FakeClinicServer server = new FakeClinicServer()
            .on(AppointmentServiceGrpc.getGetAppointmentMethod(), r -> GetAppointmentResponse.newBuilder().setAppointment(confirmed).build())
            .on(AppointmentServiceGrpc.getGetAppointmentHistoryMethod(), r -> GetAppointmentHistoryResponse.newBuilder()
                    .addEntries(HistoryEntry.newBuilder().setAction("BOOKED").setActorName("Maria Lopez")).build());
    private int changes;

    @AfterEach
    void stop() {
        server.close();
    }

    private AppointmentDetailsViewModel details(Appointment shown, String now) {
        ClinicTime time = new ClinicTime(Clock.fixed(Samples.at(DAY, now), ZONE));
        ReceptionDesk desk = new ReceptionDesk(server.connection(), server.calls(), null, time);
        desk.directory().accept(Samples.lists());
        AppointmentDetailsViewModel model = new AppointmentDetailsViewModel(server.connection(), server.calls(), time,
                desk::newSlotFinder, shown);
        model.onChanged(() -> changes++);
        return model;
    }

    private static Appointment with(Appointment a, AppointmentStatus status) {
        return a.toBuilder().setStatus(status).build();
    }

    @Test
    void loadsTheAppointmentAndItsHistory() {
        AppointmentDetailsViewModel model = details(confirmed, "08:00");

        model.load();

        assertThat(model.history()).extracting(HistoryEntry::getActorName).containsExactly("Maria Lopez");
    }

    @Test
    void aConfirmedAppointmentCanBeCheckedInCancelledOrMovedButIsNoNoShowBeforeItsTime() {
        AppointmentDetailsViewModel model = details(confirmed, "08:00");

        assertThat(model.canCheckInBinding().get()).isTrue();
        assertThat(model.canCancelBinding().get()).isTrue();
        assertThat(model.canRescheduleBinding().get()).isTrue();
        assertThat(model.canMarkNoShowBinding().get()).isFalse();
        assertThat(details(confirmed, "09:05").canMarkNoShowBinding().get()).isTrue();
    }

    @Test
    void aPendingOneCannotBeCheckedInYet() {
        AppointmentDetailsViewModel model = details(with(confirmed, APPOINTMENT_STATUS_PENDING), "08:00");

        assertThat(model.canCheckInBinding().get()).isFalse();
        assertThat(model.canCancelBinding().get()).isTrue();
    }

    @Test
    void aCheckedInOneOffersOnlyNoShowForAPatientWhoLeftAndACancelledOneNothing() {
        for (AppointmentStatus status : new AppointmentStatus[] {APPOINTMENT_STATUS_CHECKED_IN, APPOINTMENT_STATUS_CANCELLED}) {
            AppointmentDetailsViewModel model = details(with(confirmed, status), "10:00");
            assertThat(model.canCheckInBinding().get()).isFalse();
            assertThat(model.canCancelBinding().get()).isFalse();
            assertThat(model.canRescheduleBinding().get()).isFalse();
            assertThat(model.canMarkNoShowBinding().get()).isEqualTo(status == APPOINTMENT_STATUS_CHECKED_IN);
        }
    }

    @Test
    void checkingInShowsTheNewStatusAndTellsTheOtherScreens() {
        server.on(AppointmentServiceGrpc.getCheckInAppointmentMethod(), r -> CheckInAppointmentResponse.newBuilder()
                .setAppointment(with(confirmed, APPOINTMENT_STATUS_CHECKED_IN).toBuilder().setTokenNumber(7)).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:50");

        model.checkIn();

        assertThat(model.appointmentProperty().get().getStatus()).isEqualTo(APPOINTMENT_STATUS_CHECKED_IN);
        assertThat(model.undoOfferProperty().get().text()).isEqualTo("Checked in: token 7.");
        assertThat(changes).isEqualTo(1);
    }

    @Test
    void aNoShowActsAtOnceAndTheBarTakesItBackSoTheWalkInCanBeCheckedIn() {
        Appointment noShow = with(confirmed, AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW);
        server.on(AppointmentServiceGrpc.getMarkNoShowMethod(), r -> MarkNoShowResponse.newBuilder().setAppointment(noShow).build());
        server.on(AppointmentServiceGrpc.getUndoStatusMoveMethod(), r -> UndoStatusMoveResponse.newBuilder()
                .setAppointment(confirmed).build());
        AppointmentDetailsViewModel model = details(confirmed, "09:12");

        model.markNoShow();
        assertThat(model.undoOfferProperty().get().text()).contains("marked as a no-show");
        model.undoOfferProperty().get().undo().run();

        UndoStatusMoveRequest sent = server.lastRequest(AppointmentServiceGrpc.getUndoStatusMoveMethod());
        assertThat(sent.getUndoStatus()).isEqualTo(AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW);
        assertThat(model.appointmentProperty().get().getStatus()).isEqualTo(APPOINTMENT_STATUS_CONFIRMED);
        assertThat(model.noticeProperty().get()).isEqualTo("No-show undone: confirmed again.");
        assertThat(model.undoOfferProperty().get()).isNull();
        assertThat(model.canCheckInBinding().get()).isTrue();
    }

    @Test
    void theDetailsOfferUndoOnlyWhileTheCheckInOrNoShowIsTheLastStatusMove() {
        Appointment checkedIn = with(confirmed, APPOINTMENT_STATUS_CHECKED_IN);
        HistoryEntry booked = HistoryEntry.newBuilder().setAction("BOOKED").setToStatus(APPOINTMENT_STATUS_CONFIRMED).build();
        HistoryEntry in = HistoryEntry.newBuilder().setAction("CHECKED_IN").setFromStatus(APPOINTMENT_STATUS_CONFIRMED)
                .setToStatus(APPOINTMENT_STATUS_CHECKED_IN).build();
        HistoryEntry undone = HistoryEntry.newBuilder().setAction("UNDO_NO_SHOW").setFromStatus(AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW)
                .setToStatus(APPOINTMENT_STATUS_CHECKED_IN).build();

        assertThat(AppointmentDetailsViewModel.undoable(checkedIn, java.util.List.of(booked, in))).isTrue();
        assertThat(AppointmentDetailsViewModel.undoable(checkedIn, java.util.List.of(booked, in, undone))).isFalse();
        assertThat(AppointmentDetailsViewModel.undoable(confirmed, java.util.List.of(booked))).isFalse();
        assertThat(AppointmentDetailsViewModel.undoLabel(APPOINTMENT_STATUS_CHECKED_IN)).isEqualTo("Undo check-in");
    }

    @Test
    void cancellingNeedsAReason() {
        AppointmentDetailsViewModel model = details(confirmed, "08:00");
        model.startCancelling();

        assertThat(model.cancel()).isFalse();

        assertThat(model.cancelErrorProperty().get()).contains("Patient called to cancel");
        assertThat(server.requests(AppointmentServiceGrpc.getCancelAppointmentMethod())).isEmpty();
    }

    @Test
    void cancellingSendsTheReasonAndClosesTheReasonPanel() {
        server.on(AppointmentServiceGrpc.getCancelAppointmentMethod(), r -> CancelAppointmentResponse.newBuilder()
                .setAppointment(with(confirmed, APPOINTMENT_STATUS_CANCELLED).toBuilder().setCancelReason(r.getReason())).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:00");
        model.startCancelling();
        model.cancelReasonProperty().set("Patient called to cancel");

        model.cancel();

        assertThat(server.lastRequest(AppointmentServiceGrpc.getCancelAppointmentMethod()).getReason()).isEqualTo("Patient called to cancel");
        assertThat(model.appointmentProperty().get().getStatus()).isEqualTo(APPOINTMENT_STATUS_CANCELLED);
        assertThat(model.cancellingProperty().get()).isFalse();
        assertThat(changes).isEqualTo(1);
    }

    @Test
    void aRefusedStatusMoveIsShownAsItComesAndTheAppointmentReloaded() {
        server.on(AppointmentServiceGrpc.getMarkNoShowMethod(), r -> {
            throw Failures.reason(Status.Code.FAILED_PRECONDITION, "A no-show can only be marked after the start time.",
                    "STATUS_MOVE_REFUSED");
        });
        AppointmentDetailsViewModel model = details(confirmed, "09:10");

        model.markNoShow();

        assertThat(model.messageProperty().get()).isEqualTo("A no-show can only be marked after the start time.");
        assertThat(server.requests(AppointmentServiceGrpc.getGetAppointmentMethod())).hasSize(1);
        assertThat(changes).isZero();
    }

    @Test
    void reschedulingStartsTheSlotFinderOnTheSameTypeAndDoctor() {
        server.on(ScheduleServiceGrpc.getSearchSlotsMethod(), r -> SearchSlotsResponse.newBuilder()
                .addSlots(slot(CHEN, DAY, "11:00", 30)).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:00");

        SlotFinderViewModel finder = model.startRescheduling();
        finder.search();

        assertThat(finder.typeProperty().get()).isEqualTo(CONSULTATION);
        assertThat(finder.doctorProperty().get()).isEqualTo(CHEN);
        assertThat(finder.fromProperty().get()).isEqualTo(DAY);
        assertThat(finder.days()).hasSize(1);
    }

    @Test
    void movingToASlotOfTheSameDoctorSendsOnlyTheNewTime() {
        server.on(AppointmentServiceGrpc.getRescheduleAppointmentMethod(), r -> RescheduleAppointmentResponse.newBuilder()
                .setAppointment(confirmed.toBuilder().setStartsAt(r.getNewStartsAt())).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:00");
        SlotFinderViewModel finder = model.startRescheduling();
        finder.selectedProperty().set(slot(CHEN, DAY, "11:00", 30));

        model.reschedule();

        RescheduleAppointmentRequest sent = server.lastRequest(AppointmentServiceGrpc.getRescheduleAppointmentMethod());
        assertThat(ClinicTime.instant(sent.getNewStartsAt())).isEqualTo(Samples.at(DAY, "11:00"));
        assertThat(sent.getNewDoctorId()).isEmpty();
        assertThat(sent.getNewLocationId()).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo("Moved to Tue 24 Nov 11:00.");
        assertThat(model.reschedulingProperty().get()).isNull();
    }

    @Test
    void movingToAnotherDoctorSaysWho() {
        server.on(AppointmentServiceGrpc.getRescheduleAppointmentMethod(), r -> RescheduleAppointmentResponse.newBuilder()
                .setAppointment(confirmed).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:00");
        model.startRescheduling().selectedProperty().set(slot(ADEYEMI, DAY, "11:00", 30));

        model.reschedule();

        assertThat(server.lastRequest(AppointmentServiceGrpc.getRescheduleAppointmentMethod()).getNewDoctorId()).isEqualTo("doc-adeyemi");
    }

    @Test
    void aTakenSlotWhileMovingAsksForAnotherAndRefreshes() {
        server.on(AppointmentServiceGrpc.getRescheduleAppointmentMethod(), r -> {
            throw Failures.reason(Status.Code.ABORTED, "Taken.", "SLOT_TAKEN");
        });
        server.on(ScheduleServiceGrpc.getSearchSlotsMethod(), r -> SearchSlotsResponse.newBuilder()
                .addSlots(slot(CHEN, DAY, "12:00", 30)).build());
        AppointmentDetailsViewModel model = details(confirmed, "08:00");
        SlotFinderViewModel finder = model.startRescheduling();
        finder.selectedProperty().set(slot(CHEN, DAY, "11:00", 30));

        model.reschedule();

        assertThat(model.messageProperty().get()).isEqualTo("That slot was just taken. Please pick another.");
        assertThat(finder.selectedProperty().get()).isNull();
        assertThat(finder.days().getFirst().slots()).containsExactly(slot(CHEN, DAY, "12:00", 30));
        assertThat(model.reschedulingProperty().get()).isSameAs(finder);
    }
}
