package org.medconnect.desktop.notetemplate;

import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;
import org.medconnect.proto.chart.v1.ListNoteTemplatesRequest;
import org.medconnect.proto.chart.v1.RetireNoteTemplateRequest;
import org.medconnect.proto.chart.v1.SaveNoteTemplateRequest;

/**
 * The admin's Note templates screen: the clinic-wide SOAP templates every doctor picks by name
 * or by a typed shortcut; add one, edit one from the version it was read at, retire one (notes
 * that used it keep their text). A change made meanwhile on another console is refused with who
 * made it, and what was typed stays.
 */
public final class NoteTemplatesViewModel {

    private final ServerConnection connection;
    private final ServerCalls calls;

    private final ObservableList<EncounterNoteTemplate> templates = FXCollections.observableArrayList();
    /** The template being edited; null while writing a new one. */
    private final ObjectProperty<EncounterNoteTemplate> editing = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty shortcut = new SimpleStringProperty("");
    private final StringProperty subjective = new SimpleStringProperty("");
    private final StringProperty objective = new SimpleStringProperty("");
    private final StringProperty assessment = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canRetire;
    private Optional<String> pendingRequestId = Optional.empty();

    public NoteTemplatesViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        canRetire = Bindings.createBooleanBinding(() -> editing.get() != null && !busy.get(), editing, busy);
    }

    /** Reads the clinic-wide templates again. */
    public void reload() {
        calls.call(busy, () -> connection.encounters().listNoteTemplates(ListNoteTemplatesRequest.getDefaultInstance()).getTemplatesList()
                .stream().filter(EncounterNoteTemplate::getClinicWide).toList(), templates::setAll, f -> problem.set(f.message()));
    }

    /** Opens a template in the form, at the version just read. */
    public void edit(EncounterNoteTemplate t) {
        if (t == null) {
            return;
        }
        editing.set(t);
        name.set(t.getName());
        shortcut.set(t.getShortcut());
        subjective.set(t.getSubjective());
        objective.set(t.getObjective());
        assessment.set(t.getAssessment());
        plan.set(t.getPlan());
        problem.set("");
        notice.set("");
    }

    /** An empty form for a new template. */
    public void newTemplate() {
        editing.set(null);
        pendingRequestId = Optional.empty();
        for (StringProperty p : new StringProperty[] {name, shortcut, subjective, objective, assessment, plan}) {
            p.set("");
        }
        problem.set("");
    }

    /** Adds the template in the form, or saves the edit; the list shows it at once. */
    public void save() {
        if (busy.get()) {
            return;
        }
        notice.set("");
        if (name.get().isBlank()) {
            problem.set("Give the template a name.");
            return;
        }
        if (subjective.get().isBlank() && objective.get().isBlank() && assessment.get().isBlank() && plan.get().isBlank()) {
            problem.set("Write at least one part of the note (subjective, objective, assessment or plan).");
            return;
        }
        problem.set("");
        EncounterNoteTemplate from = editing.get();
        var request = SaveNoteTemplateRequest.newBuilder().setName(name.get().strip()).setShortcut(shortcut.get().strip())
                .setSubjective(subjective.get()).setObjective(objective.get()).setAssessment(assessment.get()).setPlan(plan.get());
        if (from == null) {
            String requestId = pendingRequestId.orElseGet(() -> UUID.randomUUID().toString());
            pendingRequestId = Optional.of(requestId);
            request.setRequestId(requestId);
        } else {
            request.setTemplateId(from.getId()).setExpectedVersion(from.getVersion());
        }
        calls.call(busy, () -> connection.encounters().saveNoteTemplate(request.build()).getTemplate(), saved -> {
            pendingRequestId = Optional.empty();
            edit(saved); // the form now holds the saved version
            notice.set((from == null ? "Added: " : "Saved: ") + saved.getName()
                    + (saved.getShortcut().isEmpty() ? "." : " (shortcut " + saved.getShortcut() + ")."));
            reload();
        }, f -> {
            if (f.definiteRefusal()) {
                pendingRequestId = Optional.empty();
            }
            refused(f);
            if (f.code() == io.grpc.Status.Code.ABORTED && from != null) {
                refreshEditing(from.getId());
            }
        });
    }

    /** Retires the template being edited: doctors no longer find it; notes written with it keep their text. */
    public void retire() {
        EncounterNoteTemplate t = editing.get();
        if (!canRetire.get()) {
            return;
        }
        notice.set("");
        calls.call(busy, () -> connection.encounters().retireNoteTemplate(RetireNoteTemplateRequest.newBuilder().setTemplateId(t.getId())
                .setExpectedVersion(t.getVersion()).build()), done -> {
            newTemplate();
            notice.set("Retired: " + t.getName() + ".");
            reload();
        }, f -> {
            refused(f);
            if (f.code() == io.grpc.Status.Code.ABORTED) {
                refreshEditing(t.getId());
            }
        });
    }

    /** After a stale edit: the list shows the other change, the form keeps the typed text on the newer version. */
    private void refreshEditing(String id) {
        calls.call(busy, () -> connection.encounters().listNoteTemplates(ListNoteTemplatesRequest.getDefaultInstance()).getTemplatesList()
                .stream().filter(EncounterNoteTemplate::getClinicWide).toList(), fresh -> {
            templates.setAll(fresh);
            fresh.stream().filter(x -> x.getId().equals(id)).findFirst().ifPresent(editing::set);
        }, f -> { });
    }

    private void refused(CallFailure f) {
        problem.set(f.fieldErrors().isEmpty() ? f.message() : String.join(" ", f.fieldErrors().values()));
    }

    public ObservableList<EncounterNoteTemplate> templates() { return templates; }
    public ObjectProperty<EncounterNoteTemplate> editingProperty() { return editing; }
    public StringProperty nameProperty() { return name; }
    public StringProperty shortcutProperty() { return shortcut; }
    public StringProperty subjectiveProperty() { return subjective; }
    public StringProperty objectiveProperty() { return objective; }
    public StringProperty assessmentProperty() { return assessment; }
    public StringProperty planProperty() { return plan; }
    public StringProperty problemProperty() { return problem; }
    public StringProperty noticeProperty() { return notice; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanBinding canRetireProperty() { return canRetire; }
}
