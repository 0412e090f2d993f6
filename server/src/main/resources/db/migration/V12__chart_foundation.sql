-- The patient chart's foundation (issue 12, decision 0029): the nurse role, encounters,
-- who may open a chart (care relations, referrals, break the glass) and who did, the
-- field-by-field history every chart entry leaves, and the numbered chart events that
-- keep every open chart live. Each chart part (notes, vitals, allergies, problems,
-- medications, documents, plans, admissions) adds its own tables in later migrations and
-- writes one chart_entry_history row per version through ChartLedger.

-- ---------------------------------------------------------------- the nurse role

alter table staff_user drop constraint staff_user_role_check;
alter table staff_user add constraint staff_user_role_check
    check (role in ('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST'));

-- ---------------------------------------------------------------- encounters

-- One per consultation: opened by Start consultation, or without an appointment for a
-- walk-in, phone or video visit. Signed encounters are locked (the notes part adds the
-- trigger that refuses edits and the addenda that correct them).
create table encounter (
    id              uuid primary key default gen_random_uuid(),
    patient_id      uuid not null references patient (id),
    doctor_id       uuid not null references staff_user (id),
    appointment_id  uuid unique references appointment (id),
    kind            text not null check (kind in ('APPOINTMENT', 'WALK_IN', 'PHONE', 'VIDEO')),
    reason          text check (reason is null or length(reason) <= 500),
    status          text not null default 'OPEN' check (status in ('OPEN', 'SIGNED', 'ENTERED_IN_ERROR')),
    started_at      timestamptz not null,
    signed_at       timestamptz,
    signed_by       uuid references staff_user (id),
    error_reason    text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version         integer not null default 1 check (version >= 1),
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    request_id      uuid unique,
    check ((kind = 'APPOINTMENT') = (appointment_id is not null)),
    check ((signed_at is null) = (signed_by is null)),
    check (status <> 'SIGNED' or signed_at is not null),
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index encounter_patient_idx on encounter (patient_id, started_at desc, id);
create index encounter_doctor_patient_idx on encounter (doctor_id, patient_id);

-- ---------------------------------------------------------------- who may open a chart

-- Access beyond a care relation: a referral from a colleague (no end) or break the glass
-- (a typed reason, a few hours). Admins review break-the-glass grants.
create table chart_access_grant (
    id           uuid primary key default gen_random_uuid(),
    patient_id   uuid not null references patient (id),
    doctor_id    uuid not null references staff_user (id),
    kind         text not null check (kind in ('REFERRAL', 'BREAK_GLASS')),
    reason       text not null check (length(btrim(reason)) between 1 and 500),
    granted_by   uuid not null references staff_user (id),
    starts_at    timestamptz not null,
    expires_at   timestamptz,
    reviewed_by  uuid references staff_user (id),
    reviewed_at  timestamptz,
    review_note  text check (review_note is null or length(review_note) <= 500),
    request_id   uuid unique,
    check (kind <> 'BREAK_GLASS' or expires_at is not null),
    check (expires_at is null or expires_at > starts_at),
    check ((reviewed_by is null) = (reviewed_at is null))
);
create index chart_access_grant_lookup_idx on chart_access_grant (doctor_id, patient_id, expires_at);
create index chart_access_grant_review_idx on chart_access_grant (starts_at desc) where kind = 'BREAK_GLASS';

-- Every chart opening and every document read: who, when, which patient, on what basis.
-- Append-only; a patient's doctors and admins list it as "who looked at this chart".
create table chart_access_log (
    id           bigint generated always as identity primary key,
    patient_id   uuid not null references patient (id),
    user_id      uuid not null references staff_user (id),
    role         text not null,
    action       text not null check (action in ('OPEN_CHART', 'READ_DOCUMENT', 'BREAK_GLASS')),
    target_id    uuid,
    basis        text not null check (basis in ('CARE_RELATION', 'REFERRAL', 'BREAK_GLASS', 'TRIAGE')),
    grant_id     uuid references chart_access_grant (id),
    at           timestamptz not null default now()
);
create index chart_access_log_patient_idx on chart_access_log (patient_id, at desc);
create trigger chart_access_log_append_only before update or delete on chart_access_log
    for each row execute function refuse_change();

-- ---------------------------------------------------------------- history of every entry

-- One row per version of every chart entry: the entry's fields as they are after the
-- change, so a history view can diff consecutive versions field by field. Nothing is ever
-- deleted: "entered in error" is a version too. The unique key is the database's own
-- guard against two workstations writing the same next version.
create table chart_entry_history (
    id           bigint generated always as identity primary key,
    patient_id   uuid not null references patient (id),
    entry_kind   text not null check (entry_kind ~ '^[A-Z][A-Z_]{1,39}$'),
    entry_id     uuid not null,
    version      integer not null check (version >= 1),
    change       text not null check (change ~ '^[A-Z][A-Z_]{1,39}$'),
    changed_by   uuid not null references staff_user (id),
    changed_at   timestamptz not null,
    fields       jsonb not null,
    unique (entry_kind, entry_id, version)
);
create index chart_entry_history_patient_idx on chart_entry_history (patient_id, changed_at desc);
create trigger chart_entry_history_append_only before update or delete on chart_entry_history
    for each row execute function refuse_change();

-- ---------------------------------------------------------------- live chart events

-- Numbered at commit like appointment events (decision 0011): a lower number is always
-- visible before a higher one, so a chart watcher resumes after N with no gaps.
create table chart_event_clock (
    id        boolean primary key default true check (id),
    last_seq  bigint not null
);
insert into chart_event_clock (id, last_seq) values (true, 0);

create table chart_event (
    seq          bigint primary key,
    occurred_at  timestamptz not null default clock_timestamp(),
    patient_id   uuid not null references patient (id),
    entry_kind   text not null,
    entry_id     uuid not null,
    version      integer not null,
    change       text not null,
    changed_by   uuid not null
);
create index chart_event_patient_idx on chart_event (patient_id, seq);
create trigger chart_event_append_only before update or delete on chart_event
    for each row execute function refuse_change();

create function chart_event_write() returns trigger
    language plpgsql as $$
declare
    next_seq bigint;
begin
    update chart_event_clock set last_seq = last_seq + 1 returning last_seq into next_seq;
    insert into chart_event (seq, patient_id, entry_kind, entry_id, version, change, changed_by)
    values (next_seq, new.patient_id, new.entry_kind, new.entry_id, new.version, new.change, new.changed_by);
    perform pg_notify('chart_event', next_seq::text);
    return null;
end;
$$;

create constraint trigger chart_event_on_history
    after insert on chart_entry_history
    deferrable initially deferred
    for each row execute function chart_event_write();
