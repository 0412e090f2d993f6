-- Each staff member's inbox, and appointment reminders to patients, both derived from
-- appointment_event exactly once however many server instances run.
-- See docs/decisions/0015-notifications-and-reminders.md.

-- How far the projector has read appointment_event. One row; an instance that cannot lock
-- it (FOR UPDATE SKIP LOCKED) knows another instance is projecting right now.
create table notification_cursor (
    id        boolean primary key default true check (id),
    last_seq  bigint not null
);
-- Starts at the present: events from before this migration are history, not news.
insert into notification_cursor (id, last_seq) select true, last_seq from appointment_event_clock;

create table notification (
    id                     bigint generated always as identity primary key,
    recipient_user_id      uuid not null references staff_user (id),
    kind                   text not null check (kind in ('BOOKED', 'REQUEST_AWAITING_CONFIRMATION', 'MOVED', 'CANCELLED',
                                                         'DECLINED', 'WAITING_LIST_OFFER')),
    -- No clinical text: names, times, doctor, reference only.
    title                  text not null check (length(title) <= 120),
    body                   text not null check (length(body) <= 400),
    appointment_id         uuid references appointment (id),
    appointment_reference  text,
    starts_at              timestamptz,
    -- The appointment event it came from; with the recipient, it makes a replay harmless.
    source_seq             bigint,
    created_at             timestamptz not null default now(),
    read_at                timestamptz
);
create unique index notification_source_key on notification (source_seq, recipient_user_id, kind) where source_seq is not null;
create index notification_inbox_idx on notification (recipient_user_id, id desc);
create index notification_unread_idx on notification (recipient_user_id, id) where read_at is null;

-- Wakes every instance's inbox watchers; the payload is the recipient.
create function notification_notify() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('notification', new.recipient_user_id::text);
    return null;
end;
$$;
create trigger notification_inserted after insert on notification
    for each row execute function notification_notify();

-- A waiting-list offer tells the front desk. WaitingListService sets the offer; this keeps
-- that service unaware of inboxes.
create function waiting_list_offer_notify() returns trigger
    language plpgsql as $$
declare
    patient_name  text;
    doctor_name   text;
begin
    select given_name || ' ' || family_name into patient_name from patient where id = new.patient_id;
    select display_name into doctor_name from staff_user where id = new.offered_doctor_id;
    insert into notification (recipient_user_id, kind, title, body, starts_at)
    -- The time is in starts_at; workstations show it in the clinic's zone.
    select u.id, 'WAITING_LIST_OFFER', 'Waiting-list offer',
           left(patient_name || ' can have a freed slot with ' || coalesce(doctor_name, 'a doctor')
                || '. Offer it from the waiting list.', 400),
           new.offered_starts_at
    from staff_user u
    where u.role = 'RECEPTIONIST' and u.active;
    return null;
end;
$$;
create trigger waiting_list_offer_made after insert or update of status, offered_starts_at on waiting_list_entry
    for each row when (new.status = 'OFFERED') execute function waiting_list_offer_notify();

-- One reminder per appointment, lead time and start time. A worker claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease, so each is sent once across instances.
create table reminder (
    id               uuid primary key default gen_random_uuid(),
    appointment_id   uuid not null references appointment (id),
    lead_minutes     integer not null check (lead_minutes between 1 and 60 * 24 * 30),
    due_at           timestamptz not null,
    state            text not null check (state in ('SCHEDULED', 'SENDING', 'RETRYING', 'SENT', 'FAILED', 'CANCELLED', 'SKIPPED')),
    attempts         integer not null default 0 check (attempts >= 0),
    -- When it may next be claimed (SCHEDULED, RETRYING), or until when a claim holds (SENDING).
    next_attempt_at  timestamptz not null,
    last_error       text check (last_error is null or length(last_error) <= 300),
    sent_at          timestamptz,
    channel          text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    -- A move cancels the open reminders and schedules new ones for the new time.
    unique (appointment_id, lead_minutes, due_at),
    check ((state = 'SENT') = (sent_at is not null))
);
create index reminder_claim_idx on reminder (next_attempt_at) where state in ('SCHEDULED', 'RETRYING', 'SENDING');
create index reminder_state_idx on reminder (state, due_at);

-- What the default sender "sends": a row for whatever delivers it (or a person) to pick up.
create table reminder_outbox (
    id           bigint generated always as identity primary key,
    reminder_id  uuid not null unique references reminder (id),
    recipient    text,
    subject      text not null,
    body         text not null,
    created_at   timestamptz not null default now()
);
