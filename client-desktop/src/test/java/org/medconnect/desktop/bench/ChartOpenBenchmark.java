package org.medconnect.desktop.bench;

import com.sun.javafx.perf.PerformanceTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.medconnect.desktop.appointment.MyDayView;
import org.medconnect.desktop.appointment.MyDayViewModel;
import org.medconnect.desktop.chart.ChartWindow;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.server.bench.ChartLoader;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;

/**
 * The workstation's chart-open benchmark (issue 12; not a test, see docs/performance.md): from
 * Enter on a patient in the doctor's My day to a painted chart, target a median under 300 ms
 * over 20 opens. A real server (embedded PostgreSQL, Netty on 127.0.0.1) in this JVM holds a
 * patient with a long history (ChartLoader: 1,000 encounters with notes, 3,000 vital-sign
 * sets, 200 documents, 40 problems); the doctor's My day (the real MyDayView wired to the real
 * ChartWindow, as DoctorWorkspace wires them) runs in a JavaFX stage of 1366 x 768 on JavaFX's
 * headless platform with the software renderer (the flags the TestFX tests use; no X server).
 * Each open: the row is selected and focused, the glass Robot presses Enter, and the clock
 * stops when the chart window's summary and its first page (the Timeline, first 20
 * encounters) are filled, laid out and painted. {@code bench.warmup} unmeasured opens (default
 * 20: the JIT is still cutting the CPU an open costs after 10), then {@code bench.runs} measured ones (default 20); prints median, p90 and max per step.
 * {@code ./mvnw -B -Pbench-chart-open -pl client-desktop -am verify -DskipTests [-Dbench.runs=20 -Dbench.warmup=20]}
 */
public final class ChartOpenBenchmark {

    private static final double TARGET_MEDIAN_MS = 300;

    private ChartOpenBenchmark() {}

    /** When each step of one open happened, in ms after Enter. */
    record Open(double shown, double shellPainted, double summaryFilled, double pageFilled, double painted, double cpu) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        int warmup = Integer.getInteger("bench.warmup", 20);
        List<Open> measured = new ArrayList<>();
        try (TestClinic clinic = TestClinic.start()) {
            var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
            Principal okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
            UUID ana = fixture.patient("Ana", "Souza");
            long t0 = System.nanoTime();
            ChartLoader.loadHeavyPatient(clinic.database().dataSource(), ana, okafor.userId());
            // Today's appointment puts her on the doctor's My day (the clinic's zone in tests is UTC).
            UUID location = fixture.location("Riverside Clinic");
            UUID type = fixture.type("Consultation", 20, 0, false, false);
            var noon = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).atOffset(ZoneOffset.UTC);
            clinic.database().dsl().query("""
                    insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at, blocks_until, status)
                    values ('BENCH-1', ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, 'CONFIRMED')
                    """, ana, okafor.userId(), location, type, noon, noon.plusMinutes(20), noon.plusMinutes(20)).execute();
            System.out.printf(Locale.ROOT, "MedConnect chart-open benchmark: heavy patient loaded in %.1f s; %d warm-up + %d measured opens%n",
                    (System.nanoTime() - t0) / 1e9, warmup, runs);

