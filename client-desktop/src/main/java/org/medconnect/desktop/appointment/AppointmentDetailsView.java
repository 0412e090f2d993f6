package org.medconnect.desktop.appointment;

import org.medconnect.desktop.platform.Widgets;
import org.medconnect.desktop.platform.Tables;
import org.medconnect.desktop.platform.ClinicTime;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.HistoryEntry;

/**
 * One appointment: who, when, with whom, where, why, its status and history, and the actions its
 * status allows (check in, no-show, cancel with a reason, reschedule through the slot finder).
 */
public final class AppointmentDetailsView {

    private final VBox card;
    private final AppointmentDetailsViewModel model;
    private final Label reference = new Label();
    private final Label status = new Label();
    private final Label patient = new Label();
    private final Label patientFacts = new Label();
    private final GridPane facts = new GridPane();

    public AppointmentDetailsView(AppointmentDetailsViewModel model, Runnable onClose) {
        this.model = model;
        reference.setId("details-reference");
        reference.getStyleClass().add(Styles.TITLE_3);
        status.setId("details-status");
        HBox heading = new HBox(12, reference, status);
        heading.setAlignment(Pos.CENTER_LEFT);
        patient.setId("details-patient");
        patient.getStyleClass().addAll(Styles.TITLE_4);
        patientFacts.getStyleClass().add(Styles.TEXT_MUTED);
        facts.setId("details-facts");
        facts.setHgap(14);
        facts.setVgap(5);
        ColumnConstraints names = new ColumnConstraints(96);
        ColumnConstraints values = new ColumnConstraints(200, 560, Double.MAX_VALUE);
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(names, values);

        TableView<HistoryEntry> history = new TableView<>(model.history());
        history.setId("details-history");
        history.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.getColumns().add(Tables.tippedColumn("When", 135, h -> model.time().dayAndTime(h.getOccurredAt())));
        history.getColumns().add(Tables.tippedColumn("Who", 140, HistoryEntry::getActorName));
        history.getColumns().add(Tables.tippedColumn("What", 110, AppointmentDetailsView::action));
        history.getColumns().add(Tables.tippedColumn("Detail", 300, HistoryEntry::getDetail));
        history.setPrefHeight(150);
        Label noHistory = new Label("No history yet.");
        noHistory.getStyleClass().add(Styles.TEXT_MUTED);
        history.setPlaceholder(noHistory);
        VBox historyBox = new VBox(6, Widgets.section("History"), history);
        VBox.setVgrow(history, Priority.ALWAYS);

        // Cancelling: the reason, then confirm.
        TextField cancelReason = new TextField();
        cancelReason.setId("cancel-reason");
        cancelReason.setPromptText("e.g. Patient called to cancel");
        cancelReason.textProperty().bindBidirectional(model.cancelReasonProperty());
        HBox.setHgrow(cancelReason, Priority.ALWAYS);
        Button confirmCancel = new Button("Cancel _appointment");
        confirmCancel.setId("cancel-confirm");
        confirmCancel.getStyleClass().add(Styles.DANGER);
        confirmCancel.setOnAction(e -> model.cancel());
        confirmCancel.disableProperty().bind(model.busyProperty());
        cancelReason.setOnAction(e -> {
            e.consume();
            model.cancel();
        });
        Button keep = new Button("_Keep it");
        keep.setId("keep-appointment");
        keep.setOnAction(e -> model.stopCancelling());
        Label reasonLabel = new Label("Why is it cancelled?");
        reasonLabel.setLabelFor(cancelReason);
        HBox cancelRow = new HBox(8, cancelReason, keep, confirmCancel);
        cancelRow.setAlignment(Pos.CENTER_LEFT);
        VBox cancelBox = new VBox(6, reasonLabel, cancelRow, Widgets.problem(model.cancelErrorProperty(), "cancel-reason-error"));
        cancelBox.setId("cancel-panel");
        cancelBox.getStyleClass().add("callout-danger");
        cancelBox.visibleProperty().bind(model.cancellingProperty());
        cancelBox.managedProperty().bind(cancelBox.visibleProperty());

        // Rescheduling: the slot finder in place of the history.
        StackPane rescheduleBox = new StackPane();
        rescheduleBox.setId("reschedule-panel");
        Button moveHere = new Button("_Move here");
        moveHere.setId("reschedule-confirm");
        moveHere.getStyleClass().add(Styles.ACCENT);
        moveHere.setOnAction(e -> model.reschedule());
        Button back = new Button("Back");
        back.setId("reschedule-back");
        back.setOnAction(e -> model.stopRescheduling());
        model.reschedulingProperty().addListener((obs, old, finder) -> {
            if (finder == null) {
                rescheduleBox.getChildren().clear();
                return;
            }
            SlotFinderView view = new SlotFinderView(finder, true);
            moveHere.disableProperty().bind(finder.selectedProperty().isNull().or(model.busyProperty()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox buttons = new HBox(8, spacer, back, moveHere);
            VBox box = new VBox(8, Widgets.section("Move to another slot"), view.node(), buttons);
            VBox.setVgrow(view.node(), Priority.ALWAYS);
            rescheduleBox.getChildren().setAll(box);
            finder.searchWhenCriteriaChange();
            finder.search();
            Platform.runLater(view::focusFirst);
        });
        rescheduleBox.visibleProperty().bind(model.reschedulingProperty().isNotNull());
        rescheduleBox.managedProperty().bind(rescheduleBox.visibleProperty());
        historyBox.visibleProperty().bind(rescheduleBox.visibleProperty().not());
        historyBox.managedProperty().bind(historyBox.visibleProperty());
        VBox.setVgrow(rescheduleBox, Priority.ALWAYS);
        VBox.setVgrow(historyBox, Priority.ALWAYS);

        Button checkIn = new Button("C_heck in");
        checkIn.setId("action-check-in");
        checkIn.getStyleClass().add(Styles.SUCCESS);
        checkIn.disableProperty().bind(model.canCheckInBinding().not());
        checkIn.setOnAction(e -> model.checkIn());
        Button noShow = new Button("Mark _no-show");
        noShow.setId("action-no-show");
        noShow.disableProperty().bind(model.canMarkNoShowBinding().not());
        noShow.setOnAction(e -> model.markNoShow());
        Button undo = new Button();
        undo.setId("action-undo");
        undo.textProperty().bind(model.undoLabelBinding());
        undo.visibleProperty().bind(model.canUndoBinding());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.setOnAction(e -> model.undo());
        Button cancel = new Button("_Cancel appointment…");
        cancel.setId("action-cancel");
        cancel.disableProperty().bind(model.canCancelBinding().not().or(model.cancellingProperty()));
        cancel.setOnAction(e -> {
            model.startCancelling();
            Platform.runLater(cancelReason::requestFocus);
        });
        Button reschedule = new Button("_Reschedule…");
        reschedule.setId("action-reschedule");
        reschedule.disableProperty().bind(model.canRescheduleBinding().not().or(model.reschedulingProperty().isNotNull()));
        reschedule.setOnAction(e -> model.startRescheduling());
        Button checkOut = new Button("Check _out…");
        checkOut.setId("action-check-out");
        checkOut.getStyleClass().add(Styles.ACCENT);
        checkOut.visibleProperty().bind(model.canCheckOutBinding());
        checkOut.managedProperty().bind(checkOut.visibleProperty());
        checkOut.setOnAction(e -> model.checkOut());
        Button close = new Button("Close");
        close.setId("details-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        // Enter confirms what is open: the move when rescheduling, else closes.
        moveHere.defaultButtonProperty().bind(model.reschedulingProperty().isNotNull());
        close.defaultButtonProperty().bind(model.reschedulingProperty().isNull().and(model.cancellingProperty().not()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, checkIn, checkOut, noShow, cancel, reschedule, Widgets.progress(model.busyProperty()), spacer, close);
        actions.setAlignment(Pos.CENTER_LEFT);

        card = new VBox(10, heading, new VBox(0, patient, patientFacts), facts, cancelBox, historyBox, rescheduleBox,
                Widgets.notice(model.noticeProperty(), "details-notice"),
                Widgets.undoBar(model.undoOfferProperty(), "details-undo-bar"),
                Widgets.problem(model.messageProperty(), "details-message"), actions);
        card.setId("details-sheet");
        card.setPadding(new Insets(20, 24, 20, 24));
        card.prefWidthProperty().bind(Bindings.when(model.reschedulingProperty().isNotNull()).then(900).otherwise(780));
        card.setMaxHeight(680);
        // Undo sits by the status it takes back, not in the crowded action row.
        undo.getStyleClass().add(Styles.SMALL);
        heading.getChildren().add(undo);
        model.appointmentProperty().addListener((obs, old, now) -> show(now));
        show(model.appointmentProperty().get());
        Platform.runLater(close::requestFocus);
    }

    private void show(Appointment a) {
        if (a == null) {
            return;
        }
        ClinicTime time = model.time();
        reference.setText(a.getReference().isEmpty() ? "Appointment" : a.getReference());
        StatusStyle.setBadge(status, a.getStatus());
        patient.setText(a.getPatient().getDisplayName());
        StringBuilder who = new StringBuilder();
        if (!a.getPatient().getDateOfBirth().isEmpty()) {
            who.append("Born ").append(ClinicTime.isoDate(a.getPatient().getDateOfBirth()));
        }
        if (!a.getPatient().getMrn().isEmpty()) {
            who.append(who.isEmpty() ? "" : " · ").append(a.getPatient().getMrn());
        }
        if (!a.getPatient().getPhone().isEmpty()) {
            who.append(who.isEmpty() ? "" : " · ").append(a.getPatient().getPhone());
        }
        patientFacts.setText(who.toString());
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "When", time.dayAndTime(a.getStartsAt()) + "–" + time.time(a.getEndsAt()), "details-when");
        row = fact(row, "Doctor", a.getDoctorName(), "details-doctor");
        String where = a.getLocationName() + (a.getRoomName().isBlank() ? "" : " · " + a.getRoomName());
        row = fact(row, "Where", where, "details-where");
        row = fact(row, "Type", a.getTypeName(), "details-type");
        row = fact(row, "Reason", a.getReason().isBlank() ? "—" : a.getReason(), "details-reason");
        if (!a.getVideoLink().isBlank()) {
            Hyperlink link = new Hyperlink(a.getVideoLink());
            link.setId("details-video-link");
            link.setMinWidth(0);
            link.setMaxWidth(460);
            link.setOnAction(e -> copy(a.getVideoLink()));
            Button copy = new Button("Copy link");
            copy.setId("copy-video-link");
            copy.getStyleClass().add(Styles.SMALL);
            copy.setMinWidth(Region.USE_PREF_SIZE);
            copy.setOnAction(e -> {
                copy(a.getVideoLink());
                model.noticeProperty().set("Video link copied.");
            });
            HBox video = new HBox(8, link, copy);
            video.setAlignment(Pos.CENTER_LEFT);
            facts.addRow(row++, name("Video"), video);
        }
        if (!a.getBookedByName().isBlank()) {
            String booked = a.getBookedByName() + (a.hasCreatedAt() ? ", " + time.dayAndTime(a.getCreatedAt()) : "");
            row = fact(row, "Booked by", booked, "details-booked-by");
        }
        if (!a.getCancelReason().isBlank()) {
            String by = a.getCancelledByName().isBlank() ? "" : " (" + a.getCancelledByName() + ")";
            fact(row, StatusStyle.label(a.getStatus()), a.getCancelReason() + by, "details-cancel-reason");
        }
    }

    private int fact(int row, String name, String value, String id) {
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        facts.addRow(row, name(name), text);
        return row + 1;
    }

    private static Label name(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane.setValignment(label, VPos.TOP);
        return label;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String action(HistoryEntry entry) {
        String what = entry.getAction().isEmpty() ? "" : entry.getAction().charAt(0)
                + entry.getAction().substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return what;
    }


    public VBox card() {
        return card;
    }
}
