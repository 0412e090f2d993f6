package org.medconnect.desktop.chart;

import java.time.Clock;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.platform.live.UiThread;
import org.medconnect.proto.auth.v1.Principal;

/**
 * The entry point every workspace uses to open a patient's chart: {@code charts.open(patientId,
 * patientName)} shows the shell at once in its own window (1366 x 768) and fills the summary
 * when the server answers; a doctor without a relation is asked to break the glass there.
 */
public final class ChartWindow {

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final Dialogs dialogs;
    private final Clock clock;
    private final Principal caller;
    private final Window owner;

    public ChartWindow(ServerConnection connection, ServerCalls calls, Dialogs dialogs, Clock clock, Principal caller, Window owner) {
        this.connection = connection;
        this.calls = calls;
        this.dialogs = dialogs;
        this.clock = clock;
        this.caller = caller;
        this.owner = owner;
    }

    /** Builds the shell for one patient (also what tests and screenshots mount). */
    public ChartView view(String patientId, String patientName, Runnable close) {
        return view(patientId, patientName, java.util.Optional.empty(), close);
    }

    private ChartView view(String patientId, String patientName, java.util.Optional<String> consultation, Runnable close) {
        return view(patientId, patientName, consultation, java.util.Optional.empty(), close);
    }

    private ChartView view(String patientId, String patientName, java.util.Optional<String> consultation,
                           java.util.Optional<String> page, Runnable close) {
        ChartViewModel model = new ChartViewModel(connection, calls, clock, UiThread.javafx(), caller, patientId, patientName);
        List<ChartPage> pages = ChartPages.all(connection, calls, dialogs, clock);
        ChartView view = new ChartView(model, pages, clock.getZone(), close);
        // After the view listens: the Encounter page is chosen before the summary arrives.
        consultation.ifPresent(model::forConsultation);
        page.ifPresent(model::showPage);
        model.open();
        return view;
    }

    /** Opens the chart in its own window; Escape or Ctrl+W closes it. */
    public Stage open(String patientId, String patientName) {
        return open(patientId, patientName, java.util.Optional.empty());
    }

    /** Opens the chart on the Encounter page with this appointment's note (Start consultation). */
    public Stage openForConsultation(String patientId, String patientName, String appointmentId) {
        return open(patientId, patientName, java.util.Optional.of(appointmentId));
    }

    /** Opens the chart on the page titled {@code pageTitle} (e.g. "Prescriptions", where a refill's renewal is signed). */
    public Stage openOnPage(String patientId, String patientName, String pageTitle) {
        return open(patientId, patientName, java.util.Optional.empty(), java.util.Optional.of(pageTitle));
    }

    private Stage open(String patientId, String patientName, java.util.Optional<String> consultation) {
        return open(patientId, patientName, consultation, java.util.Optional.empty());
    }

    private Stage open(String patientId, String patientName, java.util.Optional<String> consultation, java.util.Optional<String> page) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        ChartView view = view(patientId, patientName, consultation, page, stage::close);
        Scene scene = new Scene(view, 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Chart — " + patientName);
        stage.setOnHidden(e -> view.closeChart());
        stage.show();
        return stage;
    }
}
