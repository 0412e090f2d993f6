-- TOTP second factor (RFC 6238), one-time recovery codes, step-up on sessions, and staff
-- password reset by emailed code. See docs/decisions/0022-second-factor.md.

-- One authenticator per user. The secret is sealed (AES-256-GCM) with a key kept under
-- MEDCONNECT_HOME, never in the database: a copy of the database alone cannot mint codes.
create table staff_totp (
    user_id         uuid primary key references staff_user (id) on delete cascade,
    -- The confirmed secret: codes are checked against it. Null until a first enrolment is confirmed.
    secret_sealed   bytea check (length(secret_sealed) between 28 and 200),
    confirmed_at    timestamptz,
    -- A secret being enrolled, waiting for its first code; the confirmed one stays in force meanwhile.
    pending_secret_sealed bytea check (length(pending_secret_sealed) between 28 and 200),
    -- The newest 30-second step a code was accepted for; a code for this step or an older one
    -- is refused (replay), and the conditional update makes that hold across server instances.
    last_used_step  bigint not null default -1,
    updated_at      timestamptz not null,
    check ((secret_sealed is null) = (confirmed_at is null))
);

-- Ten per enrolment, each usable once. Stored as HMAC-SHA256 under the server key (never the code).
create table staff_recovery_code (
    id          bigint generated always as identity primary key,
    user_id     uuid not null references staff_user (id) on delete cascade,
    code_hash   bytea not null unique check (length(code_hash) = 32),
    created_at  timestamptz not null,
    used_at     timestamptz
);
create index staff_recovery_code_user_idx on staff_recovery_code (user_id) where used_at is null;

-- "Forgot password" codes sent by email: hashed, expire, single use, few tries.
create table password_reset_code (
    id          bigint generated always as identity primary key,
    user_id     uuid not null references staff_user (id) on delete cascade,
    code_hash   bytea not null check (length(code_hash) = 32),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    integer not null default 0,
    used_at     timestamptz,
    check (expires_at > created_at)
);
create index password_reset_code_user_idx on password_reset_code (user_id, created_at);

-- A session whose password was right but whose second factor is still to come: it lives a few
-- minutes and opens only the second-factor calls. second_factor_at is when a code was last
-- verified on the session (sign-in or step-up), for sensitive operations.
alter table user_session
    add column second_factor_pending boolean not null default false,
    add column second_factor_at timestamptz;

alter table user_session drop constraint user_session_end_reason_check;
alter table user_session add constraint user_session_end_reason_check
    check (end_reason in ('SIGNED_OUT', 'IDLE', 'EXPIRED', 'DEACTIVATED', 'PASSWORD_CHANGED', 'PASSWORD_RESET',
                          'SECOND_FACTOR_PASSED'));

alter table auth_event drop constraint auth_event_kind_check;
alter table auth_event add constraint auth_event_kind_check
    check (kind in ('SIGNED_IN', 'WRONG_PASSWORD', 'LOCKED', 'REFUSED_LOCKED', 'REFUSED_INACTIVE', 'SIGNED_OUT',
                    'SESSION_ENDED', 'PASSWORD_CHANGED',
                    'SECOND_FACTOR_NEEDED', 'SECOND_FACTOR_PASSED', 'WRONG_SECOND_FACTOR', 'RECOVERY_CODE_USED',
                    'TOTP_ENROLLED', 'STEP_UP', 'PASSWORD_RESET_CODE_SENT', 'PASSWORD_RESET_BY_CODE'));