            Platform.startup(() -> { });
            Workstation ws = onFx(() -> Workstation.start(clinic.address()));
            for (int i = 0; i < warmup + runs; i++) {
                Open open = ws.openOnce();
                if (i >= warmup) {
                    measured.add(open);
                }
                System.out.printf(Locale.ROOT, "%s %2d: shown %.0f ms, summary %.0f ms, first page %.0f ms, painted %.0f ms (JVM CPU %.0f ms)%n",
                        i < warmup ? "warm-up" : "open   ", i < warmup ? i + 1 : i - warmup + 1, open.shown(), open.summaryFilled(),
                        open.pageFilled(), open.painted(), open.cpu());
            }
            onFx(() -> {
                ws.close();
                return null;
            });
        } finally {
            Platform.exit();
        }
        report(measured);
        System.exit(0);
    }

    /** A doctor's workstation signed in to the server: My day in a 1366 x 768 stage, and the chart window it opens. */
    static final class Workstation {
        private final ServerConnection connection;
        private final Stage main;
        private final TableView<?> table;
        private final AtomicReference<Measuring> measuring = new AtomicReference<>();
        private final Robot robot = new Robot();
        private Stage chart;

        private Workstation(ServerConnection connection, Stage main, TableView<?> table) {
            this.connection = connection;
            this.main = main;
            this.table = table;
        }

        static Workstation start(String address) {
            Clock clock = Clock.systemUTC();
            ServerConnection connection = new ServerConnection(Duration.ofSeconds(10), state -> { });
            connection.connectTo(address);
            SignInResponse signedIn = connection.auth().signIn(SignInRequest.newBuilder().setUsername("okafor")
                    .setPassword("doctor-pass-2026").setWorkstation("BENCH-PC").build());
            connection.useToken(signedIn.getSessionToken());
            SessionState session = new SessionState();
            session.principalProperty().set(signedIn.getPrincipal());
            session.serverAddressProperty().set(address);
            session.connectionProperty().set(ConnectionState.CONNECTED);
            ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(connection::address, clock.getZone()), session);
            ChartWindow charts = new ChartWindow(connection, calls, new Dialogs(new OverlayHost()), clock, signedIn.getPrincipal(), null);
            MyDayViewModel day = new MyDayViewModel(connection, calls, clock, signedIn.getPrincipal().getUserId());
            Workstation[] self = new Workstation[1];
            // As DoctorWorkspace wires it (charts::open), with the opened stage handed to the stopwatch.
            MyDayView view = new MyDayView(day, (patientId, name) -> self[0].opened(charts.open(patientId, name)));
            Stage main = new Stage();
            Scene scene = new Scene(view, 1366, 768);
            Theme.apply(scene);
            main.setScene(scene);
            main.setTitle("MedConnect — My day");
            main.show();
            day.reload(); // the navigation does this when it shows the screen
            self[0] = new Workstation(connection, main, (TableView<?>) scene.lookup("#my-day-table"));
            return self[0];
        }

        /** One open, from Enter to the painted chart; the chart window is closed again before the next. */
        Open openOnce() throws Exception {
            // My day loads in the background: wait for the row, then select it and give the table the keyboard.
            waitFor(() -> !table.getItems().isEmpty(), "My day's appointment");
            CountDownLatch focused = new CountDownLatch(1);
            Platform.runLater(() -> {
                main.requestFocus();
                table.requestFocus();
                table.getSelectionModel().select(0);
                focused.countDown();
            });
            focused.await();
            Thread.sleep(300); // let the pulses of the selection pass, so they are not part of the measurement
            Measuring m = new Measuring();
            measuring.set(m);
            Platform.runLater(() -> {
                m.cpu = OS.getProcessCpuTime();
                m.enter = System.nanoTime();
                robot.keyPress(KeyCode.ENTER);
                robot.keyRelease(KeyCode.ENTER);
            });
            Open open = m.done.get(60, TimeUnit.SECONDS);
            measuring.set(null);
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> {
                chart.close();
                closed.countDown();
            });
            closed.await();
            return open;
        }

        /** Called in the Enter handler, right after ChartWindow.open showed the window (before any pulse has laid it out). */
        private void opened(Stage stage) {
            Measuring m = measuring.get();
            chart = stage;
            if (m == null) {
                return;
            }
            m.shown = System.nanoTime();
            Scene scene = stage.getScene();
            // Called on the render thread each time a frame of this scene has been painted.
            PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
            tracker.setOnRenderedFrameTask(() -> m.frames.add(System.nanoTime()));
            Runnable[] check = new Runnable[1];
            check[0] = () -> {
                long now = System.nanoTime();
                if (m.summaryFilled == 0 && summaryFilled(scene)) {
                    m.summaryFilled = now;
                }
                if (m.summaryFilled != 0 && m.pageFilled == 0 && firstPageFilled(scene)) {
                    m.pageFilled = now;
                    scene.removePostLayoutPulseListener(check[0]);
                    // The end point. This listener runs in the pulse whose layout pass has just placed the
                    // filled summary and timeline cells; the same pulse then hands the frame to the render
                    // thread, and a runLater runs after that pulse. Scene.snapshot renders on the render
                    // thread too, behind that frame, so when it returns the frame is painted and no later
                    // frame of the chart has started (the FX thread is here). The end is the time the render
                    // thread reported the frame painted, not the snapshot's own end.
                    Platform.runLater(() -> {
                        scene.snapshot(new WritableImage(1, 1));
                        long painted = m.frames.isEmpty() ? System.nanoTime() : m.frames.getLast();
                        PerformanceTracker.releaseSceneTracker(scene);
                        m.done.complete(new Open(ms(m.shown - m.enter), m.frames.isEmpty() ? Double.NaN : ms(m.frames.getFirst() - m.enter),
                                ms(m.summaryFilled - m.enter), ms(m.pageFilled - m.enter), ms(painted - m.enter),
                                ms(OS.getProcessCpuTime() - m.cpu)));
                    });
                }
            };
            scene.addPostLayoutPulseListener(check[0]);
        }

        void close() {
            if (chart != null) {
                chart.close();
            }
            main.close();
            connection.close();
        }
    }

    /** The summary header shows the server's answer (its value labels read "…" until then). */
    static boolean summaryFilled(Scene scene) {
        for (String id : List.of("#chart-problems", "#chart-medications", "#chart-vitals")) {
            Node n = scene.lookup(id);
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().equals("…")) {
                return false;
            }
        }
        return true;
    }

    /** The first page (the Timeline) has its encounters and the visible cells show them. */
    static boolean firstPageFilled(Scene scene) {
        if (!(scene.lookup("#encounter-timeline") instanceof ListView<?> list) || list.getItems().isEmpty()) {
            return false;
        }
        return list.lookupAll(".list-cell").stream().anyMatch(c -> c instanceof ListCell<?> cell && cell.isVisible()
                && !cell.isEmpty() && cell.getText() != null && !cell.getText().isEmpty());
    }

    /** Times of one open, written on the FX thread, frames on the render thread. */
    private static final class Measuring {
        final CompletableFuture<Open> done = new CompletableFuture<>();
        final ConcurrentLinkedDeque<Long> frames = new ConcurrentLinkedDeque<>();
        volatile long enter;
        volatile long cpu;
        volatile long shown;
        volatile long summaryFilled;
        volatile long pageFilled;
    }

    private static void report(List<Open> opens) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s | %4s | %9s | %9s | %9s%n", "step (ms after Enter)", "n", "median", "p90", "max");
        System.out.println("-".repeat(88));
        row("chart window shown (Stage.show returned)", opens.stream().mapToDouble(Open::shown).toArray());
        row("first frame of the window painted", opens.stream().mapToDouble(Open::shellPainted).toArray());
        row("summary filled (laid out)", opens.stream().mapToDouble(Open::summaryFilled).toArray());
        row("first page filled (laid out)", opens.stream().mapToDouble(Open::pageFilled).toArray());
        double[] painted = opens.stream().mapToDouble(Open::painted).toArray();
        row("summary and first page painted", painted);
        // Not a step: the CPU this JVM (workstation and server, not PostgreSQL) spent on one open, a
        // figure that a busy machine inflates far less than the wall-clock steps above.
        row("JVM CPU per open (ms, workstation + server)", opens.stream().mapToDouble(Open::cpu).toArray());
        double median = percentile(painted, 50);
        System.out.printf(Locale.ROOT, "Enter to a painted chart: median %.0f ms over %d opens, target under %.0f ms: %s%n", median,
                painted.length, TARGET_MEDIAN_MS, median < TARGET_MEDIAN_MS ? "met" : "MISSED");
    }

    private static void row(String step, double[] values) {
        System.out.printf(Locale.ROOT, "%-44s | %4d | %9.1f | %9.1f | %9.1f%n", step, values.length, percentile(values, 50),
                percentile(values, 90), percentile(values, 100));
    }

    /** Nearest rank; the median of an even count is the mean of the middle two. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
