package org.medconnect.desktop.followup;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;

/**
 * Reception's Follow-ups screen at 1366x768 in the reception navigation, rendered by JavaFX's
 * software pipeline into docs/screenshots/reception-follow-ups.png (first argument: the folder).
 */
public final class FollowUpsScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").resolve("reception-follow-ups.png");
        Files.createDirectories(out.getParent());
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                var calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
                var time = new ClinicTime(Clock.fixed(Instant.parse("2026-12-10T09:00:00Z"), ZoneOffset.UTC));
                var server = new FollowUpsViewModelTest.FakeServer();
                server.open.add(FollowUpsViewModelTest.followUp("1", "Ada Obi", "2026-12-08"));
                server.open.add(FollowUpsViewModelTest.followUp("2", "Zoë Ångström-Dvořák", "2026-12-14").toBuilder()
                        .setNote("With the interpreter").setPatientMrn("MC1000017").build());
                server.open.add(FollowUpsViewModelTest.followUp("3", "Bartholomew Featherstonehaugh-Smythe", "2026-12-21").toBuilder()
                        .setDoctorName("Dr Priya Sharma").setNote("Fasting, 30 minutes").setPatientPhone("+44 20 7946 0958").build());
                server.open.add(FollowUpsViewModelTest.followUp("4", "Дмитрий Иванов", "2027-01-04").toBuilder()
                        .setNote("").setPatientPhone("+7 495 123-45-67").build());
                server.open.add(FollowUpsViewModelTest.followUp("5", "María José García", "2027-01-18").toBuilder()
                        .setDoctorName("Dr Priya Sharma").setNote("Bring the home blood pressure log").build());
                var model = new FollowUpsViewModel(server, calls, time);
                NavigationWorkspace workspace = new NavigationWorkspace("RECEPTION");
                for (String[] s : new String[][] {{"day-board", "Day board"}, {"queue", "Queue"}, {"appointments", "Appointments"},
                        {"patients", "Patients"}, {"invoices", "Invoices"}, {"waiting-list", "Waiting list"}}) {
                    workspace.add(s[0], s[1], () -> new Label(s[1]));
                }
                workspace.add("follow-ups", "Follow-ups", () -> new FollowUpsView(model, (prefill, onBooked) -> { }));
                workspace.add("doctor-absence", "Doctor absence", () -> new Label("Doctor absence"));
                Scene scene = new Scene(workspace, 1366, 768);
                Theme.apply(scene);
                ((ButtonBase) scene.lookup("#nav-follow-ups")).fire();
                ((TableView<?>) scene.lookup("#follow-ups-table")).getSelectionModel().select(1);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                write(scene.snapshot(null), out);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                done.countDown();
            }
        });
        done.await(30, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }

    static void write(WritableImage image, Path out) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.toFile());
    }
}
