package org.medconnect.desktop.queue;

import org.medconnect.desktop.platform.Plural;

import org.medconnect.shared.queue.QueueLimits;
import org.medconnect.desktop.platform.Directory;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.MarkNoShowRequest;
import org.medconnect.proto.appointment.v1.AppointmentStatus;
import org.medconnect.proto.appointment.v1.UndoStatusMoveRequest;
import org.medconnect.desktop.platform.UndoOffer;
import org.medconnect.proto.queue.v1.GetDoctorQueueRequest;
import org.medconnect.proto.queue.v1.GetWaitingRoomBoardRequest;
import org.medconnect.proto.queue.v1.GetDoctorQueueResponse;
import org.medconnect.proto.queue.v1.QueueReorder;
import org.medconnect.proto.queue.v1.ReorderQueueRequest;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.schedule.v1.Location;

/**
 * The front desk's view of one doctor's queue today: who is in consultation, who waits in the
 * order they will be called, moving an urgent patient up (with a reason) and marking a
 * patient who left as a no-show. Also picks the location for the waiting-room display.
 */
public final class ReceptionQueueViewModel implements AppointmentListener {


    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<Doctor> doctors = FXCollections.observableArrayList();
    private final ObservableList<Location> locations = FXCollections.observableArrayList();
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>();
    private final ObjectProperty<Location> location = new SimpleObjectProperty<>();
    private final ObjectProperty<Optional<Appointment>> serving = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<Appointment> waiting = FXCollections.observableArrayList();
    private final ObservableList<QueueReorder> reorders = FXCollections.observableArrayList();
    private final IntegerProperty toPlace = new SimpleIntegerProperty(1);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<UndoOffer> undoOffer = new SimpleObjectProperty<>();
    private final List<WaitingRoomBoardViewModel> boards = new java.util.ArrayList<>();
    private final ObjectProperty<org.medconnect.desktop.platform.live.LiveState> live =
            new SimpleObjectProperty<>(org.medconnect.desktop.platform.live.LiveState.LIVE);
    private long generation;

