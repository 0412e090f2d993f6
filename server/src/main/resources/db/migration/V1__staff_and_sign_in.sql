-- Staff accounts, departments, sessions and the sign-in record.

create table department (
    id          uuid primary key default gen_random_uuid(),
    name        text not null check (length(btrim(name)) between 1 and 80),
    retired     boolean not null default false,
    request_id  uuid unique,
    created_at  timestamptz not null default now()
);
-- "Cardiology" and "cardiology " are the same department.
create unique index department_name_key on department (lower(btrim(name)));

create table staff_user (
    id                        uuid primary key default gen_random_uuid(),
    username                  text not null
                              check (username = lower(btrim(username)) and length(username) between 3 and 32),
    display_name              text not null check (length(btrim(display_name)) between 1 and 120),
    email                     text not null check (position('@' in email) > 1),
    phone                     text,
    role                      text not null check (role in ('ADMIN', 'DOCTOR', 'RECEPTIONIST')),
    password_hash             text not null,
    password_change_required  boolean not null default true,
    active                    boolean not null default true,
    request_id                uuid unique,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    last_sign_in_at           timestamptz,
    password_changed_at       timestamptz
);
create unique index staff_user_username_key on staff_user (username);
create unique index staff_user_email_key on staff_user (lower(email));
create index staff_user_display_name_idx on staff_user (lower(display_name));

create table doctor_profile (
    user_id                 uuid primary key references staff_user (id) on delete cascade,
    specialization          text not null check (length(btrim(specialization)) between 1 and 80),
    department_id           uuid not null references department (id),
    qualification           text not null check (length(btrim(qualification)) between 1 and 120),
    years_of_experience     integer not null check (years_of_experience between 0 and 70),
    consultation_fee_minor  bigint not null check (consultation_fee_minor >= 0),
    fee_currency            text not null check (fee_currency ~ '^[A-Z]{3}$')
);
create index doctor_profile_department_idx on doctor_profile (department_id);

-- Failed sign-ins are counted per typed username, whether or not such an account exists,
-- so the lock-out behaves the same for both and reveals nothing.
create table sign_in_throttle (
    username        text primary key,
    failed_count    integer not null default 0 check (failed_count >= 0),
    locked_until    timestamptz,
    last_failed_at  timestamptz
);

-- Only the SHA-256 of a session token is stored: a stolen table gives no usable tokens.
create table user_session (
    token_hash      bytea primary key check (length(token_hash) = 32),
    user_id         uuid not null references staff_user (id),
    created_at      timestamptz not null default now(),
    last_seen_at    timestamptz not null default now(),
    expires_at      timestamptz not null,
    ended_at        timestamptz,
    end_reason      text check (end_reason in ('SIGNED_OUT', 'IDLE', 'EXPIRED', 'DEACTIVATED',
                                               'PASSWORD_CHANGED', 'PASSWORD_RESET')),
    client_address  text,
    workstation     text,
    check (expires_at > created_at),
    check ((ended_at is null) = (end_reason is null))
);
create index user_session_open_idx on user_session (user_id) where ended_at is null;

-- Every sign-in, failure, lock and sign-out, with time and the caller's address.
create table auth_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    kind            text not null check (kind in ('SIGNED_IN', 'WRONG_PASSWORD', 'LOCKED', 'REFUSED_LOCKED',
                                                  'REFUSED_INACTIVE', 'SIGNED_OUT', 'SESSION_ENDED',
                                                  'PASSWORD_CHANGED')),
    username        text not null,
    user_id         uuid references staff_user (id),
    client_address  text,
    workstation     text,
    detail          text
);
create index auth_event_user_idx on auth_event (user_id, occurred_at desc);
create index auth_event_time_idx on auth_event (occurred_at desc);

-- Who changed what in administration. Never holds passwords or clinical text.
create table audit_entry (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    actor_user_id   uuid references staff_user (id),
    action          text not null,
    target_type     text not null,
    target_id       text,
    detail          text
);
create index audit_entry_time_idx on audit_entry (occurred_at desc);

-- Records of what happened are append-only.
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;
create trigger auth_event_append_only before update or delete on auth_event
    for each row execute function refuse_change();
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function refuse_change();
