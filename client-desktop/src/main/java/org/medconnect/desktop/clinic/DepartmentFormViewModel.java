package org.medconnect.desktop.clinic;

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
import org.medconnect.proto.staff.v1.CreateDepartmentRequest;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.RenameDepartmentRequest;
import org.medconnect.shared.staff.StaffRules;

/** Naming a new department or renaming one. */
public final class DepartmentFormViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Optional<Department> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private String requestId = UUID.randomUUID().toString();
    private Consumer<Department> onSaved = d -> {};

    public DepartmentFormViewModel(ServerConnection connection, ServerCalls calls, Optional<Department> editing) {
        this.connection = connection;
        this.calls = calls;
        this.editing = editing;
        editing.ifPresent(d -> name.set(d.getName()));
    }

    public void onSaved(Consumer<Department> handler) {
        this.onSaved = handler;
    }

    public void save() {
        if (busy.get()) {
            return;
        }
        error.set(StaffRules.checkDepartmentName(name.get()).orElse(""));
        if (!error.get().isEmpty()) {
            return;
        }
        message.set("");
        String clean = name.get().strip();
        if (editing.isEmpty()) {
            CreateDepartmentRequest request = CreateDepartmentRequest.newBuilder().setRequestId(requestId).setName(clean).build();
            calls.call(busy, () -> connection.staff().createDepartment(request).getDepartment(), saved -> onSaved.accept(saved), this::showFailure);
        } else {
            RenameDepartmentRequest request = RenameDepartmentRequest.newBuilder()
                    .setDepartmentId(editing.get().getDepartmentId()).setName(clean).build();
            calls.call(busy, () -> connection.staff().renameDepartment(request).getDepartment(), saved -> onSaved.accept(saved), this::showFailure);
        }
    }

    private void showFailure(CallFailure failure) {
        if (failure.definiteRefusal()) {
            requestId = UUID.randomUUID().toString();
        }
        error.set(failure.fieldErrors().getOrDefault("name", ""));
        message.set(failure.message());
    }

    public boolean isCreate() { return editing.isEmpty(); }
    public StringProperty nameProperty() { return name; }
    public StringProperty errorProperty() { return error; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
