package org.medconnect.server.chart.encounter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The values encounters, notes, addenda and note templates are made of. */
public final class EncounterModel {

    private EncounterModel() {}

    public enum Kind { APPOINTMENT, WALK_IN, PHONE, VIDEO }

    public enum Status { OPEN, SIGNED, ENTERED_IN_ERROR }

    /** One encounter as the timeline shows it. */
    public record Summary(UUID id, UUID patientId, Kind kind, Status status, OffsetDateTime startedAt, UUID doctorId,
                          String doctorName, String assessmentFirstLine, Optional<String> reason, Optional<UUID> appointmentId) {}

    /** The four parts of a SOAP note as typed. */
    public record NoteText(String subjective, String objective, String assessment, String plan) {

        public static final NoteText EMPTY = new NoteText("", "", "", "");

        public boolean blank() {
            return subjective.isBlank() && objective.isBlank() && assessment.isBlank() && plan.isBlank();
        }
    }

    /** The saved note with its version and who saved it last. */
    public record Note(NoteText text, int version, UUID updatedBy, String updatedByName, OffsetDateTime updatedAt) {}

    public record Addendum(UUID id, String text, String writtenByName, OffsetDateTime writtenAt) {}

    /** An encounter with everything the editor shows. */
    public record Encounter(Summary summary, Note note, List<Addendum> addenda, int version, Optional<String> signedByName,
                            Optional<OffsetDateTime> signedAt, Optional<String> errorReason) {}

    /** Where the next timeline page starts (after this encounter, in started_at desc, id order). */
    public record Cursor(OffsetDateTime startedAt, UUID id) {}

    public record TimelinePage(List<Summary> items, Optional<Cursor> next) {}

    /** A visit without an appointment. */
    public record NewVisit(UUID patientId, Kind kind, String reason, UUID requestId) {}

    /** A note template; no owner means clinic-wide. */
    public record Template(UUID id, Optional<UUID> ownerId, String name, Optional<String> shortcut, NoteText text, int version) {}

    /** A template to create (no id) or edit. */
    public record TemplateInput(Optional<UUID> id, String name, Optional<String> shortcut, NoteText text, int expectedVersion,
                                Optional<UUID> requestId) {}

    /** A text with its smart phrases replaced, and the value of every phrase. */
    public record Expansion(String text, List<Phrase> phrases) {}

    public record Phrase(String phrase, String value) {}
}
