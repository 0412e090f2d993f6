package org.medconnect.desktop.absence;

import org.medconnect.desktop.platform.Plural;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.appointment.v1.AbsenceMode;
import org.medconnect.proto.appointment.v1.AbsenceOutcome;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceRequest;
import org.medconnect.proto.appointment.v1.HandleDoctorAbsenceResponse;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.shared.appointment.AbsenceRules;
import org.medconnect.shared.validation.FieldError;

/**
 * A doctor is away: choose the doctor, the days, whether to move their appointments to a
 * colleague or cancel them, and a reason; preview what would happen (a dry run), then apply
 * exactly what was previewed. Any change to the inputs throws the preview away.
 */
public final class DoctorAbsenceViewModel {

    /** What to do with the absent doctor's appointments. */
    public enum Action { MOVE_TO_COLLEAGUES, CANCEL }

    /** Where the screen is: filling in, looking at a preview that can be applied, or looking at what was done. */
    public enum Phase { EDITING, PREVIEWED, APPLIED }

    /** One appointment of the absent doctor and what happens (or happened) to it. */
    public record Row(String when, String patient, String phone, String type, String result, boolean done,
                      Appointment appointment, boolean cancels) {

        /**
         * The style of the result: a move is good news (green), a cancellation a warning (amber:
         * patients lose their time), a failure to move an alarm (red).
         */
        public String resultStyle() {
            return !done ? "absence-not-done" : cancels ? "absence-cancels" : "absence-done";
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;

    private final ObservableList<Doctor> doctors = FXCollections.observableArrayList();
    private final ObjectProperty<Doctor> doctor = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> firstDay = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> lastDay = new SimpleObjectProperty<>();
    private final ObjectProperty<Action> action = new SimpleObjectProperty<>(Action.MOVE_TO_COLLEAGUES);
    private final StringProperty reason = new SimpleStringProperty("");

    private final StringProperty doctorError = new SimpleStringProperty("");
    private final StringProperty daysError = new SimpleStringProperty("");
    private final StringProperty actionError = new SimpleStringProperty("");
    private final StringProperty reasonError = new SimpleStringProperty("");
    private final StringProperty colleagues = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty doctorsBusy = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.EDITING);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty somethingToDo = new SimpleBooleanProperty();
    private final BooleanBinding canApply;
    private final javafx.beans.binding.StringBinding span;

    // The request the shown preview answered: Apply sends exactly this, for real.
    private Optional<HandleDoctorAbsenceRequest> previewed = Optional.empty();
    private Optional<HandleDoctorAbsenceResponse> preview = Optional.empty();
    // Bumped on every input change, so an answer to an older preview is dropped when it arrives.
    private long inputsVersion;

    public DoctorAbsenceViewModel(ServerConnection connection, ServerCalls calls, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        firstDay.set(today);
        lastDay.set(today);
        watch(doctor, doctorError);
        watch(firstDay, daysError);
        watch(lastDay, daysError);
        watch(action, actionError);
        watch(reason, reasonError);
        doctor.addListener((obs, old, now) -> updateColleagues());
        doctors.addListener((javafx.collections.ListChangeListener<Doctor>) c -> updateColleagues());
        canApply = Bindings.createBooleanBinding(() -> phase.get() == Phase.PREVIEWED && !busy.get() && somethingToDo.get(),
                phase, busy, somethingToDo);
        span = Bindings.createStringBinding(() -> {
            LocalDate first = firstDay.get();
            LocalDate last = lastDay.get();
            if (first == null || last == null || last.isBefore(first)) {
                return "";
            }
            long n = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            return Plural.of(n, "day", "days");
        }, firstDay, lastDay);
    }

    private void watch(ObservableValue<?> input, StringProperty error) {
        input.addListener((obs, old, now) -> {
            error.set("");
            inputsChanged();
        });
    }

    private void inputsChanged() {
        inputsVersion++;
        message.set("");
        if (phase.get() != Phase.EDITING) {
            previewed = Optional.empty();
            preview = Optional.empty();
            rows.clear();
            summary.set("");
            phase.set(Phase.EDITING);
        }
    }

    /** Fills the doctor list; a doctor chosen before stays chosen when still listed. */
    public void loadDoctors() {
        calls.call(doctorsBusy, () -> connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList(),
                list -> {
                    String chosen = doctor.get() == null ? "" : doctor.get().getDoctorId();
                    doctors.setAll(list);
                    doctor.set(list.stream().filter(d -> d.getDoctorId().equals(chosen)).findFirst().orElse(null));
                }, failure -> message.set(failure.message()));
    }

    /** Checks the inputs and asks the server what would happen, changing nothing. */
    public void preview() {
        if (busy.get()) {
            return;
        }
        List<FieldError> problems = AbsenceRules.check(doctor.get() != null, Optional.ofNullable(firstDay.get()),
                Optional.ofNullable(lastDay.get()), reason.get());
        showFieldErrors(problems);
        if (!problems.isEmpty()) {
            message.set("");
            return;
        }
        HandleDoctorAbsenceRequest request = HandleDoctorAbsenceRequest.newBuilder()
                .setDoctorId(doctor.get().getDoctorId())
                .setFromDate(firstDay.get().toString())
                .setToDate(lastDay.get().toString())
                .setMode(action.get() == Action.CANCEL ? AbsenceMode.ABSENCE_MODE_CANCEL : AbsenceMode.ABSENCE_MODE_MOVE_TO_COLLEAGUES)
                .setReason(reason.get().strip())
                .setDryRun(true)
                .build();
        long version = inputsVersion;
        message.set("");
        calls.call(busy, () -> connection.appointments().handleDoctorAbsence(request), response -> {
            if (version != inputsVersion) {
                return; // the inputs changed while the server was answering
            }
            previewed = Optional.of(request);
            preview = Optional.of(response);
            somethingToDo.set(response.getMovedCount() + response.getCancelledCount() > 0);
            show(response, false);
            phase.set(Phase.PREVIEWED);
        }, failure -> {
            if (version == inputsVersion) {
                showFailure(failure);
            }
        });
    }

    /** The question to ask before {@link #apply()}, e.g. "Move 5 appointments and leave 2 as they are?". */
    public String applyQuestion() {
        HandleDoctorAbsenceResponse p = preview.orElseThrow(() -> new IllegalStateException("Preview first"));
        if (isCancel(previewed.orElseThrow())) {
            return "Cancel " + appointments(p.getCancelledCount()) + "?";
        }
        String move = "Move " + appointments(p.getMovedCount());
        if (p.getNotMovedCount() == 0) {
            return move + "?";
        }
        return move + " and leave " + p.getNotMovedCount() + (p.getNotMovedCount() == 1 ? " as it is?" : " as they are?");
    }

    /** Who and when the preview covers, for the confirmation, e.g. "Dr Okafor, Tue 24 Nov to Fri 27 Nov". */
    public String previewedScope() {
        HandleDoctorAbsenceRequest r = previewed.orElseThrow(() -> new IllegalStateException("Preview first"));
        return doctorName(r.getDoctorId()) + ", " + days(LocalDate.parse(r.getFromDate()), LocalDate.parse(r.getToDate()));
    }

    public boolean previewIsCancel() {
        return previewed.map(DoctorAbsenceViewModel::isCancel).orElse(false);
    }

    /** Does for real exactly what the shown preview said, in one transaction on the server. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        HandleDoctorAbsenceRequest request = previewed.orElseThrow().toBuilder().setDryRun(false).build();
        message.set("");
        calls.call(busy, () -> connection.appointments().handleDoctorAbsence(request), response -> {
            preview = Optional.empty();
            show(response, true);
            phase.set(Phase.APPLIED);
        }, failure -> {
            showFailure(failure);
            if (!failure.definiteRefusal()) {
                // A timeout or a lost connection leaves it unknown whether the server did it.
                message.set(failure.message() + " It may or may not have been done: preview again to see what is left.");
            }
            previewed = Optional.empty();
            preview = Optional.empty();
            rows.clear();
            summary.set("");
            phase.set(Phase.EDITING);
        });
    }

    private void show(HandleDoctorAbsenceResponse response, boolean applied) {
        boolean cancel = isCancel(previewed.orElseThrow());
        List<Row> shown = new ArrayList<>();
        for (AbsenceOutcome outcome : response.getOutcomesList()) {
            Appointment a = outcome.getAppointment();
            shown.add(new Row(when(a), a.getPatient().getDisplayName(), a.getPatient().getPhone(), a.getTypeName(),
                    result(outcome, cancel, applied), outcome.getDone(), a, cancel));
        }
        rows.setAll(shown);
        summary.set(summaryOf(response, cancel, applied));
    }

    private static String result(AbsenceOutcome outcome, boolean cancel, boolean applied) {
        if (!outcome.getDone()) {
            return (applied ? "Not moved: " : "Cannot move: ") + outcome.getWhyNot();
        }
        if (cancel) {
            return applied ? "Cancelled" : "Will be cancelled";
        }
        return (applied ? "Moved to " : "Moves to ") + outcome.getAppointment().getDoctorName();
    }

    private String summaryOf(HandleDoctorAbsenceResponse r, boolean cancel, boolean applied) {
        HandleDoctorAbsenceRequest request = previewed.orElseThrow();
        if (r.getOutcomesCount() == 0) {
            return doctorName(request.getDoctorId()) + " has no pending or confirmed appointments "
                    + days(LocalDate.parse(request.getFromDate()), LocalDate.parse(request.getToDate())) + ".";
        }
        if (cancel) {
            return applied ? r.getCancelledCount() + " cancelled. Let the patients know."
                    : r.getCancelledCount() + " will be cancelled";
        }
        List<String> parts = new ArrayList<>();
        if (r.getMovedCount() > 0 || r.getNotMovedCount() == 0) {
            parts.add(r.getMovedCount() + (applied ? " moved" : " move"));
        }
        if (r.getNotMovedCount() > 0) {
            parts.add(r.getNotMovedCount() + (applied ? " not moved" : " cannot be moved"));
        }
        String text = String.join(", ", parts);
        if (applied && r.getNotMovedCount() > 0) {
            text += ". Call the highlighted " + Plural.noun(r.getNotMovedCount(), "patient", "patients") + " to rebook.";
        }
        return text;
    }

    private void showFailure(CallFailure failure) {
        List<FieldError> fields = new ArrayList<>();
        failure.fieldErrors().forEach((field, text) -> fields.add(new FieldError(field, text)));
        boolean shownAtAField = showFieldErrors(fields);
        message.set(shownAtAField ? "" : failure.message());
    }

    /** Puts each error next to its field; true when at least one found a field. */
    private boolean showFieldErrors(List<FieldError> errors) {
        doctorError.set("");
        daysError.set("");
        actionError.set("");
        reasonError.set("");
        boolean any = false;
        List<String> elsewhere = new ArrayList<>();
        for (FieldError e : errors) {
            StringProperty target = switch (e.field()) {
                case "doctor_id" -> doctorError;
                case "from_date", "to_date" -> daysError;
                case "mode" -> actionError;
                case "reason" -> reasonError;
                default -> null;
            };
            if (target == null) {
                elsewhere.add(e.message());
            } else if (target.get().isEmpty()) {
                target.set(e.message());
                any = true;
            }
        }
        return any && elsewhere.isEmpty();
    }

    private void updateColleagues() {
        Doctor chosen = doctor.get();
        if (chosen == null) {
            colleagues.set("");
            return;
        }
        String specialty = chosen.getSpecialization().strip();
        List<String> same = doctors.stream()
                .filter(d -> !d.getDoctorId().equals(chosen.getDoctorId()))
                .filter(d -> !specialty.isEmpty() && d.getSpecialization().strip().equalsIgnoreCase(specialty))
                .map(Doctor::getDisplayName).collect(Collectors.toList());
        List<String> others = doctors.stream()
                .filter(d -> !d.getDoctorId().equals(chosen.getDoctorId()))
                .map(Doctor::getDisplayName).filter(n -> !same.contains(n)).collect(Collectors.toList());
        // The server tries the same specialty first, then the same department, then any doctor free then.
        String rest = others.isEmpty() ? "" : "then " + (others.size() == 1 ? others.getFirst() : others.size() + " other doctors");
        if (same.isEmpty() && others.isEmpty()) {
            colleagues.set("There is no other doctor: appointments cannot be moved to a colleague.");
        } else if (same.isEmpty()) {
            colleagues.set((specialty.isEmpty() ? "No specialty on record" : "No other doctor is in " + specialty)
                    + ": tries " + (others.size() == 1 ? others.getFirst() : "the " + others.size() + " other doctors") + ".");
        } else {
            colleagues.set("Same specialty first: " + String.join(", ", same) + (rest.isEmpty() ? "" : "; " + rest) + ".");
        }
    }

    /** "Dr Anna Chen — Cardiology", as the doctor list shows a doctor. */
    public static String label(Doctor d) {
        return d == null ? "" : d.getSpecialization().isBlank() ? d.getDisplayName() : d.getDisplayName() + " — " + d.getSpecialization();
    }

    private String doctorName(String id) {
        return doctors.stream().filter(d -> d.getDoctorId().equals(id)).map(Doctor::getDisplayName).findFirst().orElse("The doctor");
    }

    private static String days(LocalDate from, LocalDate to) {
        return from.equals(to) ? "on " + DAY.format(from) : "from " + DAY.format(from) + " to " + DAY.format(to);
    }

    private String when(Appointment a) {
        return WHEN.format(ClinicTime.instant(a.getStartsAt()).atZone(zone));
    }

    private static boolean isCancel(HandleDoctorAbsenceRequest r) {
        return r.getMode() == AbsenceMode.ABSENCE_MODE_CANCEL;
    }

    private static String appointments(int n) {
        return Plural.of(n, "appointment", "appointments");
    }

    public ObservableList<Doctor> doctors() { return doctors; }
    public ObjectProperty<Doctor> doctorProperty() { return doctor; }
    public ObjectProperty<LocalDate> firstDayProperty() { return firstDay; }
    public ObjectProperty<LocalDate> lastDayProperty() { return lastDay; }
    public ObjectProperty<Action> actionProperty() { return action; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty doctorErrorProperty() { return doctorError; }
    public StringProperty daysErrorProperty() { return daysError; }
    public StringProperty actionErrorProperty() { return actionError; }
    public StringProperty reasonErrorProperty() { return reasonError; }
    public StringProperty colleaguesProperty() { return colleagues; }
    public StringProperty messageProperty() { return message; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty doctorsBusyProperty() { return doctorsBusy; }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ObservableList<Row> rows() { return rows; }
    public BooleanBinding canApplyProperty() { return canApply; }
    /** "3 days": how many days the chosen range covers, both ends included. */
    public javafx.beans.binding.StringBinding spanProperty() { return span; }
}