    public ReceptionQueueViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        doctor.addListener((obs, old, now) -> {
            if (now != null && (old == null || !now.getDoctorId().equals(old.getDoctorId()))) {
                reload();
            }
        });
    }

    /** Who is on the list to choose from, and how many wait for each doctor at the first location. */
    private record Lists(List<Doctor> doctors, List<Location> locations, java.util.Map<String, Integer> waiting) {}

    /** How the queue is ordered, said on screen: people ask why someone booked earlier is called later. */
    public static final String ORDER_NOTE = "Called in order of arrival (token), not appointment time; "
            + "reception can move an urgent patient up, with a reason.";

    /**
     * The doctor the screen opens on: the one with most patients waiting (the desk's work is
     * there), else the first by name.
     */
    static Optional<Doctor> busiest(List<Doctor> doctors, java.util.Map<String, Integer> waiting) {
        return doctors.stream().filter(d -> waiting.getOrDefault(d.getDoctorId(), 0) > 0)
                .max(Comparator.comparingInt((Doctor d) -> waiting.get(d.getDoctorId()))
                        .thenComparing(Comparator.comparing(Directory::sortName).reversed()))
                .or(() -> doctors.stream().findFirst());
    }

    /** Loads doctors and locations, then the queue of the doctor with most patients waiting. */
    public void open() {
        if (!doctors.isEmpty()) {
            reload();
            return;
        }
        calls.call(busy, () -> {
            List<Doctor> all = connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList();
            List<Location> open = connection.schedule().listLocations(ListLocationsRequest.getDefaultInstance()).getLocationsList()
                    .stream().filter(l -> !l.getRetired()).sorted(Comparator.comparing(Location::getName)).toList();
            java.util.Map<String, Integer> waiting = new java.util.HashMap<>();
            if (!open.isEmpty()) {
                try {
                    connection.queue().getWaitingRoomBoard(GetWaitingRoomBoardRequest.newBuilder()
                            .setLocationId(open.getFirst().getLocationId()).build()).getDoctorsList()
                            .forEach(d -> waiting.merge(d.getDoctorId(), d.getWaitingCount(), Integer::sum));
                } catch (io.grpc.StatusRuntimeException e) {
                    // Only decides where the screen opens: without it, the first doctor by name.
                }
            }
            return new Lists(all, open, waiting);
        }, lists -> {
            doctors.setAll(lists.doctors().stream().sorted(Comparator.comparing(Directory::sortName)).toList());
            locations.setAll(lists.locations());
            if (location.get() == null && !locations.isEmpty()) {
                location.set(locations.getFirst());
            }
            if (doctor.get() == null) {
                busiest(doctors, lists.waiting()).ifPresent(doctor::set);
            }
        }, this::showFailure);
    }

    public void reload() {
        Doctor shown = doctor.get();
        if (shown == null) {
            return;
        }
        long mine = ++generation;
        GetDoctorQueueRequest request = GetDoctorQueueRequest.newBuilder().setDoctorId(shown.getDoctorId()).build();
        calls.call(busy, () -> connection.queue().getDoctorQueue(request), queue -> {
            if (mine == generation) {
                accept(queue);
                message.set("");
            }
        }, this::showFailure);
    }

    /**
     * One appointment changed (e.g. from the live event stream): the shown doctor's queue is
     * read again if it is theirs, and so is every open waiting-room display of its location.
     */
    @Override
    public void appointmentChanged(AppointmentEvent event) {
        applyChange(event.getAppointment());
    }

    @Override
    public void reloadNeeded() {
        reload();
    }

    public void applyChange(Appointment changed) {
        Doctor shown = doctor.get();
        if (shown != null && changed.getDoctorId().equals(shown.getDoctorId()) && changed.getTokenNumber() > 0) {
            reload();
        }
        List.copyOf(boards).forEach(b -> b.applyChange(changed));
    }

    /** A waiting-room board of the chosen location, kept so changes reach it; {@link #closed} forgets it. */
    public Optional<WaitingRoomBoardViewModel> openBoard() {
        Location chosen = location.get();
        if (chosen == null) {
            message.set("Choose the location whose waiting room the display is for.");
            return Optional.empty();
        }
        WaitingRoomBoardViewModel board = new WaitingRoomBoardViewModel(connection, calls, chosen.getLocationId(), chosen.getName());
        board.liveProperty().bind(live);
        boards.add(board);
        return Optional.of(board);
    }

    /** The live feed's state, passed on to every waiting-room display so each can say when it is cut off. */
    public ObjectProperty<org.medconnect.desktop.platform.live.LiveState> liveProperty() {
        return live;
    }

    public void closed(WaitingRoomBoardViewModel board) {
        board.liveProperty().unbind();
        boards.remove(board);
    }

    void accept(GetDoctorQueueResponse queue) {
        serving.set(queue.hasServing() ? Optional.of(queue.getServing()) : Optional.empty());
        waiting.setAll(queue.getWaitingList());
        reorders.setAll(queue.getReordersList().reversed());
        summary.set(queue.getLastToken() == 0 ? "Nobody has checked in yet today"
                : (queue.hasServing() ? "Seeing token " + queue.getServing().getTokenNumber() + " · " : "")
                        + (queue.getWaitingCount() == 0 ? "nobody waiting" : queue.getWaitingCount() + " waiting")
                        + " · " + Plural.of(queue.getLastToken(), "token", "tokens") + " issued today");
    }

    /** The reason the workstation checks before sending (the server checks again). */
    public Optional<String> reasonProblem() {
        String r = reason.get() == null ? "" : reason.get().strip();
        if (r.isEmpty()) {
            return Optional.of("Give a reason for moving this patient, e.g. \"Chest pain: urgent\".");
        }
        if (QueueLimits.REORDER_REASON.exceededBy(r)) {
            return Optional.of(QueueLimits.REORDER_REASON.message());
        }
        return Optional.empty();
    }

    /** Moves a waiting patient to the chosen place, with the reason typed. */
    public void reorder(Appointment appointment) {
        Optional<String> problem = reasonProblem();
        if (problem.isPresent()) {
            notice.set("");
            message.set(problem.get());
            return;
        }
        ReorderQueueRequest request = ReorderQueueRequest.newBuilder().setAppointmentId(appointment.getAppointmentId())
                .setToPlace(toPlace.get()).setReason(reason.get().strip()).build();
        calls.call(busy, () -> connection.queue().reorderQueue(request), moved -> {
            waiting.setAll(moved.getWaitingList());
            message.set("");
            reason.set("");
            notice.set("Token " + moved.getReorder().getTokenNumber() + " moved from place " + moved.getReorder().getFromPlace()
                    + " to " + moved.getReorder().getToPlace() + ".");
            reload();
        }, this::showFailure);
    }

    /** A checked-in patient who left before being called. Acts at once; the bar offers it back (decision 0025). */
    public void markNoShow(Appointment appointment) {
        MarkNoShowRequest request = MarkNoShowRequest.newBuilder().setAppointmentId(appointment.getAppointmentId()).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().markNoShow(request).getAppointment(), done -> {
            message.set("");
            notice.set("");
            undoOffer.set(new UndoOffer("Token " + done.getTokenNumber() + " (" + done.getPatient().getDisplayName()
                    + ") marked as no-show.", () -> undoNoShow(done)));
            reload();
        }, this::showFailure);
    }

    /** Puts a patient marked no-show back in the queue with their token, unless the appointment has moved on since. */
    public void undoNoShow(Appointment noShow) {
        UndoStatusMoveRequest request = UndoStatusMoveRequest.newBuilder().setAppointmentId(noShow.getAppointmentId())
                .setUndoStatus(AppointmentStatus.APPOINTMENT_STATUS_NO_SHOW).build();
        undoOffer.set(null);
        calls.call(busy, () -> connection.appointments().undoStatusMove(request).getAppointment(), back -> {
            message.set("");
            notice.set("No-show undone: " + back.getPatient().getDisplayName()
                    + (back.getTokenNumber() > 0 ? " is back in the queue with token " + back.getTokenNumber() + "." : " is expected again."));
            reload();
        }, this::showFailure);
    }

    private void showFailure(CallFailure failure) {
        notice.set("");
        message.set(failure.message());
        if (failure.code() == io.grpc.Status.Code.FAILED_PRECONDITION || failure.code() == io.grpc.Status.Code.ABORTED) {
            reload();
        }
    }

    public ObservableList<Doctor> doctors() { return doctors; }
    public ObservableList<Location> locations() { return locations; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public ObjectProperty<Location> locationProperty() { return location; }
    public ObjectProperty<Optional<Appointment>> servingProperty() { return serving; }
    public ObservableList<Appointment> waiting() { return waiting; }
    public ObservableList<QueueReorder> reorders() { return reorders; }
    public IntegerProperty toPlaceProperty() { return toPlace; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<UndoOffer> undoOfferProperty() { return undoOffer; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
