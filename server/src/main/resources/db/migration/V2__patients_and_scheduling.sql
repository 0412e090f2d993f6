-- Patients (the part booking needs), where and when doctors work, appointments, the
-- waiting list. The rules that must never break live here: no doctor and no patient is
-- ever booked twice for overlapping time (exclusion constraints), a retried request
-- never acts twice (unique request ids), references and MRNs are unique.

create extension if not exists btree_gist;
create extension if not exists pg_trgm;

-- ---------------------------------------------------------------- patients

create sequence patient_mrn_seq start 100001;

create table patient (
    id             uuid primary key default gen_random_uuid(),
    -- "MC" + number + Luhn check digit, assigned by the server; a typo in one digit is caught.
    mrn            text not null check (mrn ~ '^MC[0-9]{7,}$'),
    given_name     text not null check (length(btrim(given_name)) between 1 and 80),
    family_name    text not null check (length(btrim(family_name)) between 1 and 80),
    date_of_birth  date not null check (date_of_birth >= date '1880-01-01'),
    sex            text not null check (sex in ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    phone          text check (phone is null or length(phone) between 4 and 32),
    email          text check (email is null or position('@' in email) > 1),
    address        text check (address is null or length(address) <= 300),
    -- What name search and duplicate checks look at.
    search_name    text generated always as (lower(given_name || ' ' || family_name)) stored,
    phone_digits   text generated always as (nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')) stored,
    request_id     uuid unique,
    created_by     uuid references staff_user (id),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index patient_mrn_key on patient (mrn);
create index patient_search_name_trgm on patient using gin (search_name gin_trgm_ops);
create index patient_phone_digits_trgm on patient using gin (phone_digits gin_trgm_ops);
create index patient_dob_idx on patient (date_of_birth);

-- ---------------------------------------------------------------- where doctors work

create table location (
    id          uuid primary key default gen_random_uuid(),
    name        text not null check (length(btrim(name)) between 1 and 80),
    address     text check (address is null or length(address) <= 300),
    phone       text check (phone is null or length(phone) <= 32),
    retired     boolean not null default false,
    request_id  uuid unique,
    created_at  timestamptz not null default now()
);
create unique index location_name_key on location (lower(btrim(name)));

create table room (
    id           uuid primary key default gen_random_uuid(),
    location_id  uuid not null references location (id),
    name         text not null check (length(btrim(name)) between 1 and 40),
    retired      boolean not null default false,
    request_id   uuid unique
);
create unique index room_name_key on room (location_id, lower(btrim(name)));

create table appointment_type (
    id                      uuid primary key default gen_random_uuid(),
    name                    text not null check (length(btrim(name)) between 1 and 60),
    duration_minutes        integer not null check (duration_minutes between 5 and 480),
    buffer_minutes          integer not null default 0 check (buffer_minutes between 0 and 120),
    video                   boolean not null default false,
    -- Bookings of this type wait for the doctor's confirmation (PENDING) before they are CONFIRMED.
    needs_confirmation      boolean not null default false,
    retired                 boolean not null default false,
    request_id              uuid unique
);
create unique index appointment_type_name_key on appointment_type (lower(btrim(name)));

-- A doctor's weekly pattern at one location: on these weekdays from start to end, in
-- slots of this length, minus breaks, between valid_from and valid_to (inclusive).
-- Times are clinic-local wall-clock times; the server turns them into instants per day,
-- so a 09:00 session stays 09:00 across daylight-saving changes.
create table availability_rule (
    id            uuid primary key default gen_random_uuid(),
    doctor_id     uuid not null references staff_user (id),
    location_id   uuid not null references location (id),
    room_id       uuid references room (id),
    weekdays      smallint[] not null check (cardinality(weekdays) between 1 and 7 and weekdays <@ array[1,2,3,4,5,6,7]::smallint[]),
    start_time    time not null,
    end_time      time not null,
    slot_minutes  integer not null check (slot_minutes between 5 and 240),
    valid_from    date not null,
    valid_to      date,
    request_id    uuid unique,
    created_at    timestamptz not null default now(),
    check (end_time > start_time),
    check (valid_to is null or valid_to >= valid_from)
);
create index availability_rule_doctor_idx on availability_rule (doctor_id);

create table availability_break (
    rule_id     uuid not null references availability_rule (id) on delete cascade,
    start_time  time not null,
    end_time    time not null,
    check (end_time > start_time),
    primary key (rule_id, start_time)
);

-- Time off (leave, a half day) and extra sessions, as absolute instants.
create table availability_exception (
    id            uuid primary key default gen_random_uuid(),
    doctor_id     uuid not null references staff_user (id),
    kind          text not null check (kind in ('TIME_OFF', 'EXTRA_SESSION')),
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    location_id   uuid references location (id),
    room_id       uuid references room (id),
    slot_minutes  integer check (slot_minutes between 5 and 240),
    reason        text check (reason is null or length(reason) <= 200),
    created_by    uuid references staff_user (id),
    request_id    uuid unique,
    created_at    timestamptz not null default now(),
    check (ends_at > starts_at),
    check (kind = 'TIME_OFF' or (location_id is not null and slot_minutes is not null))
);
create index availability_exception_doctor_idx on availability_exception (doctor_id, starts_at);

-- ---------------------------------------------------------------- appointments

create sequence appointment_ref_seq start 1001;

create table appointment (
    id                 uuid primary key default gen_random_uuid(),
    reference          text not null,
    request_id         uuid unique,
    patient_id         uuid not null references patient (id),
    doctor_id          uuid not null references staff_user (id),
    location_id        uuid not null references location (id),
    room_id            uuid references room (id),
    type_id            uuid not null references appointment_type (id),
    starts_at          timestamptz not null,
    ends_at            timestamptz not null,
    -- ends_at plus the type's buffer: the doctor's time the appointment holds.
    blocks_until       timestamptz not null,
    status             text not null check (status in ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'IN_CONSULTATION',
                                                       'COMPLETED', 'CANCELLED', 'DECLINED', 'NO_SHOW')),
    reason             text check (reason is null or length(reason) <= 500),
    video_link         text unique,
    cancel_reason      text check (cancel_reason is null or length(cancel_reason) <= 200),
    cancelled_by       uuid references staff_user (id),
    booked_by          uuid references staff_user (id),
    version            integer not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check (ends_at > starts_at),
    check (blocks_until >= ends_at),
    -- The guarantee: appointments that still hold time never overlap for a doctor...
    constraint appointment_doctor_no_overlap exclude using gist (
        doctor_id with =, tstzrange(starts_at, blocks_until) with &&)
        where (status in ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'IN_CONSULTATION', 'COMPLETED')),
    -- ...nor for a patient.
    constraint appointment_patient_no_overlap exclude using gist (
        patient_id with =, tstzrange(starts_at, ends_at) with &&)
        where (status in ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'IN_CONSULTATION', 'COMPLETED'))
);
create unique index appointment_reference_key on appointment (reference);
create index appointment_doctor_time_idx on appointment (doctor_id, starts_at);
create index appointment_location_time_idx on appointment (location_id, starts_at);
create index appointment_patient_time_idx on appointment (patient_id, starts_at);

