package org.medconnect.desktop.chart.encounter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.ChartPage;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.Role;

/**
 * The chart pages of encounters and notes: "Timeline" (every encounter, newest first) and
 * "Encounter" (the note editor of the encounter picked on the timeline, or opened by Start
 * consultation). Doctors only: the server refuses notes to everyone else anyway.
 */
public final class EncounterPages {

    private EncounterPages() {}

    /** {@code prescribe} shows the chart's prescriptions and starts one for the given encounter (the Prescribe button). */
    public static List<ChartPage> pages(ServerConnection connection, ServerCalls calls, Clock clock, Path desktopHome,
                                        java.util.function.BiConsumer<ChartContext, String> prescribe) {
        ZoneId zone = clock.getZone();
        NoteCrashCopy crashCopy = new NoteCrashCopy(desktopHome);
        // One editor per chart: the timeline opens an encounter in it.
        java.util.Map<ChartContext, EncounterEditorViewModel> editors = new java.util.WeakHashMap<>();
        java.util.function.Function<ChartContext, EncounterEditorViewModel> editorOf = chart -> editors.computeIfAbsent(chart,
                c -> new EncounterEditorViewModel(connection, calls, crashCopy, EncounterEditorView.debounce(), clock, zone));
        ChartPage timeline = new ChartPage() {
            @Override
            public String title() {
                return "Timeline";
            }

            @Override
            public boolean visibleTo(Role role) {
                return role == Role.ROLE_DOCTOR;
            }

            @Override
            public Node create(ChartContext chart) {
                TimelineViewModel model = new TimelineViewModel(connection, calls, zone);
                model.load(chart.patientId());
                chart.onChange(java.util.Set.of("ENCOUNTER", "NOTE", "ADDENDUM"), () -> model.load(chart.patientId()));
                return TimelineView.build(model, s -> {
                    editorOf.apply(chart).load(s.getId());
                    chart.showPage("Encounter");
                });
            }
        };
        ChartPage editor = new ChartPage() {
            @Override
            public String title() {
                return "Encounter";
            }

            @Override
            public boolean visibleTo(Role role) {
                return role == Role.ROLE_DOCTOR;
            }

            @Override
            public Node create(ChartContext chart) {
                EncounterEditorViewModel editorModel = editorOf.apply(chart);
                editorModel.onPrescribe(encounterId -> prescribe.accept(chart, encounterId));
                // Opened by Start consultation: the note of that appointment's encounter.
                chart.consultationAppointmentId().ifPresent(editorModel::openForAppointment);
                return new StackPane(EncounterEditorView.build(editorModel));
            }
        };
        return List.of(timeline, editor);
    }
}
