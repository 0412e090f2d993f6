package org.medconnect.desktop.staff;

import org.medconnect.desktop.platform.Tables;
import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Roles;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.StaffUser;

/** The Staff screen: searchable table of accounts and the actions an admin takes on them. */
public final class StaffView extends BorderPane {

    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM, HH:mm");
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy");

    private final StaffViewModel model;
    private final Dialogs dialogs;
    private final Function<Optional<StaffUser>, UserFormViewModel> forms;
    private final Function<StaffUser, ResetPasswordViewModel> resets;
    private final Supplier<Instant> clock;

    public StaffView(StaffViewModel model, Dialogs dialogs, Function<Optional<StaffUser>, UserFormViewModel> forms,
                     Function<StaffUser, ResetPasswordViewModel> resets, Supplier<Instant> clock, ZoneId zone) {
        this.model = model;
        this.dialogs = dialogs;
        this.forms = forms;
        this.resets = resets;
        this.clock = clock;
        setId("staff-screen");

        Label title = new Label("Staff");
        title.getStyleClass().add(Styles.TITLE_2);
        TextField search = new TextField();
        search.setId("staff-search");
        search.setPromptText("Search name, username or email");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(model.queryProperty());
        // Debounced: one server search after typing pauses, not one per key.
        PauseTransition debounce = new PauseTransition(Duration.millis(300));
        debounce.setOnFinished(e -> model.reload());
        search.textProperty().addListener((obs, old, now) -> debounce.playFromStart());
        ComboBox<Role> role = new ComboBox<>(FXCollections.observableArrayList(
                Role.ROLE_UNSPECIFIED, Role.ROLE_ADMIN, Role.ROLE_DOCTOR, Role.ROLE_NURSE, Role.ROLE_RECEPTIONIST));
        role.setId("role-filter");
        role.setConverter(new StringConverter<>() {
            @Override public String toString(Role r) { return r == null || r == Role.ROLE_UNSPECIFIED ? "All roles" : Roles.label(r); }
            @Override public Role fromString(String s) { return null; }
        });
        role.valueProperty().bindBidirectional(model.roleFilterProperty());
        CheckBox inactive = new CheckBox("Show inactive");
        inactive.setId("show-inactive");
        inactive.selectedProperty().bindBidirectional(model.showInactiveProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("staff-busy");
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Button create = new Button("New user");
        create.setId("new-user");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> openForm(Optional.empty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, search, role, inactive, progress, spacer, create);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<StaffUser> table = new TableView<>(model.users());
        table.setId("staff-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.getColumns().add(Tables.column("Name", 160, true, u -> u.getDisplayName()));
        table.getColumns().add(Tables.column("Username", 95, true, StaffUser::getUsername));
        table.getColumns().add(Tables.column("Role", 110, true, u -> Roles.label(u.getRole())));
        table.getColumns().add(Tables.column("Department / specialization", 250, true, StaffView::doctorText));
        table.getColumns().add(Tables.column("Email", 215, true, StaffUser::getEmail));
        TableColumn<StaffUser, String> status = Tables.column("Status", 80, true, u -> StaffViewModel.status(u, clock.get()));
        status.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("text-success", "text-warning-bold", "text-danger");
                if (!empty && item != null) {
                    getStyleClass().add(switch (item) {
                        case "Active" -> "text-success";
                        case "Locked" -> "text-warning-bold";
                        default -> "text-danger";
                    });
                }
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(Tables.column("Last sign-in", 140, true, u -> lastSignIn(u, zone)));
        Label empty = new Label("No staff match the search.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.setRowFactory(t -> {
            TableRow<StaffUser> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openForm(Optional.of(row.getItem()));
                }
            });
            return row;
        });

        Button edit = new Button("Edit…");
        edit.setId("edit-user");
        edit.setOnAction(e -> selected().ifPresent(u -> openForm(Optional.of(u))));
        Button toggle = new Button();
        toggle.setId("toggle-active");
        toggle.textProperty().bind(Bindings.createStringBinding(() ->
                model.selectedProperty().get() != null && !model.selectedProperty().get().getActive() ? "Reactivate…" : "Deactivate…",
                model.selectedProperty()));
        toggle.setOnAction(e -> selected().ifPresent(this::confirmToggle));
        Button reset = new Button("Reset password…");
        reset.setId("reset-password");
        reset.setOnAction(e -> selected().ifPresent(this::openReset));
        for (Button b : new Button[] {edit, toggle, reset}) {
            b.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        }
        ContextMenu menu = new ContextMenu();
        MenuItem editItem = new MenuItem("Edit…");
        editItem.setOnAction(e -> edit.fire());
        MenuItem toggleItem = new MenuItem();
        toggleItem.textProperty().bind(toggle.textProperty());
        toggleItem.setOnAction(e -> toggle.fire());
        MenuItem resetItem = new MenuItem("Reset password…");
        resetItem.setOnAction(e -> reset.fire());
        menu.getItems().addAll(editItem, toggleItem, resetItem);
        table.setContextMenu(menu);

        Label count = new Label();
        count.setId("staff-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> "Showing " + model.users().size() + " of "
                + model.totalCountProperty().get(), model.users(), model.totalCountProperty()));
        Button more = new Button("Load more");
        more.setId("load-more");
        more.visibleProperty().bind(model.nextPageTokenProperty().isNotEmpty());
        more.disableProperty().bind(model.busyProperty());
        more.setOnAction(e -> model.loadMore());
        Label message = new Label();
        message.setId("staff-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        Region footerSpacer = new Region();
        HBox.setHgrow(footerSpacer, Priority.ALWAYS);
        HBox footer = new HBox(10, edit, toggle, reset, message, footerSpacer, count, more);
        footer.setAlignment(Pos.CENTER_LEFT);

        VBox header = new VBox(12, title, toolbar);
        header.setPadding(new Insets(0, 0, 12, 0));
        footer.setPadding(new Insets(10, 0, 0, 0));
        setTop(header);
        setCenter(table);
        setBottom(footer);
        model.reload();
    }

    private Optional<StaffUser> selected() {
        return Optional.ofNullable(model.selectedProperty().get());
    }

    /** Short enough for the column: the year only when it is not this one. */
    private String lastSignIn(StaffUser user, ZoneId zone) {
        if (!user.hasLastSignInAt()) {
            return "Never";
        }
        var at = Instant.ofEpochSecond(user.getLastSignInAt().getSeconds()).atZone(zone);
        boolean thisYear = at.getYear() == clock.get().atZone(zone).getYear();
        return (thisYear ? THIS_YEAR : OTHER_YEAR).format(at);
    }

    private static String doctorText(StaffUser user) {
        if (!user.hasDoctorProfile()) {
            return "";
        }
        String department = user.getDoctorProfile().getDepartmentName();
        String specialization = user.getDoctorProfile().getSpecialization();
        return department.isEmpty() ? specialization : specialization.isEmpty() ? department : department + " · " + specialization;
    }

    private void openForm(Optional<StaffUser> user) {
        UserFormViewModel form = forms.apply(user);
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        UserFormView view = new UserFormView(form, () -> sheet[0].close());
        form.onSaved(saved -> {
            sheet[0].close();
            model.replace(saved);
        });
        sheet[0] = dialogs.overlays().show(view.card());
    }

    private void openReset(StaffUser user) {
        ResetPasswordViewModel reset = resets.apply(user);
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        ResetPasswordView view = new ResetPasswordView(reset, () -> sheet[0].close());
        reset.onDone(changed -> {
            sheet[0].close();
            model.replace(changed);
            dialogs.inform("Password reset", changed.getDisplayName() + " can now sign in with the temporary password "
                    + "and will be asked to choose a new one.");
        });
        sheet[0] = dialogs.overlays().show(view.card());
    }

    private void confirmToggle(StaffUser user) {
        if (user.getActive()) {
            dialogs.confirm("Deactivate " + user.getDisplayName() + "?",
                    user.getDisplayName() + " will be signed out everywhere and cannot sign in until reactivated. "
                            + "Their records stay as they are.", "Deactivate", true, () -> model.deactivate(user));
        } else {
            dialogs.confirm("Reactivate " + user.getDisplayName() + "?",
                    user.getDisplayName() + " will be able to sign in again.", "Reactivate", false, () -> model.reactivate(user));
        }
    }
}
