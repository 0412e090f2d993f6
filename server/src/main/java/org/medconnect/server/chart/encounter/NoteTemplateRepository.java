package org.medconnect.server.chart.encounter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.medconnect.server.chart.encounter.EncounterModel.NoteText;
import org.medconnect.server.chart.encounter.EncounterModel.Template;
import org.medconnect.server.chart.encounter.EncounterRepository.LastChange;

/** Clinic-wide and personal note templates. */
final class NoteTemplateRepository {

    private static final String COLUMNS = "t.id, t.owner_id, t.name, t.shortcut, t.subjective, t.objective, t.assessment, t.plan, t.version";

    private final DSLContext tx;

    NoteTemplateRepository(DSLContext tx) {
        this.tx = tx;
    }

    /** Active clinic-wide templates and, when an owner is given, that owner's personal ones: clinic-wide first, by name. */
    List<Template> visible(Optional<UUID> owner) {
        return tx.fetch("select " + COLUMNS + " from note_template t where t.active and (t.owner_id is null or t.owner_id = ?) "
                + "order by t.owner_id nulls first, lower(t.name)", owner.orElse(null)).map(NoteTemplateRepository::template);
    }

    Optional<Template> active(UUID id) {
        return tx.fetchOptional("select " + COLUMNS + " from note_template t where t.id = ? and t.active", id)
                .map(NoteTemplateRepository::template);
    }

    Optional<UUID> idByRequestId(UUID requestId) {
        return tx.fetchOptional("select id from note_template where request_id = ?", requestId).map(r -> r.get(0, UUID.class));
    }

    UUID insert(Optional<UUID> owner, String name, Optional<String> shortcut, NoteText text, UUID by, OffsetDateTime now, UUID requestId) {
        return tx.fetchSingle("""
                insert into note_template (owner_id, name, shortcut, subjective, objective, assessment, plan, updated_by, updated_at, request_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?) returning id
                """, owner.orElse(null), name, shortcut.orElse(null), text.subjective(), text.objective(), text.assessment(), text.plan(),
                by, now, requestId).get(0, UUID.class);
    }

    int update(UUID id, String name, Optional<String> shortcut, NoteText text, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.execute("""
                update note_template set name = ?, shortcut = ?, subjective = ?, objective = ?, assessment = ?, plan = ?,
                       version = version + 1, updated_by = ?, updated_at = ?::timestamptz
                where id = ? and version = ? and active
                """, name, shortcut.orElse(null), text.subjective(), text.objective(), text.assessment(), text.plan(), by, now, id,
                expectedVersion);
    }

    int retire(UUID id, int expectedVersion, UUID by, OffsetDateTime now) {
        return tx.execute("update note_template set active = false, version = version + 1, updated_by = ?, updated_at = ?::timestamptz "
                + "where id = ? and version = ? and active", by, now, id, expectedVersion);
    }

    LastChange lastChange(UUID id) {
        return tx.fetchSingle("select u.display_name, t.updated_at from note_template t join staff_user u on u.id = t.updated_by "
                + "where t.id = ?", id).map(r -> new LastChange(r.get(0, String.class), r.get(1, OffsetDateTime.class)));
    }

    private static Template template(Record r) {
        return new Template(r.get("id", UUID.class), Optional.ofNullable(r.get("owner_id", UUID.class)), r.get("name", String.class),
                Optional.ofNullable(r.get("shortcut", String.class)), new NoteText(r.get("subjective", String.class),
                r.get("objective", String.class), r.get("assessment", String.class), r.get("plan", String.class)),
                r.get("version", Integer.class));
    }
}
