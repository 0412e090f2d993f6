-- Prescriptions (issue 13, decision 0037): drafts checked on every save, signed with the
-- alerts and any override reasons kept, then dispensed (partly), expired or cancelled.
-- A signed prescription never changes: a trigger refuses edits to its lines; corrections
-- are a cancellation and a new prescription.

-- What a prescription prints under the doctor's name.
alter table doctor_profile add column registration_number text not null default ''
    check (length(registration_number) <= 40);

-- Local brand names an admin maps to the catalogue's ingredients ("Augmentin" ->
-- amoxicillin + clavulanate). A brand is searched with the catalogue and checked as its ingredients.
create table drug_brand (
    id               uuid primary key default gen_random_uuid(),
    name             text not null check (length(btrim(name)) between 1 and 120),
    ingredient_keys  text[] not null check (cardinality(ingredient_keys) between 1 and 10),
    active           boolean not null default true,
    version          integer not null default 1 check (version >= 1),
    created_by       uuid not null references staff_user (id),
    created_at       timestamptz not null,
    updated_by       uuid not null references staff_user (id),
    updated_at       timestamptz not null,
    request_id       uuid unique
);
create unique index drug_brand_name_idx on drug_brand (lower(name)) where active;

-- Status as stored; EXPIRED is derived on read from valid_until (a signed, not fully
-- dispensed prescription past its validity reads as expired).
create table prescription (
    id                 uuid primary key default gen_random_uuid(),
    request_id         uuid unique,
    patient_id         uuid not null references patient (id),
    encounter_id       uuid references encounter (id),
    prescriber_id      uuid not null references staff_user (id),
    status             text not null default 'DRAFT'
                       check (status in ('DRAFT', 'SIGNED', 'PARTLY_DISPENSED', 'DISPENSED', 'CANCELLED')),
    valid_days         integer not null default 30 check (valid_days between 1 and 365),
    -- Set at signing: the signing day plus valid_days.
    valid_until        date,
    -- A renewal points at the prescription it renews.
    renewal_of         uuid references prescription (id),
    -- The refill request this renewal answers (foreign key below, once that table exists).
    refill_request_id  uuid,
    note               text check (note is null or length(note) <= 1000),
    signed_at          timestamptz,
    cancelled_at       timestamptz,
    cancelled_by       uuid references staff_user (id),
    cancel_reason      text check (cancel_reason is null or length(btrim(cancel_reason)) between 1 and 500),
    version            integer not null default 1 check (version >= 1),
    created_at         timestamptz not null,
    updated_by         uuid not null references staff_user (id),
    updated_at         timestamptz not null,
    check ((status = 'DRAFT') = (signed_at is null) or status = 'CANCELLED'),
    check ((signed_at is null) = (valid_until is null)),
    check ((status = 'CANCELLED') = (cancelled_at is not null)),
    check ((cancelled_at is null) = (cancel_reason is null))
);
create index prescription_patient_idx on prescription (patient_id, created_at desc);
create index prescription_prescriber_idx on prescription (prescriber_id, created_at desc);
create index prescription_renewal_idx on prescription (renewal_of) where renewal_of is not null;

