package org.medconnect.desktop.report;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentListener;
import org.medconnect.desktop.platform.live.Scheduler;
import org.medconnect.proto.appointment.v1.AppointmentEvent;
import org.medconnect.proto.report.v1.ExportReportPanelCsvRequest;
import org.medconnect.proto.report.v1.ExportReportPanelCsvResponse;
import org.medconnect.proto.report.v1.GetReportPanelRequest;
import org.medconnect.proto.report.v1.Panel;
import org.medconnect.proto.report.v1.ReportFilter;
import org.medconnect.proto.report.v1.ReportTable;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;
import org.medconnect.proto.schedule.v1.ListLocationsRequest;
import org.medconnect.proto.staff.v1.ListDepartmentsRequest;

/**
 * The clinic dashboard: a filter (period, location, department, doctor) and one table per panel,
 * each loaded in the background. While it is open, appointment changes from the live feed reload
 * the appointment panels once things settle ({@link #SETTLE}), so a busy morning costs one reload.
 */
public final class ReportDashboardViewModel implements AppointmentListener {

    /** How long the dashboard waits after the last appointment change before it reloads. */
    public static final Duration SETTLE = Duration.ofMillis(1500);

    /** Panels whose figures move when an appointment changes (money and sign-ins do not). */
    static final Set<Panel> APPOINTMENT_PANELS = Set.of(Panel.PANEL_APPOINTMENTS_PER_DAY, Panel.PANEL_APPOINTMENTS_PER_WEEK,
            Panel.PANEL_ATTENDANCE, Panel.PANEL_UTILISATION, Panel.PANEL_VISIT_TIMES, Panel.PANEL_NEW_VS_RETURNING);

    /** The panels in the order the dashboard shows them. */
    public static final List<Panel> PANELS = List.of(Panel.PANEL_APPOINTMENTS_PER_DAY, Panel.PANEL_ATTENDANCE,
            Panel.PANEL_UTILISATION, Panel.PANEL_VISIT_TIMES, Panel.PANEL_NEW_VS_RETURNING, Panel.PANEL_REVENUE_BY_DAY,
            Panel.PANEL_REVENUE_BY_METHOD, Panel.PANEL_REVENUE_BY_DOCTOR, Panel.PANEL_REVENUE_BY_DEPARTMENT,
            Panel.PANEL_OUTSTANDING_AGEING, Panel.PANEL_APPOINTMENTS_PER_WEEK, Panel.PANEL_SIGN_INS);

