package org.medconnect.desktop.prescription.brand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.desktop.prescription.refill.RefillScreenshot;
import org.medconnect.proto.prescription.v1.DrugChoice;
import org.medconnect.proto.prescription.v1.DrugChoiceKind;

/** The admin's Drug brands at 1366x768 into docs/screenshots/drug-brands.png (first argument: the folder). */
public final class DrugBrandsScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").resolve("drug-brands.png");
        Files.createDirectories(out.getParent());
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                Scene scene = scene();
                RefillScreenshot.write(scene.snapshot(null), out);
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

    /** The admin's workspace on Drug brands: brands with long names and several ingredients, a retired one, Augmentin being edited. */
    static Scene scene() {
        var calls = new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
        var server = new DrugBrandsViewModelTest.FakeServer();
        server.stored.add(DrugBrandsViewModelTest.brand("b1", "Augmentin", true, 2, "amoxicillin", "clavulanate"));
        server.stored.add(DrugBrandsViewModelTest.brand("b2", "Zestoretic", true, 1, "lisinopril", "hydrochlorothiazide"));
        server.stored.add(DrugBrandsViewModelTest.brand("b3", "Nurofen", true, 1, "ibuprofen"));
        server.stored.add(DrugBrandsViewModelTest.brand("b4", "Co-codamol 30/500", true, 3, "codeine", "acetaminophen"));
        server.stored.add(DrugBrandsViewModelTest.brand("b5", "Lipitor", true, 1, "atorvastatin"));
        server.stored.add(DrugBrandsViewModelTest.brand("b7", "Co-amoxiclav Sandoz 875 mg/125 mg film-coated tablets", true, 1,
                "amoxicillin", "clavulanate"));
        server.stored.add(DrugBrandsViewModelTest.brand("b8", "Triple therapy pack", true, 1, "lansoprazole", "amoxicillin",
                "clarithromycin", "bismuth subcitrate potassium", "metronidazole"));
        server.stored.add(DrugBrandsViewModelTest.brand("b6", "Старый бренд", false, 4, "metformin"));
        for (String[] d : new String[][] {{"Amoxicillin", "penicillins"}, {"Amoxapine", "tricyclic antidepressants"}}) {
            server.catalogue.add(DrugChoice.newBuilder().setDrugKey(d[0].toLowerCase()).setName(d[0]).addDetails(d[1])
                    .setKind(DrugChoiceKind.DRUG_CHOICE_KIND_INGREDIENT).build());
        }
        var model = new DrugBrandsViewModel(server, calls);
        NavigationWorkspace workspace = new NavigationWorkspace("ADMINISTRATION");
        for (String[] s : new String[][] {{"staff", "Staff"}, {"departments", "Departments"}, {"locations", "Locations & rooms"},
                {"types", "Appointment types"}, {"availability", "Availability"}, {"doctor-absence", "Doctor absence"},
                {"reminders", "Reminders"}, {"invoices", "Invoices"}, {"price-list", "Price list"}}) {
            workspace.add(s[0], s[1], () -> new Label(s[1]));
        }
        workspace.add("drug-brands", "Drug brands", () -> new DrugBrandsView(model));
        for (String[] s : new String[][] {{"audit", "Audit"}, {"break-glass", "Break the glass"}, {"backups", "Backups"},
                {"dashboard", "Dashboard"}}) {
            workspace.add(s[0], s[1], () -> new Label(s[1]));
        }
        Scene scene = new Scene(workspace, 1366, 768);
        Theme.apply(scene);
        ((ButtonBase) scene.lookup("#nav-drug-brands")).fire();
        model.includeRetiredProperty().set(true);
        ((TableView<?>) scene.lookup("#drug-brands-table")).getSelectionModel().select(0);
        model.queryProperty().set("amox");
        model.search();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene;
    }
}
