package org.medconnect.desktop.chart.vitals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.chart.ChartContext;
import org.medconnect.desktop.chart.allergy.AllergiesPage;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.chart.v1.AllergyCategory;
import org.medconnect.proto.chart.v1.AllergySeverity;
import org.medconnect.proto.chart.v1.RecordAllergyRequest;
import org.medconnect.shared.chart.VitalSigns.Vital;

/**
 * The vitals page (14 months of a treated hypertensive's vitals), the allergies page and the
 * nurse's triage form, each in a real 1366x768 window against a real server. Writes
 * chart-vitals-*.png to the first argument. Run under Xvfb like {@code screenshots.sh}.
 */
public final class VitalsScreenshots {

    private Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (ChartClinic clinic = new ChartClinic()) {
            clinic.seedVitals(420);
            Platform.startup(() -> { });
            new VitalsScreenshots().run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void run(ChartClinic clinic, Path out) throws Exception {
        Clock clock = Clock.system(ChartClinic.ZONE);
        ServerConnection doctor = clinic.doctorConnection();
        String patient = clinic.patient.toString();
        doctor.allergies().recordAllergy(RecordAllergyRequest.newBuilder().setRequestId(java.util.UUID.randomUUID().toString())
                .setPatientId(patient).setSubstanceCode("class:penicillins").setReaction("Hives and facial swelling")
                .setSeverity(AllergySeverity.ALLERGY_SEVERITY_SEVERE).build());
        doctor.allergies().recordAllergy(RecordAllergyRequest.newBuilder().setRequestId(java.util.UUID.randomUUID().toString())
                .setPatientId(patient).setSubstance("Peanuts").setCategory(AllergyCategory.ALLERGY_CATEGORY_FOOD).setReaction("Itching mouth")
                .setSeverity(AllergySeverity.ALLERGY_SEVERITY_MILD).build());
        doctor.allergies().recordAllergy(RecordAllergyRequest.newBuilder().setRequestId(java.util.UUID.randomUUID().toString())
                .setPatientId(patient).setSubstance("Brand X cough syrup").setCategory(AllergyCategory.ALLERGY_CATEGORY_DRUG)
                .setReaction("Rash").setSeverity(AllergySeverity.ALLERGY_SEVERITY_MODERATE).build());
        try (FxTaskRunner runner = new FxTaskRunner()) {
            ServerCalls calls = ChartClinic.calls(doctor, runner);
            ChartContext context = context(patient);
            show(() -> {
                VitalsPage page = new VitalsPage(doctor, calls, clock);
                Node node = page.create(context);
                return node;
            });
            fx(() -> {
                @SuppressWarnings("unchecked")
                var range = (javafx.scene.control.ComboBox<VitalsTrendViewModel.Range>) stage.getScene().lookup("#vitals-range");
                range.setValue(VitalsTrendViewModel.Range.ONE_YEAR);
                return null;
            });
            Thread.sleep(2500);
            shot(out.resolve("chart-vitals-trends.png"));
            fx(() -> {
                ((javafx.scene.control.TabPane) stage.getScene().lookup("#vitals-tabs")).getSelectionModel().select(1);
                return null;
            });
            Thread.sleep(800);
            shot(out.resolve("chart-vitals-table.png"));

            show(() -> new AllergiesPage(doctor, calls).create(context));
            Thread.sleep(2000);
            // The substance search over the drug catalogue, mid-way: ingredients with their classes, and classes.
            fx(() -> {
                ((javafx.scene.control.TableView<?>) stage.getScene().lookup("#allergy-table")).getSelectionModel().select(0);
                var search = (javafx.scene.control.TextField) stage.getScene().lookup("#code-search");
                search.requestFocus();
                search.setText("amoxi");
                search.fireEvent(new javafx.event.ActionEvent());
                return null;
            });
            Thread.sleep(2000);
            shot(out.resolve("chart-allergies.png"));

            ServerConnection nurse = clinic.nurse();
            ServerCalls nurseCalls = ChartClinic.calls(nurse, runner);
            show(() -> {
                TriageViewModel model = new TriageViewModel(nurse, nurseCalls, clock, patient);
                model.load();
                model.vitals().text(Vital.SYSTOLIC).set("158");
                model.vitals().text(Vital.DIASTOLIC).set("94");
                model.vitals().text(Vital.HEART_RATE).set("400");
                model.vitals().text(Vital.TEMPERATURE).set("37.1");
                model.vitals().text(Vital.OXYGEN_SATURATION).set("96");
                model.vitals().text(Vital.BODY_WEIGHT).set("81.4");
                model.vitals().text(Vital.BODY_HEIGHT).set("172");
                return new TriageView(model, "Ana Souza", ChartClinic.ZONE).build();
            });
            Thread.sleep(2500);
            shot(out.resolve("chart-vitals-triage.png"));
        }
    }

    private static ChartContext context(String patientId) {
        return new ChartContext() {
            @Override public String patientId() { return patientId; }
            @Override public String patientName() { return "Ana Souza"; }
            @Override public Principal caller() { return Principal.newBuilder().setDisplayName("Dr Amara Okafor").build(); }
            @Override public void onChange(Set<String> entryKinds, Runnable refresh) { }
            @Override public void showPage(String title) { }
        };
    }

    private void show(Callable<Node> content) throws Exception {
        fx(() -> {
            BorderPane root = new BorderPane(content.call());
            if (stage == null) {
                stage = new Stage();
                Scene scene = new Scene(root, 1366, 768);
                Theme.apply(scene);
                stage.setScene(scene);
                stage.setX(0);
                stage.setY(0);
                stage.show();
            } else {
                stage.getScene().setRoot((Parent) root);
            }
            return null;
        });
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }

    private void shot(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file.toFile());
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }
}
