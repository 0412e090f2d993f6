package org.medconnect.desktop.prescription.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.prescription.refill.SignedInWorkstation;
import org.medconnect.desktop.testing.DesktopRobot;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;
import org.medconnect.proto.prescription.v1.SearchDrugsRequest;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestClinic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * An admin adds a local brand mapped to two catalogue ingredients on the Drug brands screen against
 * the real server; the brand is then in the list and in the drug search a doctor prescribes from.
 */
@ExtendWith(ApplicationExtension.class)
class DrugBrandsFlowTest {

    private static TestClinic clinic;
    private SignedInWorkstation admin;
    private SignedInWorkstation doctor;

    @BeforeAll
    static void startClinic() {
        clinic = TestClinic.start();
        SchedulingFixture fixture = new SchedulingFixture(clinic.database().dsl(), clinic.services());
        fixture.staff("clinic.admin", "Clinic Admin", Role.ADMIN);
        fixture.doctor("okafor", "Dr Amara Okafor", "Family Medicine", "General Medicine");
    }

    @AfterAll
    static void stopClinic() {
        clinic.close();
    }

    @Start
    void start(Stage stage) {
        admin = SignedInWorkstation.signIn(clinic.address(), "clinic.admin", "staff-pass-2026", ZoneOffset.UTC);
        SignedInWorkstation.show(stage, new DrugBrandsView(new DrugBrandsViewModel(DrugBrandsViewModel.Server.over(admin.connection),
                admin.calls)), "Drug brands");
    }

    @Stop
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (doctor != null) {
            doctor.close();
        }
    }

    @Test
    void anAdminAddsABrandOfTwoIngredientsAndADoctorFindsItInTheDrugSearch(FxRobot robot) {
        DesktopRobot ui = new DesktopRobot(robot);
        ui.click("#drug-brand-new");
        ui.type("#drug-brand-name", "Augmentin Duo");
        add(robot, ui, "amoxicillin");
        add(robot, ui, "clavulanate");
        @SuppressWarnings("unchecked") ListView<DrugBrandsViewModel.Ingredient> chosen =
                robot.lookup("#drug-brand-ingredients").queryAs(ListView.class);
        assertThat(chosen.getItems()).extracting(DrugBrandsViewModel.Ingredient::key).containsExactly("amoxicillin", "clavulanate");

        ui.click("#drug-brand-save");
        ui.waitFor(() -> ui.tableContains("#drug-brands-table", "Augmentin Duo"),
                () -> "the brand in the list; message: " + ui.text("#drug-brands-message"));
        ui.waitForText("#drug-brands-notice", "Added Augmentin Duo");

        doctor = SignedInWorkstation.signIn(clinic.address(), "okafor", "doctor-pass-2026", ZoneOffset.UTC);
        var found = doctor.connection.drugs().searchDrugs(SearchDrugsRequest.newBuilder().setQuery("augmentin").build()).getDrugsList();
        assertThat(found).filteredOn(d -> d.getKind() == DrugChoiceKind.DRUG_CHOICE_KIND_BRAND).extracting(DrugChoice::getName)
                .containsExactly("Augmentin Duo");
        DrugChoice brand = found.stream().filter(d -> d.getKind() == DrugChoiceKind.DRUG_CHOICE_KIND_BRAND).findFirst().orElseThrow();
        assertThat(String.join(" ", brand.getDetailsList()).toLowerCase()).contains("amoxicillin").contains("clavulanate");
    }

    /** Finds an ingredient in the catalogue search and adds it with Enter. */
    private static void add(FxRobot robot, DesktopRobot ui, String key) {
        ui.type("#drug-brand-search", key);
        @SuppressWarnings("unchecked") ListView<DrugChoice> results = robot.lookup("#drug-brand-results").queryAs(ListView.class);
        ui.waitFor(() -> results.getItems().stream().anyMatch(d -> d.getDrugKey().equals(key)),
                () -> key + " among the search results: " + results.getItems());
        robot.interact(() -> {
            results.requestFocus();
            results.getSelectionModel().select(results.getItems().stream().filter(d -> d.getDrugKey().equals(key)).findFirst().orElseThrow());
        });
        ui.click("#drug-brand-add-ingredient");
    }
}
