package org.medconnect.desktop.chart.encounter;

import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.medconnect.proto.chart.v1.AddAddendumRequest;
import org.medconnect.proto.chart.v1.Encounter;
import org.medconnect.proto.chart.v1.EncounterNote;
import org.medconnect.proto.chart.v1.EncounterNoteTemplate;
import org.medconnect.proto.chart.v1.EncounterSmartPhrase;
import org.medconnect.proto.chart.v1.EncounterStatus;
import org.medconnect.proto.chart.v1.ExpandSmartPhrasesRequest;
import org.medconnect.proto.chart.v1.GetEncounterRequest;
import org.medconnect.proto.chart.v1.ListNoteTemplatesRequest;
import org.medconnect.proto.chart.v1.SaveNoteDraftRequest;
import org.medconnect.proto.chart.v1.SignEncounterRequest;

/**
 * The note editor of one encounter (decision 0030): four SOAP fields autosaved a moment after
 * typing stops, a local crash copy written on every edit and removed once the server has the
 * text, a stale-edit refusal that keeps the user's text with "Reload and reapply", templates by
 * name or shortcut, smart phrases expanded on the server, signing and addenda.
 */
public final class EncounterEditorViewModel {

    /** Restarts a short wait after each keystroke and then runs the save (a PauseTransition; tests run it by hand). */
    public interface Debounce {
        void restart(Runnable action);
    }

