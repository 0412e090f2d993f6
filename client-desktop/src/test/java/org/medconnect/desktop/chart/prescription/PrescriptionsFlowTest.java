package org.medconnect.desktop.chart.prescription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.chart.v1.EncounterKind;
import org.medconnect.proto.chart.v1.OpenEncounterRequest;
import org.medconnect.proto.prescription.v1.Prescription;
import org.medconnect.proto.prescription.v1.PrescriptionFrequency;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The chart's Prescriptions page against a real in-process server: a doctor sees a signed
 * prescription with the alert she overrode, records a dispensing and sees the days covered,
 * prints it (the archived PDF's page in the viewer, its SHA-256 on the page), and cancels a draft
 * with a reason; Prescribe on the encounter page starts a prescription in that encounter.
 */
@ExtendWith(ApplicationExtension.class)
class PrescriptionsFlowTest {

    private static final String REASON = "Simvastatin paused for the 7 days of clarithromycin; patient told";
    private static TestClinic clinic;
    private static Principal okafor;
    private static UUID ana;
    private static UUID bruno;
    private RxChartWindow window;
    private Stage stage;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        var fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        okafor = fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
        ana = fixture.patient("Ana", "Souza");
        bruno = fixture.patient("Bruno", "Costa");
        var dsl = clinic.database().dsl();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UUID patient : new UUID[] {ana, bruno}) {
            // A past visit gives Dr Okafor the care relation the chart asks for.
            dsl.query("""
                    insert into encounter (patient_id, doctor_id, kind, status, started_at, signed_at, signed_by, updated_by, updated_at)
                    values (?, ?, 'WALK_IN', 'SIGNED', ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)
                    """, patient, okafor.userId(), now.minusDays(30), now.minusDays(30), okafor.userId(), okafor.userId(), now.minusDays(30))
                    .execute();
        }
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
    void aDoctorSeesTheOverrideRecordsADispensingSeesAdherencePrintsAndCancelsADraft(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = RxChartWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        Prescription signed = window.signed(ana, REASON,
                RxChartWindow.line("simvastatin", "40 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_AT_NIGHT, 30, 0,
                        "Same time every evening", ""),
                RxChartWindow.line("clarithromycin", "500 mg", "tablet", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_TWICE_DAILY, 7, 0,
                        "Take with food", "Stop and call if you notice muscle pain"));
        Prescription draft = window.draft(ana,
                RxChartWindow.line("amoxicillin", "500 mg", "capsule", PrescriptionFrequency.PRESCRIPTION_FREQUENCY_THREE_TIMES_DAILY, 7, 0, "", ""));

        robot.interact(() -> window.showChart(stage, ana.toString(), "Ana Souza", Clock.systemUTC()));
        ui.waitFor(() -> ui.shown("#chart-allergy-banner") && !ui.text("#chart-patient-line").isEmpty(), () -> "the chart to open");
        robot.interact(() -> window.choosePage("Prescriptions"));
        ui.waitFor(() -> rows(robot) == 2, () -> "two prescriptions in play");
        assertThat(chips(robot)).contains("Signed", "Draft");
        assertThat(cutCells(robot)).as("the list at 1366 x 768 shows every drug, prescriber and date in full").isEmpty();

        // The signed one: its lines, and the alert it was signed past with who overrode it and why.
        clickRowOf(robot, ui, signed.getPrescriptionId());
        ui.waitFor(() -> texts(robot, "#rx-alerts").contains("Overridden by Dr Amara Okafor: " + REASON), () -> "the override in the alerts; the page said: " + texts(robot, "#rx-page") + " / alerts: " + texts(robot, "#rx-alerts")
                        + " / selected: " + robot.lookup("#rx-list").queryAs(TableView.class).getSelectionModel().getSelectedIndex()
                        + " / tree: " + tree(robot.lookup("#rx-page").query(), 0));
        assertThat(texts(robot, "#rx-lines")).contains("Stop and call if you notice muscle pain");
        assertThat(texts(robot, "#rx-history")).contains("Signed");

        // Record a dispensing of the warfarin line: the adherence panel then shows its days covered.
        ui.click("#rx-dispense");
        ui.waitFor(() -> ui.shown("#rx-dispense-quantity"), () -> "the dispensing form");
        ui.type("#rx-dispense-quantity", "30");
        ui.click("#rx-dispense-confirm");
        ui.waitForText("#rx-page-notice", "Dispensing recorded");
        ui.waitFor(() -> texts(robot, "#rx-adherence").contains("%"), () -> "the adherence bar");
        assertThat(texts(robot, "#rx-adherence")).containsIgnoringCase("simvastatin");
        ui.waitFor(() -> chips(robot).contains("Partly dispensed"), () -> "the partly dispensed chip, chips: " + chips(robot));
        assertThat(cutCells(robot)).as("the widest chip fits its column").isEmpty();
        assertThat(clinic.database().dsl().resultQuery("select count(*) from prescription_dispense where prescription_id = ?::uuid",
                signed.getPrescriptionId()).fetchSingle(0, Integer.class)).isEqualTo(1);

        // Print: the archived PDF in the viewer, a rendered page, and its SHA-256 on the page afterwards.
        ui.click("#rx-print");
        ui.waitFor(() -> ui.shown("#rx-paper-page-1"), () -> "the printed page");
        assertThat(robot.lookup("#rx-paper-page-1").queryAs(ImageView.class).getImage().getWidth()).isGreaterThan(500);
        String archived = HexFormat.of().formatHex(clinic.database().dsl().resultQuery(
                "select sha256 from prescription_document where prescription_id = ?::uuid", signed.getPrescriptionId())
                .fetchSingle(0, byte[].class));
        assertThat(ui.text("#rx-paper-sha")).contains(archived);
        ui.click("#rx-paper-close");
        ui.waitForText("#rx-pdf-sha", archived);

        // Cancel the draft: a reason is asked for, then it leaves the list of what is in play.
        clickRowOf(robot, ui, draft.getPrescriptionId());
        ui.waitFor(() -> !robot.lookup("#rx-cancel").query().isDisabled(), () -> "Cancel for the draft");
        ui.click("#rx-cancel");
        ui.click("#rx-cancel-confirm");
        ui.waitForText("#rx-cancel-error", "Say why");
        ui.type("#rx-cancel-reason", "Written for the wrong patient");
        ui.click("#rx-cancel-confirm");
        ui.waitFor(() -> rows(robot) == 1, () -> "the draft to leave the list");
        assertThat(clinic.database().dsl().resultQuery("select status || ': ' || cancel_reason from prescription where id = ?::uuid",
                draft.getPrescriptionId()).fetchSingle(0, String.class)).isEqualTo("CANCELLED: Written for the wrong patient");
    }

    @Test
    void prescribeOnTheEncounterPageStartsAPrescriptionInThatEncounterAndOpensTheEditor(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        window = RxChartWindow.signIn(clinic.address(), "okafor", "doctor-pass-2026", Clock.systemUTC());
        UUID open = UUID.fromString(window.connection.encounters().openEncounter(OpenEncounterRequest.newBuilder()
                .setPatientId(bruno.toString()).setKind(EncounterKind.ENCOUNTER_KIND_WALK_IN).setReason("Knee pain")
                .setRequestId(UUID.randomUUID().toString()).build()).getEncounter().getSummary().getId());
        robot.interact(() -> window.showChart(stage, bruno.toString(), "Bruno Costa", Clock.systemUTC()));
        ui.waitFor(() -> ui.shown("#encounter-timeline"), () -> "the timeline");
        ui.waitFor(() -> robot.lookup("#encounter-timeline .list-cell.encounter-open").tryQuery().isPresent(), () -> "the open encounter");
        robot.doubleClickOn("#encounter-timeline .list-cell.encounter-open");
        ui.waitFor(() -> !robot.lookup("#encounter-prescribe").query().isDisabled(), () -> "Prescribe to be offered");

        ui.click("#encounter-prescribe");

        ui.waitFor(() -> ui.shown("#rx-page"), () -> "the Prescriptions page");
        ui.waitFor(() -> clinic.database().dsl().resultQuery("select count(*) from prescription where encounter_id = ?", open)
                .fetchSingle(0, Integer.class) == 1, () -> "a draft in the open encounter");
        ui.waitFor(() -> !ui.shown("#rx-detail") && robot.lookup("#rx-new").query().isDisabled(), () -> "the editor in place of the detail");
    }

    private static int rows(FxRobot robot) {
        return robot.lookup("#rx-list").tryQueryAs(TableView.class).map(t -> t.getItems().size()).orElse(-1);
    }

    private static java.util.List<String> chips(FxRobot robot) {
        return robot.lookup("#rx-list .rx-chip").queryAllAs(Labeled.class).stream().map(Labeled::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static void clickRowOf(FxRobot robot, DesktopRobot ui, String prescriptionId) {
        TableView<PrescriptionsViewModel.Row> table = robot.lookup("#rx-list").queryAs(TableView.class);
        int index = table.getItems().stream().map(PrescriptionsViewModel.Row::id).toList().indexOf(prescriptionId);
        assertThat(index).isNotNegative();
        javafx.scene.Node row = robot.lookup("#rx-list .table-row-cell").queryAll().stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == index).findFirst().orElseThrow();
        robot.clickOn(row);
        ui.waitFor(() -> table.getSelectionModel().getSelectedIndex() == index, () -> "row " + index + " to be selected");
    }

    /** Every label's text under {@code query}, joined, for "does it say X" checks. */
    private static String texts(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(root -> {
            StringBuilder all = new StringBuilder();
            collect(root, all);
            return all.toString();
        }).orElse("");
    }

    private static String tree(javafx.scene.Node n, int depth) {
        if (depth > 6) {
            return "";
        }
        StringBuilder b = new StringBuilder(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + "[");
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> b.append(tree(c, depth + 1)).append(","));
        }
        return b.append("]").toString();
    }

    private static void collect(javafx.scene.Node node, StringBuilder into) {
        if (node instanceof Labeled l && l.getText() != null) {
            into.append(l.getText()).append('\n');
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, into));
        }
        if (node instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            collect(s.getContent(), into);
        }
    }

    private static java.util.List<String> cutCells(FxRobot robot) {
        java.util.concurrent.atomic.AtomicReference<java.util.List<String>> cut = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> cut.set(org.medconnect.desktop.testing.TableCells.cut(robot.lookup("#rx-list").queryAs(TableView.class))));
        return cut.get();
    }
}
