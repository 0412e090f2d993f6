package org.medconnect.desktop.chart;

import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.UiThread;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.chart.v1.BreakTheGlassRequest;
import org.medconnect.proto.chart.v1.ChartAllergyState;
import org.medconnect.proto.chart.v1.ChartEvent;
import org.medconnect.proto.chart.v1.ChartSummary;
import org.medconnect.proto.chart.v1.ChartTrendPoint;
import org.medconnect.proto.chart.v1.GetChartSummaryRequest;
import org.medconnect.proto.chart.v1.OpenChartRequest;

/**
 * The chart shell's state: the summary header (filled when OpenChart answers, refreshed on
 * every live change), the break-the-glass step when the server asks for it, and the
 * {@link ChartContext} the pages use. The shell is shown at once; the summary follows.
 */
public final class ChartViewModel implements ChartContext {

    /** The header's state while the chart opens. */
    public enum Stage { LOADING, OPEN, BREAK_GLASS, REFUSED }

    private static final String BREAK_GLASS_REQUIRED = "BREAK_GLASS_REQUIRED";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Clock clock;
    private final UiThread ui;
    private final String patientId;
    private final String patientName;
    private final Principal caller;
    private final ObjectProperty<ChartSummary> summary = new SimpleObjectProperty<>();
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.LOADING);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty glassReason = new SimpleStringProperty("");
    private final StringProperty requestedPage = new SimpleStringProperty("");
    private java.util.Optional<String> consultation = java.util.Optional.empty();
    private final Map<Runnable, Set<String>> listeners = new ConcurrentHashMap<>();
    private String glassRequestId = UUID.randomUUID().toString();
    private ChartWatch watch;

    public ChartViewModel(ServerConnection connection, ServerCalls calls, Clock clock, UiThread ui, Principal caller,
                          String patientId, String patientName) {
        this.connection = connection;
        this.calls = calls;
        this.clock = clock;
        this.ui = ui;
        this.caller = caller;
        this.patientId = patientId;
        this.patientName = patientName;
    }

    public ReadOnlyObjectProperty<ChartSummary> summaryProperty() {
        return summary;
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty glassReasonProperty() {
        return glassReason;
    }

    /** The page a summary line or another page asked to show; the view follows it. */
    public StringProperty requestedPageProperty() {
        return requestedPage;
    }

    /** Opens the chart: the summary, and the live subscription once it is in. */
    public void open() {
        stage.set(Stage.LOADING);
        calls.call(busy, () -> connection.chart().openChart(OpenChartRequest.newBuilder().setPatientId(patientId).build()).getSummary(),
                s -> {
                    summary.set(s);
                    stage.set(Stage.OPEN);
                    startWatching(s.getAsOfSequence());
                }, this::refused);
    }

    private void refused(CallFailure f) {
        if (f.code() == Status.Code.PERMISSION_DENIED && f.is(BREAK_GLASS_REQUIRED)) {
            problem.set("");
            stage.set(Stage.BREAK_GLASS);
        } else {
            problem.set(f.message());
            stage.set(Stage.REFUSED);
        }
    }

    /** Breaks the glass with the typed reason, then opens the chart. */
    public void breakTheGlass() {
        String reason = glassReason.get() == null ? "" : glassReason.get().strip();
        if (reason.isEmpty()) {
            problem.set("Say why you need this chart. The reason is recorded and the admins are told.");
            return;
        }
        if (reason.length() > 500) {
            problem.set("Keep the reason under 500 characters.");
            return;
        }
        calls.call(busy, () -> connection.chart().breakTheGlass(BreakTheGlassRequest.newBuilder().setPatientId(patientId)
                        .setReason(reason).setRequestId(glassRequestId).build()),
                grant -> {
                    glassRequestId = UUID.randomUUID().toString();
                    open();
                }, f -> problem.set(f.message()));
    }

    /** The summary again, without a new access log line. */
    public void refresh() {
        calls.call(new SimpleBooleanProperty(), () -> connection.chart().getChartSummary(
                GetChartSummaryRequest.newBuilder().setPatientId(patientId).build()).getSummary(), summary::set, f -> { });
    }

    private void startWatching(long after) {
        if (watch != null) {
            return;
        }
        watch = new ChartWatch(connection, patientId, after, ui, this::changed);
        watch.start();
    }

    /** A live change: the header refreshes, and the pages that listen to that kind. */
    void changed(ChartEvent event) {
        refresh();
        listeners.forEach((refresh, kinds) -> {
            if (kinds.isEmpty() || kinds.contains(event.getEntryKind())) {
                refresh.run();
            }
        });
    }

    /** Stops the live subscription. */
    public void close() {
        if (watch != null) {
            watch.close();
        }
        listeners.clear();
    }

    /** Opens this chart for a consultation: the Encounter page opens that appointment's note. */
    public void forConsultation(String appointmentId) {
        this.consultation = java.util.Optional.of(appointmentId);
        showPage("Encounter");
    }

    // ---- ChartContext ----

    @Override
    public java.util.Optional<String> consultationAppointmentId() {
        return consultation;
    }

    @Override
    public String patientId() {
        return patientId;
    }

    @Override
    public String patientName() {
        return summary.get() == null ? patientName : summary.get().getPatient().getFullName();
    }

    @Override
    public Principal caller() {
        return caller;
    }

    @Override
    public void onChange(Set<String> entryKinds, Runnable refresh) {
        listeners.put(refresh, Set.copyOf(entryKinds));
    }

    @Override
    public void showPage(String title) {
        requestedPage.set("");
        requestedPage.set(title);
    }

    // ---- header text ----

    /** "Ana Souza · 41 y · Female · MRN MC1000017 · born 07/03/1984". */
    public static String patientLine(ChartSummary s) {
        var p = s.getPatient();
        String sex = switch (p.getSex()) {
            case CHART_SEX_FEMALE -> "Female";
            case CHART_SEX_MALE -> "Male";
            case CHART_SEX_OTHER -> "Other";
            default -> "Sex unknown";
        };
        List<String> parts = new ArrayList<>(List.of(p.getAgeYears() + " y", sex, "MRN " + p.getMrn(),
                "born " + ClinicDates.format(java.time.LocalDate.parse(p.getDateOfBirth()))));
        if (!p.getBloodGroup().isEmpty()) {
            parts.add("blood group " + p.getBloodGroup());
        }
        return String.join("  ·  ", parts);
    }

    /** The allergy banner: the allergies with their severity, or which of the two "none" it is. */
    public static String allergyBanner(ChartSummary s) {
        if (s.getAllergyState() == ChartAllergyState.CHART_ALLERGY_STATE_ALLERGIC) {
            return "ALLERGIES: " + s.getAllergiesList().stream()
                    .map(a -> a.getSubstance() + " (" + a.getSeverity().toLowerCase() + ")")
                    .collect(Collectors.joining(", "));
        }
        if (s.getAllergyState() == ChartAllergyState.CHART_ALLERGY_STATE_NONE_KNOWN) {
            return "No known allergies";
        }
        return "Allergies not yet asked";
    }

    public static String problemsLine(ChartSummary s) {
        return s.getProblemsCount() == 0 ? "No active problems" : s.getProblemsList().stream()
                .map(p -> p.getIcd10Code().isEmpty() ? p.getTitle() : p.getTitle() + " (" + p.getIcd10Code() + ")")
                .collect(Collectors.joining(", "));
    }

    public static String medicationsLine(ChartSummary s) {
        return s.getMedicationsCount() == 0 ? "No current medications" : s.getMedicationsList().stream()
                .map(m -> (m.getName() + " " + m.getStrength()).strip()).collect(Collectors.joining(", "));
    }

    /** "BP 131/80 ↑  Pulse 71  Wt 81 kg  Temp 36.8 °C  (24/11/2026 09:00)". */
    public static String vitalsLine(ChartSummary s, ZoneId zone) {
        if (!s.hasLastVitals()) {
            return "No vitals recorded";
        }
        var v = s.getLastVitals();
        List<String> parts = new ArrayList<>();
        if (v.getSystolicMmhg() > 0) {
            parts.add("BP " + v.getSystolicMmhg() + "/" + v.getDiastolicMmhg() + arrow(v.getBloodPressureTrendList()));
        }
        if (v.getPulsePerMin() > 0) {
            parts.add("Pulse " + v.getPulsePerMin() + arrow(v.getPulseTrendList()));
        }
        if (v.getWeightKg() > 0) {
            parts.add("Wt " + trim(v.getWeightKg()) + " kg" + arrow(v.getWeightTrendList()));
        }
        if (v.getTemperatureC() > 0) {
            parts.add("Temp " + trim(v.getTemperatureC()) + " °C" + arrow(v.getTemperatureTrendList()));
        }
        Instant at = Instant.ofEpochSecond(v.getMeasuredAt().getSeconds());
        return String.join("   ", parts) + "   (" + ClinicDates.format(at.atZone(zone).toLocalDate()) + " "
                + DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone)) + ")";
    }

    /** A small trend: the last values as a sparkline of block characters. */
    public static String sparkline(List<ChartTrendPoint> points) {
        if (points.size() < 2) {
            return "";
        }
        String bars = "▁▂▃▄▅▆▇█";
        double min = points.stream().mapToDouble(ChartTrendPoint::getValue).min().orElse(0);
        double max = points.stream().mapToDouble(ChartTrendPoint::getValue).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (ChartTrendPoint p : points) {
            int i = max == min ? 3 : (int) Math.round((p.getValue() - min) / (max - min) * 7);
            b.append(bars.charAt(i));
        }
        return b.toString();
    }

    private static String arrow(List<ChartTrendPoint> points) {
        if (points.size() < 2) {
            return "";
        }
        double last = points.getLast().getValue();
        double before = points.get(points.size() - 2).getValue();
        return last > before ? " ↑" : last < before ? " ↓" : "";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(Math.round(value * 10) / 10.0);
    }

    public String nextAppointmentLine() {
        ChartSummary s = summary.get();
        if (s == null || !s.hasNextAppointment()) {
            return "No appointment booked";
        }
        var a = s.getNextAppointment();
        var at = Instant.ofEpochSecond(a.getStartsAt().getSeconds()).atZone(clock.getZone());
        return ClinicDates.format(at.toLocalDate()) + " " + DateTimeFormatter.ofPattern("HH:mm").format(at) + " with "
                + a.getDoctorName();
    }
}
