-- The check-in queue: a token per checked-in appointment, sequential per doctor per clinic day
-- with no gaps and no duplicates, the place in the doctor's queue (reception may move an
-- urgent patient up, with a reason), and when the doctor called the patient in.
-- See docs/decisions/0012-check-in-queue.md.

alter table appointment
    add column token_number   integer check (token_number is null or token_number > 0),
    -- The clinic-local date of the appointment's start (ServerConfig.clinicZone()), set with the token.
    add column clinic_day     date,
    add column checked_in_at  timestamptz,
    add column called_at      timestamptz,
    -- Place in the doctor's queue for the day: the token at check-in; reorders swap places.
    add column queue_position integer,
    add constraint appointment_token_complete check (
        (token_number is null and clinic_day is null and queue_position is null)
        or (token_number is not null and clinic_day is not null and queue_position is not null));

-- The guarantee: a token number is never handed out twice for one doctor on one day.
create unique index appointment_token_key on appointment (doctor_id, clinic_day, token_number)
    where token_number is not null;
-- A doctor sees one patient at a time: at most one IN_CONSULTATION per doctor per day.
create unique index appointment_one_in_consultation on appointment (doctor_id, clinic_day)
    where status = 'IN_CONSULTATION';
-- The queue screens read checked-in and called appointments of one doctor and day.
create index appointment_queue_idx on appointment (doctor_id, clinic_day, queue_position)
    where token_number is not null;

-- The last token handed out per doctor and clinic day. Check-in takes the next one with
-- "insert ... on conflict do update ... returning": the row lock serialises check-ins of one
-- doctor on one day only (others run side by side), and a rolled-back check-in gives its
-- number back, so tokens have no gaps. Call-next and reorders lock the same row.
create table queue_day (
    doctor_id   uuid not null references staff_user (id),
    clinic_day  date not null,
    last_token  integer not null check (last_token > 0),
    primary key (doctor_id, clinic_day)
);

-- Every reorder: who moved which appointment from which place to which, when and why.
-- Append-only. The reason may be clinical ("chest pain"), so it is kept here and not in the
-- appointment history or events.
create table queue_reorder (
    id              bigint generated always as identity primary key,
    appointment_id  uuid not null references appointment (id),
    doctor_id       uuid not null references staff_user (id),
    clinic_day      date not null,
    token_number    integer not null,
    from_place      integer not null check (from_place > 0),
    to_place        integer not null check (to_place > 0),
    reason          text not null check (length(btrim(reason)) between 1 and 200),
    actor_user_id   uuid not null references staff_user (id),
    occurred_at     timestamptz not null default now()
);
create index queue_reorder_day_idx on queue_reorder (doctor_id, clinic_day, id);
create trigger queue_reorder_append_only before update or delete on queue_reorder
    for each row execute function refuse_change();
