package org.medconnect.desktop.chart.prescription.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.chart.medication.MedicationsPage;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The prescription editor against a real server: a doctor writes amoxicillin for a patient allergic
 * to penicillins, sees the allergy alert while writing (before anything is saved), is asked a reason
 * to sign past it, signs, and the medication list shows amoxicillin.
 */
@ExtendWith(ApplicationExtension.class)
class PrescriptionEditorFlowTest {

    private static TestClinic clinic;
    private static UUID ana;
    private static UUID bartholomew;
    private EditorTestWindow window;
    private Stage stage;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        Principal okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        ana = fixture.patient("Ana", "Souza");
        var dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.query("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                """, ana, okafor.userId(), now.minusDays(30), now.minusDays(30), okafor.userId(), okafor.userId(), now.minusDays(30))
                .execute();
        dsl.query("""
                insert into allergy (patient_id, substance, substance_code, category, reaction, severity, recorded_by, recorded_at,
                                     updated_by, updated_at)
                values (?, 'Penicillins', 'class:penicillins', 'DRUG_CLASS', 'Anaphylaxis', 'SEVERE', ?, ?::timestamptz, ?, ?::timestamptz)
                """, ana, okafor.userId(), now, okafor.userId(), now).execute();
        seedBartholomew(fixture, okafor);
    }

    /** A second patient with a penicillin allergy and lisinopril on the medication list: four lines raise five long alerts. */
    private static void seedBartholomew(SchedulingFixture fixture, Principal okafor) {
        var dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        bartholomew = fixture.patient("Bartholomew", "Featherstonehaugh-Smythe");
        dsl.query("""
                insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                """, bartholomew, okafor.userId(), now.minusDays(30), now.minusDays(30), okafor.userId(), okafor.userId(), now.minusDays(30))
                .execute();
        dsl.query("""
                insert into allergy (patient_id, substance, substance_code, category, reaction, severity, recorded_by, recorded_at,
                                     updated_by, updated_at)
                values (?, 'Penicillins', 'class:penicillins', 'DRUG_CLASS', 'Anaphylaxis', 'SEVERE', ?, ?::timestamptz, ?, ?::timestamptz)
                """, bartholomew, okafor.userId(), now, okafor.userId(), now).execute();
        dsl.query("""
                insert into medication (patient_id, drug_code, name, strength, dosage, created_by, created_at, updated_by, updated_at)
                values (?, 'lisinopril', 'lisinopril', '10 mg', '1 tablet once daily', ?, ?::timestamptz, ?, ?::timestamptz)
                """, bartholomew, okafor.userId(), now, okafor.userId(), now).execute();
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void aDoctorSeesTheAllergyAlertWhileWritingGivesAReasonSignsAndTheMedicationListShowsIt(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = EditorTestWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        String id = window.draft(ana.toString());
        var chart = window.chart(ana.toString(), "Ana Souza");
        AtomicBoolean closed = new AtomicBoolean();
        robot.interact(() -> window.showEditor(stage, chart, id, () -> closed.set(true)));
        ui.waitForText("#rx-status", "Draft");

        // Type, pick with the keyboard: the alert shows for the line being written, nothing saved yet.
        ui.type("#rx-drug", "amoxicil");
        ui.waitFor(() -> ui.shown("#rx-drug-matches"), () -> "the drug matches");
        robot.type(KeyCode.ENTER);
        ui.waitForText("#rx-drug-hint", "Checked as");
        ui.waitFor(() -> alertTitles(robot).stream().anyMatch(t -> t.toLowerCase().contains("amoxicillin")),
                () -> "the allergy alert, alerts: " + alertTitles(robot));
        assertThat(ui.shown("#rx-pending-alerted")).isTrue();
        assertThat(robot.lookup("#rx-alerts .rx-alert-card.rx-alert-high").tryQuery()).isPresent();
        assertThat(clinic.database().dsl().resultQuery("select count(*) from prescription_line where prescription_id = ?::uuid", id)
                .fetchSingle(0, Integer.class))
                .as("the alert came before anything was saved").isZero();

        ui.type("#rx-dose-unit", "capsule");
        ui.type("#rx-duration", "7");
        assertThat(ui.text("#rx-quantity")).isEqualTo("7");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        ui.waitFor(() -> ui.tableContains("#rx-lines", "1"), () -> "the line in the table");
        ui.waitForText("#rx-save-state", "Saved at");

        // Sign: a reason is asked for the high alert, Sign stays off until there is one.
        ui.click("#rx-sign");
        ui.waitFor(() -> ui.shown("#rx-sign-dialog"), () -> "the override dialog");
        assertThat(robot.lookup("#rx-sign-confirm").query().isDisabled()).isTrue();
        ui.type("#rx-override-reason-1", "Tolerated amoxicillin in 2024 without reaction");
        ui.waitFor(() -> !robot.lookup("#rx-sign-confirm").query().isDisabled(), () -> "Sign to be enabled");
        ui.click("#rx-sign-confirm");
        ui.waitForText("#rx-status", "Signed, valid until");
        assertThat(ui.shown("#rx-print")).isTrue();
        assertThat(clinic.database().dsl().resultQuery("select override_reason from prescription_alert where override_reason is not null")
                .fetch(0, String.class)).containsExactly("Tolerated amoxicillin in 2024 without reaction");

        ui.click("#rx-close");
        assertThat(closed).isTrue();

        // The chart's medication list now holds amoxicillin, started by the prescription.
        Node medications = new MedicationsPage(window.connection, window.calls, window.clock).create(chart);
        robot.interact(() -> window.show(stage, medications, "Medications"));
        ui.waitFor(() -> robot.lookup("#medications-current .table-cell").queryAllAs(javafx.scene.control.Labeled.class).stream()
                .anyMatch(c -> c.getText() != null && c.getText().toLowerCase().contains("amoxicillin")), () -> "amoxicillin on the list");
    }

    @Test
    void longAlertsStackWithoutOverlappingAndTheLastOneScrollsIntoView(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = EditorTestWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        String id = window.draft(bartholomew.toString(),
                PrescriptionEditorScreenshot.line("amoxicillin", "amoxicillin", "500 mg", "capsule", "capsule",
                        PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, 7, false, ""),
                PrescriptionEditorScreenshot.line("simvastatin", "simvastatin", "40 mg", "tablet", "tablet",
                        PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, 30, false, ""),
                PrescriptionEditorScreenshot.line("clarithromycin", "clarithromycin", "500 mg", "tablet", "tablet",
                        PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY, 7, false, ""),
                PrescriptionEditorScreenshot.line("ibuprofen", "ibuprofen", "400 mg", "tablet", "tablet",
                        PrescriptionFrequency.PRESCRIPTION_FREQUENCY_EVERY_8_HOURS, 5, true, ""),
                PrescriptionEditorScreenshot.line("", "Honey and lemon syrup with a very long home-made name", "", "", "mL",
                        PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, 5, false, ""));
        var chart = window.chart(bartholomew.toString(), "Bartholomew Featherstonehaugh-Smythe");
        robot.interact(() -> window.showEditor(stage, chart, id, () -> { }));
        ui.waitForText("#rx-status", "Draft");
        ui.waitFor(() -> alertTitles(robot).size() >= 4, () -> "the alerts, titles: " + alertTitles(robot));
        // A line being written: the checks run again as the doctor types and the panel is filled anew.
        ui.type("#rx-drug", "naproxen");
        ui.type("#rx-dose-unit", "tablet");
        ui.waitFor(() -> ui.shown("#rx-pending-alerted"), () -> "the alert for the line being written, titles: " + alertTitles(robot));
        org.testfx.util.WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS); // the checks settle, a few pulses lay out
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(5);

        List<Region> cards = cards(robot);
        for (int i = 0; i < cards.size(); i++) {
            Bounds a = inScene(cards.get(i));
            for (int j = i + 1; j < cards.size(); j++) {
                Bounds b = inScene(cards.get(j));
                assertThat(a.getMaxY() <= b.getMinY() + 0.5 || b.getMaxY() <= a.getMinY() + 0.5)
                        .as("alert %d (%s) and alert %d (%s) do not overlap", i + 1, a, j + 1, b).isTrue();
            }
            for (Node n : cards.get(i).lookupAll(".label")) {
                Label label = (Label) n;
                if (label.isVisible() && label.getText() != null && !label.getText().isEmpty()) {
                    Bounds text = label.localToScene(label.getBoundsInLocal());
                    assertThat(text.getMinY() >= a.getMinY() - 0.5 && text.getMaxY() <= a.getMaxY() + 0.5)
                            .as("\"%s\" (%s) lies inside its alert card %d (%s)", label.getText(), text, i + 1, a).isTrue();
                    assertThat(label.getHeight()).as("alert %d shows all of \"%s\"", i + 1, label.getText())
                            .isGreaterThanOrEqualTo(label.prefHeight(label.getWidth()) - 0.5);
                }
            }
        }
        // More alerts than fit: the panel scrolls, and the last card comes fully into view.
        ScrollPane scroll = robot.lookup("#rx-alerts-scroll").queryAs(ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        robot.interact(() -> { });
        Bounds viewport = scroll.localToScene(scroll.getBoundsInLocal());
        Bounds last = inScene(cards.getLast());
        assertThat(last.getMaxY()).as("the last alert's bottom is inside the panel").isLessThanOrEqualTo(viewport.getMaxY() + 0.5);
        assertThat(last.getMinY()).isGreaterThanOrEqualTo(viewport.getMinY() - 0.5);
    }

    private static List<Region> cards(FxRobot robot) {
        return robot.lookup("#rx-alerts .rx-alert-card").queryAllAs(Region.class).stream()
                .filter(Node::isVisible).sorted(java.util.Comparator.comparingDouble(n -> inScene(n).getMinY())).toList();
    }

    /** A card's own box in the scene (its layout bounds: what its background covers), not what its children draw past it. */
    private static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    private static java.util.List<String> alertTitles(FxRobot robot) {
        return robot.lookup("#rx-alerts .rx-alert-title").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
    }
}
