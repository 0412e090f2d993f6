package org.medconnect.desktop.chart.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.chart.v1.DocumentCategory;
import org.medconnect.server.chart.document.TestFiles;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;

/**
 * The Documents page in a real 1366x768 window under Xvfb, with a two-page lab report open:
 * {@code xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -Dmedconnect.desktop.plaintext=true -cp …
 * org.medconnect.desktop.chart.document.DocumentsScreenshot docs/screenshots}.
 */
public final class DocumentsScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("documents-shot");
        Path files = Files.createTempDirectory("documents-files");
        try (TestClinic clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withHome(home))) {
            var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
            Principal doctor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
            UUID patient = fixture.patient("Ana", "Souza");
            clinic.database().dsl().query("""
                    insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                    values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())
                    """, patient, doctor.userId(), doctor.userId()).execute();
            Files.write(files.resolve("chest-xray.png"), TestFiles.png());
            Files.write(files.resolve("referral-letter.pdf"), TestFiles.report("Ana Souza", 1));
            Files.write(files.resolve("blood-results.pdf"), TestFiles.report("Ana Souza", 2));

            Platform.startup(() -> { });
            ServerConnection connection = new ServerConnection(Duration.ofSeconds(30), s -> { });
            connection.connectTo(clinic.address());
            connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("okafor")
                    .setPassword("doctor-pass-2026").build()).getSessionToken());
            ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(clinic::address, ZoneOffset.UTC), new SessionState());
            DocumentsViewModel model = new DocumentsViewModel(connection, calls, patient.toString());
            CompletableFuture<Scene> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                Stage stage = new Stage();
                stage.setTitle("MedConnect \u2014 Ana Souza \u2014 Documents");
                Scene scene = new Scene(new DocumentsView(model), 1366, 768);
                Theme.apply(scene);
                stage.setScene(scene);
                stage.setX(0);
                stage.setY(0);
                stage.show();
                shown.complete(scene);
            });
            Scene scene = shown.get(30, TimeUnit.SECONDS);
            upload(model, files.resolve("chest-xray.png"), DocumentCategory.DOCUMENT_CATEGORY_IMAGING, "Chest X-ray");
            upload(model, files.resolve("referral-letter.pdf"), DocumentCategory.DOCUMENT_CATEGORY_LETTER, "Referral letter to cardiology");
            upload(model, files.resolve("blood-results.pdf"), DocumentCategory.DOCUMENT_CATEGORY_LAB_REPORT, "Full blood count and renal function");
            Thread.sleep(1500);
            CompletableFuture<WritableImage> shot = new CompletableFuture<>();
            Platform.runLater(() -> shot.complete(scene.snapshot(null)));
            javax.imageio.ImageIO.write(toBuffered(shot.get(30, TimeUnit.SECONDS)), "png",
                    out.resolve("chart-documents-pdf-open.png").toFile());
            connection.close();
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static java.awt.image.BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            b.setRGB(0, y, w, 1, row, 0, w);
        }
        return b;
    }

    private static void upload(DocumentsViewModel model, Path file, DocumentCategory category, String title) throws Exception {
        Platform.runLater(() -> {
            model.categoryProperty().set(category);
            model.titleProperty().set(title);
            model.upload(file);
        });
        waitFor(() -> model.openProperty().get() != null && model.openProperty().get().getTitle().equals(title)
                && model.pageProperty().get() != null);
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            CompletableFuture<Boolean> met = new CompletableFuture<>();
            Platform.runLater(() -> met.complete(condition.getAsBoolean()));
            if (met.get(10, TimeUnit.SECONDS)) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
