package org.medconnect.desktop.clinic;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;
import org.medconnect.proto.staff.v1.RetireDepartmentRequest;

/** The departments list: show retired or not, retire one. */
public final class DepartmentsViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<Department> departments = FXCollections.observableArrayList();
    private final BooleanProperty showRetired = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public DepartmentsViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        showRetired.addListener((obs, old, now) -> reload());
    }

    public void reload() {
        ListDepartmentsRequest request = ListDepartmentsRequest.newBuilder().setIncludeRetired(showRetired.get()).build();
        calls.call(busy, () -> connection.staff().listDepartments(request).getDepartmentsList(), list -> {
            departments.setAll(list);
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    public void retire(Department department) {
        calls.call(busy, () -> connection.staff().retireDepartment(RetireDepartmentRequest.newBuilder()
                .setDepartmentId(department.getDepartmentId()).build()).getDepartment(), changed -> reload(),
                failure -> message.set(failure.message()));
    }

    public ObservableList<Department> departments() { return departments; }
    public BooleanProperty showRetiredProperty() { return showRetired; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