    private static final Pattern TYPED_PHRASE = Pattern.compile("(?<![\\w.])\\.(vitals|meds|allergies|problems)(?=\\s)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final NoteCrashCopy crashCopy;
    private final Debounce debounce;
    private final Clock clock;
    private final ZoneId zone;

    private final StringProperty subjective = new SimpleStringProperty("");
    private final StringProperty objective = new SimpleStringProperty("");
    private final StringProperty assessment = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty saveState = new SimpleStringProperty("");
    private final StringProperty staleMessage = new SimpleStringProperty("");
    private final StringProperty heading = new SimpleStringProperty("");
    private final StringProperty addendumText = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty saving = new SimpleBooleanProperty();
    private final BooleanProperty signed = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final ObjectProperty<Optional<NoteCrashCopy.Copy>> restoreOffer = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Encounter> encounter = new SimpleObjectProperty<>();
    private final ObservableList<EncounterNoteTemplate> templates = FXCollections.observableArrayList();

    private final BooleanProperty canPrescribe = new SimpleBooleanProperty();
    private Optional<Consumer<String>> prescribe = Optional.empty();

    private String encounterId = "";
    private int version;
    private boolean loading;
    private boolean dirty;
    private boolean inFlight;

    public EncounterEditorViewModel(ServerConnection connection, ServerCalls calls, NoteCrashCopy crashCopy, Debounce debounce,
                                    Clock clock, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.crashCopy = crashCopy;
        this.debounce = debounce;
        this.clock = clock;
        this.zone = zone;
        for (StringProperty part : List.of(subjective, objective, assessment, plan)) {
            part.addListener((obs, was, now) -> edited());
        }
    }

    // ---- loading ----

    /** Loads the encounter and the templates; offers the local copy when it is newer than the server's note. */
    public void load(String id) {
        this.encounterId = id;
        calls.call(busy, () -> connection.encounters().getEncounter(GetEncounterRequest.newBuilder().setEncounterId(id).build())
                .getEncounter(), this::show, this::failed);
        calls.call(new SimpleBooleanProperty(), () -> connection.encounters().listNoteTemplates(ListNoteTemplatesRequest.getDefaultInstance())
                .getTemplatesList(), templates::setAll, f -> { });
    }

    /** Start consultation: opens (or finds) the appointment's encounter and shows it. */
    public void openForAppointment(String appointmentId) {
        calls.call(busy, () -> connection.encounters().openEncounter(org.medconnect.proto.chart.v1.OpenEncounterRequest.newBuilder()
                .setAppointmentId(appointmentId).build()).getEncounter(), e -> {
            encounterId = e.getSummary().getId();
            show(e);
        }, this::failed);
        calls.call(new SimpleBooleanProperty(), () -> connection.encounters().listNoteTemplates(ListNoteTemplatesRequest.getDefaultInstance())
                .getTemplatesList(), templates::setAll, f -> { });
    }

    void show(Encounter e) {
        encounter.set(e);
        canPrescribe.set(prescribe.isPresent());
        EncounterNote note = e.getNote();
        loading = true;
        subjective.set(note.getSubjective());
        objective.set(note.getObjective());
        assessment.set(note.getAssessment());
        plan.set(note.getPlan());
        loading = false;
        version = note.getVersion();
        signed.set(e.getSummary().getStatus() != EncounterStatus.ENCOUNTER_STATUS_OPEN);
        var started = Instant.ofEpochSecond(e.getSummary().getStartedAt().getSeconds()).atZone(zone);
        heading.set(e.getSummary().getDoctorName() + ", " + org.medconnect.desktop.platform.ClinicDates.format(started.toLocalDate())
                + " " + TIME.format(started));
        saveState.set(note.getUpdatedByName().isEmpty() ? "" : "Saved " + time(note.getUpdatedAt().getSeconds()));
        Optional<NoteCrashCopy.Copy> local = crashCopy.load(encounterId);
        if (local.isPresent() && !signed.get() && differs(local.get(), note)
                && local.get().typedAt().getEpochSecond() >= note.getUpdatedAt().getSeconds()) {
            restoreOffer.set(local);
        } else {
            local.ifPresent(c -> crashCopy.remove(encounterId));
            restoreOffer.set(Optional.empty());
        }
    }

    /** Puts the local copy back in the editor and saves it over the server's newest version. */
    public void restoreLocalCopy() {
        restoreOffer.get().ifPresent(c -> {
            subjective.set(c.subjective());
            objective.set(c.objective());
            assessment.set(c.assessment());
            plan.set(c.plan());
            restoreOffer.set(Optional.empty());
            saveNow();
        });
    }

    public void discardLocalCopy() {
        crashCopy.remove(encounterId);
        restoreOffer.set(Optional.empty());
    }

    // ---- autosave ----

    private void edited() {
        if (loading || encounterId.isEmpty() || signed.get()) {
            return;
        }
        dirty = true;
        crashCopy.save(encounterId, new NoteCrashCopy.Copy(subjective.get(), objective.get(), assessment.get(), plan.get(), version,
                clock.instant()));
        if (!stale.get()) {
            debounce.restart(this::saveNow);
        }
    }

    /** Sends the note now (the debounce calls this a moment after typing stops). */
    public void saveNow() {
        if (inFlight || encounterId.isEmpty() || signed.get()) {
            return;
        }
        inFlight = true;
        dirty = false;
        saving.set(true);
        saveState.set("Saving\u2026");
        SaveNoteDraftRequest request = SaveNoteDraftRequest.newBuilder().setEncounterId(encounterId).setSubjective(subjective.get())
                .setObjective(objective.get()).setAssessment(assessment.get()).setPlan(plan.get()).setExpectedVersion(version).build();
        calls.call(saving, () -> connection.encounters().saveNoteDraft(request).getNote(), note -> {
            inFlight = false;
            version = note.getVersion();
            stale.set(false);
            staleMessage.set("");
            saveState.set("Saved " + time(note.getUpdatedAt().getSeconds()));
            if (dirty) {
                saveNow();
            } else {
                crashCopy.remove(encounterId);
            }
        }, failure -> {
            inFlight = false;
            dirty = true;
            if (failure.code() == Status.Code.ABORTED) {
                stale.set(true);
                staleMessage.set(failure.message());
                saveState.set("Not saved: changed elsewhere");
            } else if (failure.is("SIGNED")) {
                signed.set(true);
                saveState.set("Signed: add an addendum instead");
            } else if (failure.serverUnreachable() || failure.databaseUnavailable() || failure.sessionExpired()
                    || failure.code() == Status.Code.DEADLINE_EXCEEDED) {
                saveState.set("Offline: kept on this computer");
            } else {
                saveState.set("Not saved: " + failure.message());
            }
        });
    }

    /** After a stale-edit refusal: loads the newest version and saves the user's text over it. */
    public void reloadAndReapply() {
        String s = subjective.get();
        String o = objective.get();
        String a = assessment.get();
        String p = plan.get();
        calls.call(busy, () -> connection.encounters().getEncounter(GetEncounterRequest.newBuilder().setEncounterId(encounterId).build())
                .getEncounter(), fresh -> {
            show(fresh);
            restoreOffer.set(Optional.empty());
            stale.set(false);
            staleMessage.set("");
            loading = true;
            subjective.set(s);
            objective.set(o);
            assessment.set(a);
            plan.set(p);
            loading = false;
            saveNow();
        }, this::failed);
    }

    // ---- templates and smart phrases ----

    /** Inserts a template found by its shortcut or name (case-insensitive); false when none matches. */
    public boolean applyTemplate(String nameOrShortcut) {
        String key = nameOrShortcut.strip().toLowerCase(Locale.ROOT);
        Optional<EncounterNoteTemplate> t = templates.stream().filter(x -> x.getShortcut().equals(key)).findFirst()
                .or(() -> templates.stream().filter(x -> x.getName().toLowerCase(Locale.ROOT).equals(key)).findFirst())
                .or(() -> templates.stream().filter(x -> x.getName().toLowerCase(Locale.ROOT).startsWith(key)).findFirst());
        t.ifPresent(this::apply);
        return t.isPresent();
    }

    public void apply(EncounterNoteTemplate t) {
        append(subjective, t.getSubjective());
        append(objective, t.getObjective());
        append(assessment, t.getAssessment());
        append(plan, t.getPlan());
    }

    /**
     * Expands the smart phrases typed in one field (called when a space or new line follows one):
     * the server answers every phrase's value and the field's current text is rewritten with them,
     * so words typed meanwhile stay.
     */
    public void expandPhrasesIn(StringProperty field) {
        if (!TYPED_PHRASE.matcher(field.get()).find()) {
            return;
        }
        ExpandSmartPhrasesRequest request = ExpandSmartPhrasesRequest.newBuilder().setEncounterId(encounterId).setText("").build();
        calls.call(new SimpleBooleanProperty(), () -> connection.encounters().expandSmartPhrases(request).getPhrasesList(),
                phrases -> field.set(replace(field.get(), phrases)), this::failed);
    }

    static String replace(String text, List<EncounterSmartPhrase> phrases) {
        Matcher m = TYPED_PHRASE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = phrases.stream().filter(p -> p.getPhrase().equals(m.group())).map(EncounterSmartPhrase::getValue).findFirst()
                    .orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- prescribing ----

    /** What Prescribe does with this encounter's id (the chart shows its prescriptions and starts one). */
    public void onPrescribe(Consumer<String> action) {
        prescribe = Optional.of(action);
        canPrescribe.set(encounter.get() != null);
    }

    /** Starts a prescription for this encounter. */
    public void prescribe() {
        if (canPrescribe.get() && !encounterId.isEmpty()) {
            prescribe.ifPresent(p -> p.accept(encounterId));
        }
    }

    // ---- signing and addenda ----

    /** Signs what is on screen: saves first if needed, then signs that version. */
    public void sign(Runnable done) {
        if (dirty || inFlight) {
            error.set("Wait for the note to be saved, then sign.");
            return;
        }
        calls.call(busy, () -> connection.encounters().signEncounter(SignEncounterRequest.newBuilder().setEncounterId(encounterId)
                .setExpectedVersion(version).build()).getEncounter(), e -> {
            crashCopy.remove(encounterId);
            show(e);
            done.run();
        }, this::failed);
    }

    public void addAddendum(String requestId) {
        String text = addendumText.get();
        calls.call(busy, () -> connection.encounters().addAddendum(AddAddendumRequest.newBuilder().setEncounterId(encounterId)
                .setText(text).setRequestId(requestId).build()).getEncounter(), e -> {
            addendumText.set("");
            show(e);
        }, this::failed);
    }

    private void failed(CallFailure failure) {
        error.set(failure.message());
    }

    private void append(StringProperty field, String text) {
        if (text.isBlank()) {
            return;
        }
        field.set(field.get().isBlank() ? text : field.get() + "\n" + text);
    }

    private static boolean differs(NoteCrashCopy.Copy c, EncounterNote n) {
        return !(c.subjective().equals(n.getSubjective()) && c.objective().equals(n.getObjective())
                && c.assessment().equals(n.getAssessment()) && c.plan().equals(n.getPlan()));
    }

    private String time(long epochSecond) {
        return TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    // ---- properties ----

    public StringProperty subjective() { return subjective; }
    public StringProperty objective() { return objective; }
    public StringProperty assessment() { return assessment; }
    public StringProperty plan() { return plan; }
    public StringProperty saveState() { return saveState; }
    public StringProperty staleMessage() { return staleMessage; }
    public StringProperty heading() { return heading; }
    public StringProperty addendumText() { return addendumText; }
    public StringProperty error() { return error; }
    public BooleanProperty busy() { return busy; }
    public BooleanProperty signed() { return signed; }
    public BooleanProperty stale() { return stale; }
    public BooleanProperty canPrescribe() { return canPrescribe; }
    public ObjectProperty<Optional<NoteCrashCopy.Copy>> restoreOffer() { return restoreOffer; }
    public ObjectProperty<Encounter> encounter() { return encounter; }
    public ObservableList<EncounterNoteTemplate> templates() { return templates; }
    public int version() { return version; }
}
