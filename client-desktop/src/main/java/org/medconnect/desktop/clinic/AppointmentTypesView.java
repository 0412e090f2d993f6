package org.medconnect.desktop.clinic;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
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
import org.medconnect.proto.schedule.v1.AppointmentType;

/** Appointment types: what can be booked, how long it takes, and whether the doctor must confirm it. */
public final class AppointmentTypesView extends BorderPane {

    private final AppointmentTypesViewModel model;
    private final Dialogs dialogs;
    private final Function<Optional<AppointmentType>, AppointmentTypeFormViewModel> forms;
    private final TableView<AppointmentType> table;

    public AppointmentTypesView(AppointmentTypesViewModel model, Dialogs dialogs,
                                Function<Optional<AppointmentType>, AppointmentTypeFormViewModel> forms) {
        this.model = model;
        this.dialogs = dialogs;
        this.forms = forms;
        setId("types-screen");
        Label title = new Label("Appointment types");
        title.getStyleClass().add(Styles.TITLE_2);
        CheckBox retired = new CheckBox("Show retired");
        retired.setId("types-show-retired");
        retired.selectedProperty().bindBidirectional(model.showRetiredProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Button create = new Button("New type");
        create.setId("new-type");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> openForm(Optional.empty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, retired, progress, spacer, create);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        table = new TableView<>(model.types());
        table.setId("types-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                Tables.<AppointmentType>column("Name", 240, AppointmentType::getName),
                Tables.<AppointmentType>column("Length", 100, t -> AppointmentTypesViewModel.minutes(t.getDurationMinutes())),
                Tables.<AppointmentType>column("Buffer after", 110, t -> t.getBufferMinutes() == 0 ? "None"
                        : AppointmentTypesViewModel.minutes(t.getBufferMinutes())),
                Tables.<AppointmentType>column("Video visit", 100, t -> t.getVideo() ? "Yes" : "No"),
                Tables.<AppointmentType>column("Doctor confirms", 140, t -> t.getNeedsConfirmation() ? "Yes" : "No"),
                Tables.<AppointmentType>column("Status", 90, t -> t.getRetired() ? "Retired" : "In use")));
        Label empty = new Label("No appointment types yet. Create e.g. \"Consultation\" with \"New type\".");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.setRowFactory(t -> Tables.doubleClick(type -> openForm(Optional.of(type))));

        Button edit = new Button("Edit…");
        edit.setId("edit-type");
        edit.setOnAction(e -> selected().ifPresent(t -> openForm(Optional.of(t))));
        Button retire = new Button();
        retire.setId("retire-type");
        retire.textProperty().bind(Bindings.createStringBinding(() -> selected().map(AppointmentType::getRetired).orElse(false)
                ? "Bring back" : "Retire…", table.getSelectionModel().selectedItemProperty()));
        retire.setOnAction(e -> selected().ifPresent(this::toggle));
        for (Button b : new Button[] {edit, retire}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        }
        Label note = new Label("Changes apply to new bookings; existing appointments keep their length.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label message = new Label();
        message.setId("types-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        HBox footer = new HBox(10, edit, retire, note, message);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 0, 0, 0));
        VBox header = new VBox(12, title, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setCenter(table);
        setBottom(footer);
        model.reload();
    }

    private Optional<AppointmentType> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void toggle(AppointmentType type) {
        if (type.getRetired()) {
            model.setRetired(type, false);
        } else {
            dialogs.confirm("Retire " + type.getName() + "?", "Existing " + type.getName()
                    + " appointments stay as they are, but no new ones can be booked.", "Retire", true, () -> model.setRetired(type, true));
        }
    }

    private void openForm(Optional<AppointmentType> type) {
        AppointmentTypeFormViewModel form = forms.apply(type);
        TextField name = Widgets.field("type-name", form.nameProperty(), "e.g. Consultation");
        TextField duration = Widgets.field("type-duration", form.durationProperty(), "5 - 480");
        duration.setPrefColumnCount(5);
        TextField buffer = Widgets.field("type-buffer", form.bufferProperty(), "0 - 120");
        buffer.setPrefColumnCount(5);
        CheckBox video = new CheckBox("Held as a video visit (each booking gets a meeting link)");
        video.setId("type-video");
        video.selectedProperty().bindBidirectional(form.videoProperty());
        CheckBox confirm = new CheckBox("The doctor accepts each booking before it is confirmed");
        confirm.setId("type-needs-confirmation");
        confirm.selectedProperty().bindBidirectional(form.needsConfirmationProperty());
        FormGrid grid = new FormGrid(110, 340);
        grid.add("Name", name, form.error(AppointmentTypeFormViewModel.NAME));
        grid.add("Length (min)", duration, form.error(AppointmentTypeFormViewModel.DURATION));
        grid.add("Buffer (min)", buffer, form.error(AppointmentTypeFormViewModel.BUFFER));
        Label bufferNote = new Label("Time the doctor keeps free after each appointment, e.g. for notes or cleaning.");
        bufferNote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        bufferNote.setWrapText(true);
        VBox options = new VBox(8, bufferNote, video, confirm);
        options.setPadding(new Insets(0, 0, 0, 122));
        Button cancel = new Button("Cancel");
        cancel.setId("type-cancel");
        Button save = new Button(form.isCreate() ? "Create type" : "Save changes");
        save.setId("type-save");
        save.setOnAction(e -> form.save());
        VBox card = new VBox(12, Widgets.title(form.isCreate() ? "New appointment type" : "Edit " + type.get().getName(), "type-form-title"),
                grid.node(), options, Widgets.problem(form.messageProperty(), "type-form-message"),
                Widgets.formActions(form.busyProperty(), cancel, save));
        card.setId("type-form");
        card.setPadding(new Insets(24));
        card.setPrefWidth(540);
        OverlayHost.Sheet sheet = dialogs.overlays().show(card);
        cancel.setOnAction(e -> sheet.close());
        form.onSaved(saved -> {
            sheet.close();
            model.reload();
        });
        Platform.runLater(name::requestFocus);
    }
}
