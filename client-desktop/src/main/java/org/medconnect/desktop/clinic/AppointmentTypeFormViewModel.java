package org.medconnect.desktop.clinic;

import org.medconnect.desktop.platform.FormErrors;
import org.medconnect.desktop.platform.ScheduleChecks;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.CreateAppointmentTypeRequest;
import org.medconnect.proto.schedule.v1.UpdateAppointmentTypeRequest;
import org.medconnect.shared.schedule.ScheduleRules;
import org.medconnect.shared.validation.Validation;

/** Creating or changing an appointment type: name, length, buffer, video, whether the doctor confirms. */
public final class AppointmentTypeFormViewModel {

    public static final String NAME = "name";
    public static final String DURATION = "duration_minutes";
    public static final String BUFFER = "buffer_minutes";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Optional<AppointmentType> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("20");
    private final StringProperty buffer = new SimpleStringProperty("0");
    private final BooleanProperty video = new SimpleBooleanProperty();
    private final BooleanProperty needsConfirmation = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors(NAME, DURATION, BUFFER);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<AppointmentType> onSaved = t -> { };

    public AppointmentTypeFormViewModel(ServerConnection connection, ServerCalls calls, Optional<AppointmentType> editing) {
        this.connection = connection;
        this.calls = calls;
        this.editing = editing;
        editing.ifPresent(t -> {
            name.set(t.getName());
            duration.set(Integer.toString(t.getDurationMinutes()));
            buffer.set(Integer.toString(t.getBufferMinutes()));
            video.set(t.getVideo());
            needsConfirmation.set(t.getNeedsConfirmation());
        });
    }

    public void onSaved(Consumer<AppointmentType> handler) {
        this.onSaved = handler;
    }

    public boolean validate() {
        Validation validation = new Validation()
                .check(NAME, ScheduleRules.checkTypeName(name.get()))
                .check(DURATION, ScheduleChecks.minutes(duration.get(), "the length", ScheduleRules::checkDurationMinutes))
                .check(BUFFER, ScheduleChecks.minutes(buffer.get(), "the buffer", ScheduleRules::checkBufferMinutes));
        errors.show(validation.errors());
        message.set("");
        return validation.ok();
    }

    /** The type as the form describes it (call after {@link #validate()}). */
    AppointmentType toType() {
        AppointmentType.Builder type = editing.map(AppointmentType::toBuilder).orElseGet(AppointmentType::newBuilder)
                .setName(name.get().strip())
                .setDurationMinutes(ScheduleChecks.parseWhole(duration.get()).orElseThrow())
                .setBufferMinutes(ScheduleChecks.parseWhole(buffer.get()).orElseThrow())
                .setVideo(video.get())
                .setNeedsConfirmation(needsConfirmation.get());
        return type.build();
    }

    public void save() {
        if (busy.get() || !validate()) {
            return;
        }
        AppointmentType type = toType();
        if (editing.isEmpty()) {
            CreateAppointmentTypeRequest request = CreateAppointmentTypeRequest.newBuilder().setRequestId(requestId).setType(type).build();
            calls.call(busy, () -> connection.schedule().createAppointmentType(request).getType(), onSaved::accept, this::showFailure);
        } else {
            UpdateAppointmentTypeRequest request = UpdateAppointmentTypeRequest.newBuilder().setType(type).build();
            calls.call(busy, () -> connection.schedule().updateAppointmentType(request).getType(), onSaved::accept, this::showFailure);
        }
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        errors.showServer(failure.fieldErrors());
        if (failure.code() == io.grpc.Status.Code.ALREADY_EXISTS && !errors.any()) {
            errors.get(NAME).set("Another appointment type already has this name.");
        }
        message.set(failure.message());
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public StringProperty nameProperty() { return name; }
    public StringProperty durationProperty() { return duration; }
    public StringProperty bufferProperty() { return buffer; }
    public BooleanProperty videoProperty() { return video; }
    public BooleanProperty needsConfirmationProperty() { return needsConfirmation; }
    public StringProperty error(String field) { return errors.get(field); }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
