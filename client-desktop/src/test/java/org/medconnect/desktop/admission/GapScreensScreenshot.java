package org.medconnect.desktop.admission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import org.medconnect.desktop.notetemplate.NoteTemplatesView;
import org.medconnect.desktop.notetemplate.NoteTemplatesViewModel;
import org.medconnect.desktop.patient.PatientFormViewModel;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.testing.ScreenStage;
import org.medconnect.desktop.testing.StaffedClinic;
import org.medconnect.proto.chart.v1.AdmitRequest;
import org.medconnect.proto.chart.v1.DischargeRequest;
import org.medconnect.proto.chart.v1.SaveNoteTemplateRequest;

/**
 * Reception's Admissions, the doctor's Inpatients and the admin's Note templates, each in a real
 * 1366x768 window against a real server with a few stays and templates. Writes
 * admissions-reception.png, inpatients-doctor.png, note-templates-admin.png and, for the
 * corrections on the chart, chart-problems-correction.png to the first argument. Run under Xvfb like {@code screenshots.sh}.
 */
public final class GapScreensScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (StaffedClinic clinic = new StaffedClinic()) {
            Platform.startup(() -> { });
            run(clinic, out);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void run(StaffedClinic clinic, Path out) throws Exception {
        ServerConnection okafor = clinic.signedIn("a.okafor");
        String[][] stays = {{"Carla", "Mendes", "Ward 2", "4", "Community-acquired pneumonia, IV antibiotics"},
                {"Dario", "Costa", "Ward 2", "5", "Cellulitis of the left leg"},
                {"Elena", "Rossi", "Ward 3", "", "Observation after a fall"},
                {"Farid", "Haddad", "Ward 3", "12", "Exacerbation of COPD"}};
        String first = null;
        for (String[] s : stays) {
            UUID p = clinic.checkedIn(s[0], s[1]);
            var a = okafor.admissions().admit(AdmitRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(p.toString())
                    .setWard(s[2]).setBed(s[3]).setReason(s[4]).build()).getAdmission();
            first = first == null ? a.getId() : first;
        }
        okafor.admissions().discharge(DischargeRequest.newBuilder().setAdmissionId(first).setExpectedVersion(1)
                .setDischargeSummary("Afebrile 48 hours, switched to oral antibiotics; review in clinic in 2 weeks.").build());
        ServerConnection admin = clinic.signedIn("clinic.admin");
        String[][] templates = {{"Upper respiratory infection", "uri", "Cough and sore throat for  days.", "Viral URI", "Fluids, paracetamol; return if worse."},
                {"Hypertension review", "htn", "Home readings: . Side effects: none.", "Essential hypertension, controlled", "Continue; bloods in 6 months."},
                {"Diabetes annual review", "dm-annual", ".vitals\n.meds", "Type 2 diabetes", "HbA1c, feet, eyes referral."}};
        for (String[] t : templates) {
            admin.encounters().saveNoteTemplate(SaveNoteTemplateRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                    .setName(t[0]).setShortcut(t[1]).setSubjective(t[2]).setAssessment(t[3]).setPlan(t[4]).build());
        }

        ScreenStage stage = new ScreenStage();
        try (FxTaskRunner runner = new FxTaskRunner()) {
            ServerConnection desk = clinic.signedIn("r.gomes");
            ServerCalls deskCalls = StaffedClinic.calls(desk, runner);
            stage.show(() -> {
                PatientPickerViewModel picker = new PatientPickerViewModel(desk, deskCalls,
                        () -> new PatientFormViewModel(desk, deskCalls, new ClinicTime(Clock.system(ZoneOffset.UTC)), Optional.empty()));
                var model = new ReceptionAdmissionsViewModel(desk, deskCalls, StaffedClinic.ZONE, picker);
                model.loadDoctors();
                model.reload();
                picker.queryProperty().set("Lima");
                picker.search();
                return new ReceptionAdmissionsView(model);
            });
            Thread.sleep(2500);
            stage.shot(out.resolve("admissions-reception.png"));

            ServerCalls doctorCalls = StaffedClinic.calls(okafor, runner);
            stage.show(() -> {
                var model = new InpatientsViewModel(okafor, doctorCalls, StaffedClinic.ZONE);
                model.reload();
                return new InpatientsView(model, (id, name) -> { });
            });
            Thread.sleep(2500);
            stage.shot(out.resolve("inpatients-doctor.png"));

            ServerCalls adminCalls = StaffedClinic.calls(admin, runner);
            var templatesModel = new NoteTemplatesViewModel(admin, adminCalls);
            stage.show(() -> {
                templatesModel.reload();
                return new NoteTemplatesView(templatesModel);
            });
            Thread.sleep(2000);
            org.medconnect.desktop.testing.ScreenshotSteps.fx(() -> {
                templatesModel.edit(templatesModel.templates().get(1));
                return null;
            });
            Thread.sleep(800);
            stage.shot(out.resolve("note-templates-admin.png"));

            // The problem list being corrected: one entered in error (shown struck through), one open for editing.
            String ana = clinic.ana.toString();
            for (String[] p : new String[][] {{"I10", ""}, {"E11.9", ""}, {"", "Chronic low back pain"}}) {
                okafor.problems().addProblem(org.medconnect.proto.chart.v1.AddProblemRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setPatientId(ana).setIcd10Code(p[0]).setTitle(p[1]).build());
            }
            var wrong = okafor.problems().addProblem(org.medconnect.proto.chart.v1.AddProblemRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setPatientId(ana).setIcd10Code("J45.909").build()).getProblem();
            okafor.problems().markProblemEnteredInError(org.medconnect.proto.chart.v1.MarkProblemEnteredInErrorRequest.newBuilder()
                    .setProblemId(wrong.getId()).setExpectedVersion(wrong.getVersion()).setReason("Charted for the wrong patient").build());
            var problems = new org.medconnect.desktop.chart.problem.ProblemsViewModel(okafor, doctorCalls, Clock.systemUTC(), ana);
            stage.show(() -> {
                problems.showEnteredInErrorProperty().set(true);
                return new org.medconnect.desktop.chart.problem.ProblemsView(problems);
            });
            Thread.sleep(2500);
            org.medconnect.desktop.testing.ScreenshotSteps.fx(() -> {
                problems.selectedProperty().set(problems.active().stream().filter(r -> r.title().startsWith("Chronic")).findFirst().orElseThrow());
                problems.edit();
                problems.editTitleProperty().set("Chronic low back pain, mechanical");
                return null;
            });
            Thread.sleep(800);
            stage.shot(out.resolve("chart-problems-correction.png"));
        }
    }
}