    /** A choice in a filter box; the empty id means "all". */
    public record Choice(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One panel's state: its table once loaded, whether it is loading, and a problem to show. */
    public static final class PanelState {
        private final ObjectProperty<ReportTable> table = new SimpleObjectProperty<>();
        private final BooleanProperty busy = new SimpleBooleanProperty();
        private final StringProperty problem = new SimpleStringProperty("");
        private long generation;

        public ObjectProperty<ReportTable> tableProperty() {
            return table;
        }

        public BooleanProperty busyProperty() {
            return busy;
        }

        public StringProperty problemProperty() {
            return problem;
        }
    }

    public static final Choice ALL = new Choice("", "All");

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Scheduler scheduler;
    private final java.util.concurrent.Executor ui;
    private final boolean ownFiguresOnly;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Choice> location = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<Choice> department = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<Choice> doctor = new SimpleObjectProperty<>(ALL);
    private final ObservableList<Choice> locations = FXCollections.observableArrayList(ALL);
    private final ObservableList<Choice> departments = FXCollections.observableArrayList(ALL);
    private final ObservableList<Choice> doctors = FXCollections.observableArrayList(ALL);
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty optionsBusy = new SimpleBooleanProperty();
    private final Map<Panel, PanelState> panels = new EnumMap<>(Panel.class);
    private Scheduler.Scheduled pendingReload;
    private int liveReloads;

    /**
     * {@code ownFiguresOnly}: a doctor's dashboard (the server reports on the caller whatever is asked,
     * so the doctor filter is hidden); {@code ui} runs the settled reload on the FX thread. Starts on the last 30 days up to today.
     */
    public ReportDashboardViewModel(ServerConnection connection, ServerCalls calls, Clock clock, Scheduler scheduler,
                                    java.util.concurrent.Executor ui, boolean ownFiguresOnly) {
        this.connection = connection;
        this.calls = calls;
        this.scheduler = scheduler;
        this.ui = ui;
        this.ownFiguresOnly = ownFiguresOnly;
        LocalDate today = LocalDate.now(clock);
        to.set(today);
        from.set(today.minusDays(29));
        for (Panel p : PANELS) {
            panels.put(p, new PanelState());
        }
    }

    public boolean ownFiguresOnly() {
        return ownFiguresOnly;
    }

    /** Loads the filter choices (admins only need them all) and then every panel. */
    public void open() {
        if (!ownFiguresOnly) {
            calls.call(optionsBusy, () -> new Options(
                    connection.schedule().listLocations(ListLocationsRequest.getDefaultInstance()).getLocationsList().stream()
                            .map(l -> new Choice(l.getLocationId(), l.getName())).toList(),
                    connection.staff().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList().stream()
                            .map(d -> new Choice(d.getDepartmentId(), d.getName())).toList(),
                    connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList().stream()
                            .map(d -> new Choice(d.getDoctorId(), d.getDisplayName())).toList()),
                    options -> {
                        locations.setAll(prepend(options.locations()));
                        departments.setAll(prepend(options.departments()));
                        doctors.setAll(prepend(options.doctors()));
                    },
                    failure -> problem.set(failure.message()));
        }
        reload();
    }

    private record Options(List<Choice> locations, List<Choice> departments, List<Choice> doctors) {}

    private static List<Choice> prepend(List<Choice> list) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ALL), list.stream()).toList();
    }

    /** Checks the period before asking: an empty or reversed one, or one over a year, is explained here. */
    public Optional<String> periodProblem() {
        if (from.get() == null || to.get() == null) {
            return Optional.of("Choose the first and last day.");
        }
        if (to.get().isBefore(from.get())) {
            return Optional.of("The last day is before the first.");
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(from.get(), to.get()) + 1 > 366) {
            return Optional.of("A report covers at most 366 days.");
        }
        return Optional.empty();
    }

    /** Loads every panel for the current filter. */
    public void reload() {
        Optional<String> bad = periodProblem();
        problem.set(bad.orElse(""));
        if (bad.isPresent()) {
            return;
        }
        PANELS.forEach(this::load);
    }

    ReportFilter filter() {
        return ReportFilter.newBuilder().setFromDate(from.get().toString()).setToDate(to.get().toString())
                .setLocationId(location.get() == null ? "" : location.get().id())
                .setDepartmentId(department.get() == null ? "" : department.get().id())
                .setDoctorId(ownFiguresOnly || doctor.get() == null ? "" : doctor.get().id()).build();
    }

    private void load(Panel panel) {
        PanelState state = panels.get(panel);
        long generation = ++state.generation;
        ReportFilter filter = filter();
        calls.call(state.busy, () -> connection.reports().getReportPanel(GetReportPanelRequest.newBuilder().setPanel(panel)
                        .setFilter(filter).build()).getTable(),
                table -> {
                    // An answer for an older filter must not replace a newer one.
                    if (generation == state.generation) {
                        state.table.set(table);
                        state.problem.set("");
                    }
                },
                failure -> {
                    if (generation == state.generation) {
                        state.problem.set(failure.message());
                    }
                });
    }

    /** The panel as CSV from the server (quoted, formulas neutralised there), for the view to save. */
    public void exportCsv(Panel panel, Consumer<ExportReportPanelCsvResponse> save) {
        if (periodProblem().isPresent()) {
            return;
        }
        PanelState state = panels.get(panel);
        ReportFilter filter = filter();
        calls.call(state.busy, () -> connection.reports().exportReportPanelCsv(ExportReportPanelCsvRequest.newBuilder()
                .setPanel(panel).setFilter(filter).build()), save, failure -> state.problem.set(failure.message()));
    }

    @Override
    public void appointmentChanged(AppointmentEvent event) {
        scheduleLiveReload();
    }

    @Override
    public void reloadNeeded() {
        scheduleLiveReload();
    }

    /** Many changes in a burst become one reload, {@link #SETTLE} after the last of them. */
    private void scheduleLiveReload() {
        if (pendingReload != null) {
            pendingReload.cancel();
        }
        pendingReload = scheduler.schedule(SETTLE, () -> ui.execute(this::liveReload));
    }

    void liveReload() {
        pendingReload = null;
        if (periodProblem().isPresent()) {
            return;
        }
        liveReloads++;
        PANELS.stream().filter(APPOINTMENT_PANELS::contains).forEach(this::load);
    }

    int liveReloads() {
        return liveReloads;
    }

    public PanelState panel(Panel panel) {
        return panels.get(panel);
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<Choice> locationProperty() {
        return location;
    }

    public ObjectProperty<Choice> departmentProperty() {
        return department;
    }

    public ObjectProperty<Choice> doctorProperty() {
        return doctor;
    }

    public ObservableList<Choice> locations() {
        return locations;
    }

    public ObservableList<Choice> departments() {
        return departments;
    }

    public ObservableList<Choice> doctors() {
        return doctors;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
