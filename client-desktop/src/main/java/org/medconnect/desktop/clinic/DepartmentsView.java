package org.medconnect.desktop.clinic;

import org.medconnect.desktop.platform.Widgets;
import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.FormGrid;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.proto.staff.v1.Department;

/** The Departments screen: list, create, rename, retire. */
public final class DepartmentsView extends BorderPane {

    private final DepartmentsViewModel model;
    private final Dialogs dialogs;
    private final Function<Optional<Department>, DepartmentFormViewModel> forms;
    private final TableView<Department> table;

    public DepartmentsView(DepartmentsViewModel model, Dialogs dialogs, Function<Optional<Department>, DepartmentFormViewModel> forms) {
        this.model = model;
        this.dialogs = dialogs;
        this.forms = forms;
        setId("departments-screen");
        Label title = new Label("Departments");
        title.getStyleClass().add(Styles.TITLE_2);
        CheckBox retired = new CheckBox("Show retired");
        retired.setId("show-retired");
        retired.selectedProperty().bindBidirectional(model.showRetiredProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Button create = new Button("New department");
        create.setId("new-department");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> openForm(Optional.empty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, retired, progress, spacer, create);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        table = new TableView<>(model.departments());
        table.setId("departments-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<Department, String> name = new TableColumn<>("Name");
        name.setPrefWidth(360);
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getName()));
        TableColumn<Department, String> doctors = new TableColumn<>("Doctors");
        doctors.setPrefWidth(120);
        doctors.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().getDoctorCount())));
        TableColumn<Department, String> state = new TableColumn<>("Status");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getRetired() ? "Retired" : "In use"));
        table.getColumns().addAll(java.util.List.of(name, doctors, state));
        Label empty = new Label("No departments yet. Create the first one with \"New department\".");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);

        Button rename = new Button("Rename…");
        rename.setId("rename-department");
        rename.setOnAction(e -> selected().ifPresent(d -> openForm(Optional.of(d))));
        Button retire = new Button("Retire…");
        retire.setId("retire-department");
        retire.setOnAction(e -> selected().ifPresent(d -> dialogs.confirm("Retire " + d.getName() + "?",
                d.getName() + " stays on existing records but is no longer offered for new doctors or appointments.",
                "Retire", true, () -> model.retire(d))));
        rename.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        retire.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> selected().map(Department::getRetired).orElse(false),
                        table.getSelectionModel().selectedItemProperty())));
        Label message = new Label();
        message.setId("departments-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        HBox footer = new HBox(10, rename, retire, message);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 0, 0, 0));
        VBox header = new VBox(12, title, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(table);
        setBottom(footer);
        model.reload();
    }

    private Optional<Department> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void openForm(Optional<Department> department) {
        DepartmentFormViewModel form = forms.apply(department);
        TextField name = new TextField();
        name.setId("department-name");
        name.setPromptText("e.g. Cardiology");
        name.textProperty().bindBidirectional(form.nameProperty());
        FormGrid grid = new FormGrid(90, 280);
        grid.add("Name", name, form.errorProperty());
        Button cancel = new Button("Cancel");
        Button save = new Button(form.isCreate() ? "Create" : "Rename");
        save.setId("department-save");
        save.setOnAction(e -> form.save());
        VBox card = new VBox(12, Widgets.title(form.isCreate() ? "New department" : "Rename department", "department-form-title"),
                grid.node(), Widgets.problem(form.messageProperty(), "department-form-message"),
                Widgets.formActions(form.busyProperty(), cancel, save));
        card.setPadding(new Insets(24));
        card.setPrefWidth(460);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(saved -> {
            sheet.close();
            model.reload();
        });
        javafx.application.Platform.runLater(name::requestFocus);
    }
}
