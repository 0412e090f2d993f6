package org.medconnect.desktop.chart.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.server.chart.document.TestFiles;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.medconnect.server.testing.TestConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Documents page against a real server: upload a PDF and read its pages, a mislabelled file refused, a copy saved. */
@ExtendWith(ApplicationExtension.class)
class DocumentsPageFlowTest {

    @TempDir
    static Path home;
    @TempDir
    Path files;
    static TestClinic clinic;
    static UUID patient;

    private ServerConnection connection;
    private DocumentsViewModel model;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start(Clock.systemUTC(), TestConfig.defaults().withHome(home));
        var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal doctor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        patient = fixture.patient("Ana", "Souza");
        clinic.database().dsl().query("""
                insert into encounter (patient_id, doctor_id, kind, started_at, updated_by, updated_at)
                values (?::uuid, ?::uuid, 'WALK_IN', now(), ?::uuid, now())
                """, patient, doctor.userId(), doctor.userId()).execute();
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        connection = new ServerConnection(Duration.ofSeconds(30), s -> { });
        connection.connectTo(clinic.address());
        connection.useToken(connection.auth().signIn(SignInRequest.newBuilder().setUsername("okafor").setPassword("doctor-pass-2026").build())
                .getSessionToken());
        ServerCalls calls = new ServerCalls(new FxTaskRunner(), new ServerErrors(clinic::address, ZoneOffset.UTC), new SessionState());
        model = new DocumentsViewModel(connection, calls, patient.toString());
        Scene scene = new Scene(new DocumentsView(model), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        model.refresh();
    }

    @Stop
    void stop() {
        connection.close();
    }

    @Test
    void anUploadedPdfOpensAtItsFirstPageAndPagesOn(FxRobot robot) throws Exception {
        Path pdf = files.resolve("full_blood_count.pdf");
        Files.write(pdf, TestFiles.report("Ana Souza", 2));

        robot.interact(() -> {
            model.fileChosen(pdf);
            model.upload(pdf);
        });

        waitFor(() -> image(robot) != null, "the first page rendered");
        assertThat(text(robot, "#document-page")).isEqualTo("Page 1 of 2");
        assertThat(text(robot, "#document-open-title")).isEqualTo("full blood count");
        assertThat(list(robot).getItems()).extracting(d -> d.getTitle()).containsExactly("full blood count");
        assertThat(darkPixels(image(robot))).as("text drawn on the rendered page").isGreaterThan(500);

        robot.clickOn("#document-page-next");
        waitFor(() -> "Page 2 of 2".equals(text(robot, "#document-page")), "the second page");
        double width = image(robot).getWidth();
        robot.clickOn("#document-zoom-in");
        waitFor(() -> image(robot) != null && image(robot).getWidth() > width * 1.2, "a larger rendering after zoom in");
        assertThat(text(robot, "#document-zoom")).isEqualTo("125%");
    }

    @Test
    void aFileWhoseContentIsNotWhatItsNameSaysIsRefusedWithTheReason(FxRobot robot) throws Exception {
        Path fake = files.resolve("xray.png");
        Files.write(fake, TestFiles.report("Ana Souza", 1));

        robot.interact(() -> {
            model.titleProperty().set("Chest X-ray");
            model.upload(fake);
        });

        waitFor(() -> !text(robot, "#document-error").isEmpty(), "the refusal");
        assertThat(text(robot, "#document-error")).contains("sent as a PNG image").contains("content is a PDF document");
    }

    @Test
    void saveACopyWritesTheExactBytes(FxRobot robot) throws Exception {
        byte[] original = TestFiles.report("Ana Souza", 1);
        Path pdf = files.resolve("letter.pdf");
        Files.write(pdf, original);
        robot.interact(() -> {
            model.titleProperty().set("Discharge letter");
            model.upload(pdf);
        });
        waitFor(() -> image(robot) != null && "Discharge letter".equals(text(robot, "#document-open-title")), "the letter open");

        Path copy = files.resolve("copy.pdf");
        robot.interact(() -> model.saveCopy(copy));

        waitFor(() -> Files.exists(copy) && text(robot, "#document-status").startsWith("Saved a copy"), "the copy saved");
        assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    }

    private static Image image(FxRobot robot) {
        return robot.lookup("#document-page-image").queryAs(ImageView.class).getImage();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static TableView<org.medconnect.proto.chart.v1.Document> list(FxRobot robot) {
        return robot.lookup("#document-list").queryAs(TableView.class);
    }

    private static String errorShown() {
        return javafx.stage.Window.getWindows().stream().map(w -> w.getScene().lookup("#document-error"))
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).findFirst().orElse("");
    }

    private static int darkPixels(Image image) {
        var reader = image.getPixelReader();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if (reader.getColor(x, y).getBrightness() < 0.3) {
                    dark++;
                }
            }
        }
        return dark;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean met;
            try {
                met = org.testfx.util.WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                met = false;
            }
            if (met) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("Timed out waiting for " + what + " (page says: "
                        + org.testfx.util.WaitForAsyncUtils.asyncFx(() -> errorShown()).get(5, TimeUnit.SECONDS) + ")");
            }
            Thread.sleep(50);
        }
    }
}