-- One line per drug. Drafts replace their lines on each save; a signed prescription's lines
-- are locked by the trigger below.
create table prescription_line (
    id                   uuid primary key default gen_random_uuid(),
    prescription_id      uuid not null references prescription (id),
    position             integer not null check (position between 1 and 50),
    -- An ingredient key, "brand:<uuid>", or null for free text ("not checked").
    drug_key             text check (drug_key is null or length(drug_key) between 1 and 80),
    drug_name            text not null check (length(btrim(drug_name)) between 1 and 200),
    -- The ingredient keys the checks read (a brand's ingredients); empty for free text.
    ingredient_keys      text[] not null default '{}',
    strength             text not null default '' check (length(strength) <= 60),
    form                 text not null default '' check (length(form) <= 60),
    route                text not null check (route in ('ORAL', 'SUBLINGUAL', 'TOPICAL', 'TRANSDERMAL', 'INHALED', 'NASAL',
                                                        'OPHTHALMIC', 'OTIC', 'RECTAL', 'VAGINAL', 'SUBCUTANEOUS',
                                                        'INTRAMUSCULAR', 'INTRAVENOUS')),
    dose_amount          numeric(10, 3) not null check (dose_amount > 0 and dose_amount <= 10000),
    dose_unit            text not null check (length(btrim(dose_unit)) between 1 and 30),
    frequency            text not null check (frequency in ('ONCE', 'ONCE_DAILY', 'TWICE_DAILY', 'THREE_TIMES_DAILY',
                                                            'FOUR_TIMES_DAILY', 'EVERY_4_HOURS', 'EVERY_6_HOURS',
                                                            'EVERY_8_HOURS', 'AT_NIGHT', 'IN_THE_MORNING', 'WEEKLY')),
    as_needed            boolean not null default false,
    duration_days        integer not null check (duration_days between 1 and 365),
    quantity             numeric(10, 3) not null check (quantity > 0 and quantity <= 100000),
    quantity_unit        text not null check (length(btrim(quantity_unit)) between 1 and 30),
    quantity_overridden  boolean not null default false,
    refills              integer not null default 0 check (refills between 0 and 12),
    instructions         text not null default '' check (length(instructions) <= 1000),
    warnings             text not null default '' check (length(warnings) <= 1000),
    unique (prescription_id, position)
);

-- The alerts a prescription was signed with, and the reason given for each one overridden.
create table prescription_alert (
    id               uuid primary key default gen_random_uuid(),
    prescription_id  uuid not null references prescription (id),
    -- Stable within one prescription: the rule and the drugs it names.
    alert_key        text not null check (length(alert_key) between 1 and 300),
    kind             text not null check (kind in ('ALLERGY', 'INTERACTION', 'DUPLICATE_THERAPY', 'NOT_CHECKED', 'ALLERGIES_NOT_RECORDED')),
    severity         text not null check (severity in ('HIGH', 'MODERATE', 'LOW')),
    title            text not null,
    consequence      text not null,
    action           text not null,
    source           text not null,
    override_reason  text check (override_reason is null or length(btrim(override_reason)) between 1 and 500),
    overridden_by    uuid references staff_user (id),
    overridden_at    timestamptz,
    unique (prescription_id, alert_key),
    check ((override_reason is null) = (overridden_by is null))
);

-- Dispensing recorded from the pharmacy or the patient; drives dispensed status and adherence.
create table prescription_dispense (
    id                uuid primary key default gen_random_uuid(),
    request_id        uuid unique,
    prescription_id   uuid not null references prescription (id),
    line_id           uuid not null references prescription_line (id),
    dispensed_on      date not null check (dispensed_on >= date '2000-01-01'),
    quantity          numeric(10, 3) not null check (quantity > 0 and quantity <= 100000),
    source            text not null check (source in ('PHARMACY', 'PATIENT')),
    recorded_by       uuid not null references staff_user (id),
    recorded_at       timestamptz not null
);
create index prescription_dispense_line_idx on prescription_dispense (line_id, dispensed_on);
create index prescription_dispense_prescription_idx on prescription_dispense (prescription_id);

-- A patient's request for a renewal, recorded by reception; the doctor renews (a new
-- prescription linked to the original, checked again) or declines with a reason.
-- Reception types what the patient asked for; it sees no medication list.
create table refill_request (
    id                  uuid primary key default gen_random_uuid(),
    request_id          uuid unique,
    patient_id          uuid not null references patient (id),
    doctor_id           uuid not null references staff_user (id),
    -- What the patient asked for, as reception typed it.
    note                text not null check (length(btrim(note)) between 1 and 500),
    status              text not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED')),
    requested_by        uuid not null references staff_user (id),
    requested_at        timestamptz not null,
    decided_by          uuid references staff_user (id),
    decided_at          timestamptz,
    decline_reason      text check (decline_reason is null or length(btrim(decline_reason)) between 1 and 500),
    renewal_id          uuid references prescription (id),
    version             integer not null default 1 check (version >= 1),
    check ((status = 'PENDING') = (decided_at is null) or status = 'CANCELLED'),
    check ((status = 'DECLINED') = (decline_reason is not null)),
    check ((status = 'APPROVED') = (renewal_id is not null))
);
create index refill_request_doctor_idx on refill_request (doctor_id, status, requested_at);
create index refill_request_patient_idx on refill_request (patient_id, requested_at desc);
alter table prescription add constraint prescription_refill_request_fk
    foreign key (refill_request_id) references refill_request (id);

alter table medication add constraint medication_prescription_fk
    foreign key (prescription_id) references prescription (id);

-- Signed lines never change (the prescription's own status may still move on).
create function prescription_line_lock() returns trigger language plpgsql as $$
declare
    s text;
begin
    select status into s from prescription where id = coalesce(new.prescription_id, old.prescription_id);
    if s <> 'DRAFT' then
        raise exception 'prescription % is signed or cancelled; its lines cannot change',
            coalesce(new.prescription_id, old.prescription_id)
            using errcode = '55000';
    end if;
    return coalesce(new, old);
end;
$$;
create trigger prescription_line_locked before insert or update or delete on prescription_line
    for each row execute function prescription_line_lock();

-- Inbox items: a refill request for the doctor, the decision for reception.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('BOOKED', 'REQUEST_AWAITING_CONFIRMATION', 'MOVED', 'CANCELLED', 'DECLINED', 'WAITING_LIST_OFFER',
                    'BREAK_THE_GLASS', 'REFERRAL', 'NEW_DOCUMENT', 'FOLLOW_UP', 'REFILL_REQUEST', 'REFILL_DECIDED'));

-- The PDF as issued: a reprint returns these bytes. The QR payload is signed with the
-- clinic's Ed25519 key (kept outside the database); key_id names the key.
create table prescription_document (
    prescription_id  uuid primary key references prescription (id),
    pdf              bytea not null,
    sha256           bytea not null check (length(sha256) = 32),
    -- The signed text the QR code carries.
    qr_payload       text not null check (length(qr_payload) <= 2000),
    key_id           text not null check (length(key_id) between 1 and 80),
    issued_by        uuid not null references staff_user (id),
    issued_at        timestamptz not null
);

-- The clinic's public verification keys, so every server instance can verify and publish them.
create table prescription_signing_key (
    key_id      text primary key check (length(key_id) between 1 and 80),
    public_key  bytea not null,
    created_at  timestamptz not null default now()
);

-- A prescription emailed to a patient: one row per request id; sent by SMTP when configured,
-- otherwise left in this outbox for a person or a mail merge to pick up.
create table prescription_email (
    id               uuid primary key default gen_random_uuid(),
    request_id       uuid not null unique,
    prescription_id  uuid not null references prescription (id),
    recipient        text not null check (length(recipient) between 3 and 254),
    state            text not null check (state in ('QUEUED', 'SENT', 'FAILED')),
    last_error       text check (last_error is null or length(last_error) <= 300),
    requested_by     uuid not null references staff_user (id),
    requested_at     timestamptz not null,
    sent_at          timestamptz
);
create index prescription_email_prescription_idx on prescription_email (prescription_id);
