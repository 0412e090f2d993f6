-- Encounters and notes (issue 12, decision 0030).

-- A signed encounter's note is locked by the database itself (GNU Health style): whatever
-- path an update takes, a note whose encounter is signed or entered in error stays as it was.
-- "for share" waits for a signature being committed, so a save racing a signature sees it.
create function encounter_note_refuse_when_locked() returns trigger
    language plpgsql as $$
declare
    encounter_status text;
begin
    select status into encounter_status from encounter where id = old.encounter_id for share;
    if encounter_status in ('SIGNED', 'ENTERED_IN_ERROR') then
        raise exception 'encounter_note_locked: the encounter is %', encounter_status
            using errcode = 'P0001', hint = 'Corrections to a signed encounter are addenda.';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger encounter_note_locked before update or delete on encounter_note
    for each row execute function encounter_note_refuse_when_locked();

-- Draft saves are not each a ledger version (decision 0030: at most one NOTE version per
-- ten minutes of typing, and one on signing), but every other viewer of the chart must still
-- hear of each save: a draft save that wrote no ledger version in its own transaction writes
-- a numbered chart event here, at commit, like chart_event_write does for ledger versions.
create function encounter_note_draft_event() returns trigger
    language plpgsql as $$
declare
    next_seq bigint;
begin
    if exists (select 1 from chart_entry_history
               where entry_kind = 'NOTE' and entry_id = new.encounter_id and version = new.version) then
        return null;
    end if;
    update chart_event_clock set last_seq = last_seq + 1 returning last_seq into next_seq;
    insert into chart_event (seq, patient_id, entry_kind, entry_id, version, change, changed_by)
    values (next_seq, new.patient_id, 'NOTE', new.encounter_id, new.version, 'DRAFT_SAVED', new.updated_by);
    perform pg_notify('chart_event', next_seq::text);
    return null;
end;
$$;

create constraint trigger encounter_note_draft_event
    after update on encounter_note
    deferrable initially deferred
    for each row execute function encounter_note_draft_event();
