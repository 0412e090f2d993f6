package org.medconnect.desktop.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListAppointmentTypesRequest;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.schedule.v1.Location;
import org.medconnect.proto.staff.v1.Department;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;

/**
 * The clinic's lists every reception screen picks from (locations, appointment types, doctors,
 * departments), loaded once per workspace and shared. The first entry of each "choice" list is
 * the proto default instance, meaning "any" / "all".
 */
public final class Directory {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObservableList<Location> locations = FXCollections.observableArrayList();
    private final ObservableList<AppointmentType> types = FXCollections.observableArrayList();
    private final ObservableList<Doctor> doctors = FXCollections.observableArrayList();
    private final ObservableList<Department> departments = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Runnable> whenLoaded = new ArrayList<>();

    public Directory(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    /** What one load brings back. */
    public record Lists(List<Location> locations, List<AppointmentType> types, List<Doctor> doctors,
                        List<Department> departments) {}

    /** Loads the lists unless they are there already; {@code then} runs once they are. */
    public void ensureLoaded(Runnable then) {
        if (loaded.get()) {
            then.run();
            return;
        }
        whenLoaded.add(then);
        if (!busy.get()) {
            reload();
        }
    }

    public void reload() {
        calls.call(busy, () -> new Lists(
                connection.schedule().listLocations(ListLocationsRequest.getDefaultInstance()).getLocationsList(),
                connection.schedule().listAppointmentTypes(ListAppointmentTypesRequest.getDefaultInstance()).getTypesList(),
                connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList(),
                connection.staff().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList()),
                this::accept, failure -> message.set(failure.message()));
    }

    /** Takes lists that arrived (also how tests fill a directory without a server). */
    public void accept(Lists lists) {
        locations.setAll(lists.locations().stream().filter(l -> !l.getRetired())
                .sorted(Comparator.comparing(Location::getName)).toList());
        types.setAll(lists.types().stream().filter(t -> !t.getRetired()).toList());
        doctors.setAll(lists.doctors().stream().sorted(Comparator.comparing(Directory::sortName)).toList());
        departments.setAll(lists.departments().stream().filter(d -> !d.getRetired())
                .sorted(Comparator.comparing(Department::getName)).toList());
        message.set("");
        loaded.set(true);
        List<Runnable> waiting = List.copyOf(whenLoaded);
        whenLoaded.clear();
        waiting.forEach(Runnable::run);
    }

    /** "Dr Anna Chen" and "Dr. Anna Chen" sort under C, not under D. */
    public static String sortName(Doctor doctor) {
        String name = doctor.getDisplayName();
        String bare = name.replaceFirst("^(Dr\\.?|Prof\\.?)\\s+", "");
        int space = bare.lastIndexOf(' ');
        return (space < 0 ? bare : bare.substring(space + 1) + " " + bare.substring(0, space)).toLowerCase();
    }

    public static final Location ANY_LOCATION = Location.getDefaultInstance();
    public static final Doctor ANY_DOCTOR = Doctor.getDefaultInstance();
    public static final Department ANY_DEPARTMENT = Department.getDefaultInstance();

    /** "All locations" first, then the locations. */
    public ObservableList<Location> locationChoices() {
        ObservableList<Location> choices = FXCollections.observableArrayList(ANY_LOCATION);
        choices.addAll(locations);
        return choices;
    }

    public ObservableList<Department> departmentChoices() {
        ObservableList<Department> choices = FXCollections.observableArrayList(ANY_DEPARTMENT);
        choices.addAll(departments);
        return choices;
    }

    /** "Any doctor" first, then the doctors of {@code department} (all when it is "any"). */
    public List<Doctor> doctorChoices(Department department) {
        List<Doctor> choices = new ArrayList<>();
        choices.add(ANY_DOCTOR);
        doctors.stream().filter(d -> department == null || department.getDepartmentId().isEmpty()
                || d.getDepartmentId().equals(department.getDepartmentId())).forEach(choices::add);
        return choices;
    }

    public Optional<Doctor> doctor(String doctorId) {
        return doctors.stream().filter(d -> d.getDoctorId().equals(doctorId)).findFirst();
    }

    public Optional<Location> location(String locationId) {
        return locations.stream().filter(l -> l.getLocationId().equals(locationId)).findFirst();
    }

    public Optional<AppointmentType> type(String typeId) {
        return types.stream().filter(t -> t.getTypeId().equals(typeId)).findFirst();
    }

    public Optional<Department> department(String departmentId) {
        return departments.stream().filter(d -> d.getDepartmentId().equals(departmentId)).findFirst();
    }

    public ObservableList<Location> locations() { return locations; }
    public ObservableList<AppointmentType> types() { return types; }
    public ObservableList<Doctor> doctors() { return doctors; }
    public ObservableList<Department> departments() { return departments; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty loadedProperty() { return loaded; }
    public StringProperty messageProperty() { return message; }
}