-- Who changed what on an appointment, and when. Append-only; no clinical text.
create table appointment_history (
    id              bigint generated always as identity primary key,
    appointment_id  uuid not null references appointment (id),
    occurred_at     timestamptz not null default now(),
    actor_user_id   uuid references staff_user (id),
    action          text not null,
    from_status     text,
    to_status       text,
    detail          text
);
create index appointment_history_appointment_idx on appointment_history (appointment_id, id);
create trigger appointment_history_append_only before update or delete on appointment_history
    for each row execute function refuse_change();

-- ---------------------------------------------------------------- waiting list

create table waiting_list_entry (
    id                    uuid primary key default gen_random_uuid(),
    -- Place in the queue: first come, first offered.
    position              bigint generated always as identity,
    patient_id            uuid not null references patient (id),
    doctor_id             uuid references staff_user (id),
    department_id         uuid references department (id),
    location_id           uuid references location (id),
    type_id               uuid not null references appointment_type (id),
    from_date             date not null,
    to_date               date not null,
    note                  text check (note is null or length(note) <= 300),
    status                text not null default 'WAITING' check (status in ('WAITING', 'OFFERED', 'BOOKED', 'REMOVED')),
    offered_doctor_id     uuid references staff_user (id),
    offered_location_id   uuid references location (id),
    offered_starts_at     timestamptz,
    offered_ends_at       timestamptz,
    offered_at            timestamptz,
    appointment_id        uuid references appointment (id),
    created_by            uuid references staff_user (id),
    request_id            uuid unique,
    created_at            timestamptz not null default now(),
    check (doctor_id is not null or department_id is not null),
    check (to_date >= from_date),
    check ((status = 'OFFERED') = (offered_starts_at is not null))
);
create index waiting_list_open_idx on waiting_list_entry (position) where status in ('WAITING', 'OFFERED');
