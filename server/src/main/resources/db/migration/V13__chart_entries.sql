-- What a chart holds (issue 12, decision 0029): notes and addenda per encounter, note
-- templates, allergies and the "no known allergies" statement, problems coded with
-- ICD-10-CM, the medication list, vital signs, encrypted documents, plans, referrals,
-- follow-ups, admissions, and the demographics a record needs.
--
-- Every entry follows one pattern: a version column that each edit names and bumps
-- (update ... where version = :expected; a stale edit changes no row and is refused),
-- who and when, and no deletes: a mistaken entry becomes ENTERED_IN_ERROR with a reason.
-- Each version is also written to chart_entry_history (V12) by ChartLedger, which is what
-- the history view and the live chart events read. Creating requests carry a request id.

-- ---------------------------------------------------------------- notes

create table note_template (
    id           uuid primary key default gen_random_uuid(),
    -- null: clinic-wide (admins manage); otherwise a doctor's personal template.
    owner_id     uuid references staff_user (id),
    name         text not null check (length(btrim(name)) between 1 and 80),
    -- Typed in the editor to insert the template, e.g. "uri" for an upper respiratory infection.
    shortcut     text check (shortcut is null or shortcut ~ '^[a-z0-9][a-z0-9_-]{0,29}$'),
    subjective   text not null default '' check (length(subjective) <= 20000),
    objective    text not null default '' check (length(objective) <= 20000),
    assessment   text not null default '' check (length(assessment) <= 20000),
    plan         text not null default '' check (length(plan) <= 20000),
    active       boolean not null default true,
    version      integer not null default 1 check (version >= 1),
    updated_by   uuid not null references staff_user (id),
    updated_at   timestamptz not null,
    request_id   uuid unique
);
create unique index note_template_name_idx
    on note_template (coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)) where active;
create unique index note_template_shortcut_idx
    on note_template (coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), shortcut)
    where active and shortcut is not null;

-- The SOAP note of one encounter: the draft saved as the doctor types, locked once the
-- encounter is signed (corrections are addenda).
create table encounter_note (
    encounter_id  uuid primary key references encounter (id),
    patient_id    uuid not null references patient (id),
    subjective    text not null default '' check (length(subjective) <= 20000),
    objective     text not null default '' check (length(objective) <= 20000),
    assessment    text not null default '' check (length(assessment) <= 20000),
    plan          text not null default '' check (length(plan) <= 20000),
    template_id   uuid references note_template (id),
    version       integer not null default 1 check (version >= 1),
    updated_by    uuid not null references staff_user (id),
    updated_at    timestamptz not null
);

create table encounter_addendum (
    id            uuid primary key default gen_random_uuid(),
    encounter_id  uuid not null references encounter (id),
    patient_id    uuid not null references patient (id),
    text          text not null check (length(btrim(text)) between 1 and 20000),
    written_by    uuid not null references staff_user (id),
    written_at    timestamptz not null,
    request_id    uuid unique
);
create index encounter_addendum_encounter_idx on encounter_addendum (encounter_id, written_at);

-- ---------------------------------------------------------------- allergies

create table allergy (
    id              uuid primary key default gen_random_uuid(),
    patient_id      uuid not null references patient (id),
    -- The drug catalogue's key for an ingredient or class (e.g. "amoxicillin", "class:penicillins"); null for free text.
    substance_code  text check (substance_code is null or length(substance_code) between 1 and 80),
    substance       text not null check (length(btrim(substance)) between 1 and 200),
    category        text not null check (category in ('DRUG', 'DRUG_CLASS', 'FOOD', 'ENVIRONMENT', 'OTHER')),
    reaction        text check (reaction is null or length(reaction) <= 500),
    severity        text not null check (severity in ('MILD', 'MODERATE', 'SEVERE', 'UNKNOWN')),
    status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE', 'RESOLVED', 'ENTERED_IN_ERROR')),
    onset_date      date check (onset_date is null or onset_date >= date '1880-01-01'),
    error_reason    text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version         integer not null default 1 check (version >= 1),
    recorded_by     uuid not null references staff_user (id),
    recorded_at     timestamptz not null,
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    request_id      uuid unique,
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index allergy_patient_idx on allergy (patient_id, status);
create unique index allergy_active_substance_idx on allergy (patient_id, lower(substance)) where status = 'ACTIVE';

-- "No known allergies" is a statement someone made, distinct from "not asked yet" (no row).
-- Recording an allergy turns it off (a new version); it is never deleted.
create table allergy_review (
    patient_id          uuid primary key references patient (id),
    no_known_allergies  boolean not null,
    version             integer not null default 1 check (version >= 1),
    updated_by          uuid not null references staff_user (id),
    updated_at          timestamptz not null
);

-- ---------------------------------------------------------------- problems

create table problem (
    id             uuid primary key default gen_random_uuid(),
    patient_id     uuid not null references patient (id),
    encounter_id   uuid references encounter (id),
    -- ICD-10-CM from the shipped subset; null when free text fits better.
    icd10_code     text check (icd10_code is null or icd10_code ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$'),
    title          text not null check (length(btrim(title)) between 1 and 300),
    status         text not null default 'ACTIVE' check (status in ('ACTIVE', 'RESOLVED', 'ENTERED_IN_ERROR')),
    onset_date     date check (onset_date is null or onset_date >= date '1880-01-01'),
    resolved_date  date,
    note           text check (note is null or length(note) <= 2000),
    error_reason   text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version        integer not null default 1 check (version >= 1),
    created_by     uuid not null references staff_user (id),
    created_at     timestamptz not null,
    updated_by     uuid not null references staff_user (id),
    updated_at     timestamptz not null,
    request_id     uuid unique,
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null)),
    check (resolved_date is null or onset_date is null or resolved_date >= onset_date)
);
create index problem_patient_idx on problem (patient_id, status);

-- ---------------------------------------------------------------- medications

create table medication (
    id               uuid primary key default gen_random_uuid(),
    patient_id       uuid not null references patient (id),
    -- The drug catalogue's ingredient key; null for a free-text drug (then "not checked").
    drug_code        text check (drug_code is null or length(drug_code) between 1 and 80),
    name             text not null check (length(btrim(name)) between 1 and 200),
    strength         text check (strength is null or length(strength) <= 100),
    form             text check (form is null or length(form) <= 60),
    dosage           text check (dosage is null or length(dosage) <= 500),
    status           text not null default 'ACTIVE' check (status in ('ACTIVE', 'STOPPED', 'ENTERED_IN_ERROR')),
    source           text not null default 'RECORDED' check (source in ('RECORDED', 'PRESCRIBED')),
    -- Set by prescribing (issue 13); no foreign key until that table exists.
    prescription_id  uuid,
    started_on       date check (started_on is null or started_on >= date '1880-01-01'),
    started_by       uuid references staff_user (id),
    start_reason     text check (start_reason is null or length(start_reason) <= 500),
    stopped_on       date,
    stopped_by       uuid references staff_user (id),
    stop_reason      text check (stop_reason is null or length(stop_reason) <= 500),
    error_reason     text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version          integer not null default 1 check (version >= 1),
    created_by       uuid not null references staff_user (id),
    created_at       timestamptz not null,
    updated_by       uuid not null references staff_user (id),
    updated_at       timestamptz not null,
    request_id       uuid unique,
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null)),
    check (status <> 'STOPPED' or (stopped_on is not null and stopped_by is not null)),
    check (stopped_on is null or started_on is null or stopped_on >= started_on)
);
create index medication_patient_idx on medication (patient_id, status);

-- ---------------------------------------------------------------- vital signs

-- One row per set measured together. Units as FHIR's vital-signs profile: mm[Hg], /min,
-- Cel, %, kg, cm, kg/m2. The checks are the outer bounds of the possible; the server
-- refuses the implausible with a clearer message first and flags the abnormal.
create table vital_signs (
    id                uuid primary key default gen_random_uuid(),
    patient_id        uuid not null references patient (id),
    encounter_id      uuid references encounter (id),
    measured_at       timestamptz not null,
    systolic_mmhg     integer check (systolic_mmhg between 40 and 300),
    diastolic_mmhg    integer check (diastolic_mmhg between 20 and 200),
    pulse_per_min     integer check (pulse_per_min between 20 and 300),
    temperature_c     numeric(4, 1) check (temperature_c between 25 and 45),
    respiratory_per_min integer check (respiratory_per_min between 4 and 80),
    spo2_pct          integer check (spo2_pct between 50 and 100),
    weight_kg         numeric(6, 2) check (weight_kg between 0.3 and 500),
    height_cm         numeric(5, 1) check (height_cm between 20 and 260),
    bmi               numeric(5, 1) generated always as (
                          case when weight_kg is not null and height_cm is not null
                               then round(weight_kg / ((height_cm / 100.0) * (height_cm / 100.0)), 1) end) stored,
    status            text not null default 'FINAL' check (status in ('FINAL', 'ENTERED_IN_ERROR')),
    error_reason      text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version           integer not null default 1 check (version >= 1),
    recorded_by       uuid not null references staff_user (id),
    recorded_at       timestamptz not null,
    updated_by        uuid not null references staff_user (id),
    updated_at        timestamptz not null,
    request_id        uuid unique,
    check ((systolic_mmhg is null) = (diastolic_mmhg is null)),
    check (systolic_mmhg is null or systolic_mmhg > diastolic_mmhg),
    check (num_nonnulls(systolic_mmhg, pulse_per_min, temperature_c, respiratory_per_min, spo2_pct, weight_kg, height_cm) > 0),
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index vital_signs_patient_idx on vital_signs (patient_id, measured_at desc);

-- ---------------------------------------------------------------- documents

-- The bytes live encrypted in a file under the server home (AES-256-GCM with a key of
-- their own, wrapped by the clinic key kept outside the database); the row is written
-- only when the whole upload has arrived, so an interrupted upload leaves nothing visible.
create table chart_document (
    id             uuid primary key default gen_random_uuid(),
    patient_id     uuid not null references patient (id),
    encounter_id   uuid references encounter (id),
    category       text not null check (category in ('LAB_REPORT', 'IMAGING', 'CONSENT', 'LETTER', 'OTHER')),
    title          text not null check (length(btrim(title)) between 1 and 200),
    file_name      text check (file_name is null or length(file_name) <= 255),
    content_type   text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes     bigint not null check (size_bytes > 0),
    sha256         bytea not null check (length(sha256) = 32),
    storage_name   text not null unique check (storage_name ~ '^[0-9a-f-]{36}\.bin$'),
    wrapped_key    bytea not null,
    status         text not null default 'AVAILABLE' check (status in ('AVAILABLE', 'ENTERED_IN_ERROR')),
    error_reason   text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version        integer not null default 1 check (version >= 1),
    uploaded_by    uuid not null references staff_user (id),
    uploaded_at    timestamptz not null,
    updated_by     uuid not null references staff_user (id),
    updated_at     timestamptz not null,
    request_id     uuid unique,
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index chart_document_patient_idx on chart_document (patient_id, uploaded_at desc);

-- ---------------------------------------------------------------- plans, referrals, follow-ups

create table care_plan (
    id            uuid primary key default gen_random_uuid(),
    patient_id    uuid not null references patient (id),
    encounter_id  uuid references encounter (id),
    title         text not null check (length(btrim(title)) between 1 and 200),
    details       text not null default '' check (length(details) <= 20000),
    status        text not null default 'ACTIVE' check (status in ('ACTIVE', 'COMPLETED', 'ENTERED_IN_ERROR')),
    error_reason  text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version       integer not null default 1 check (version >= 1),
    created_by    uuid not null references staff_user (id),
    created_at    timestamptz not null,
    updated_by    uuid not null references staff_user (id),
    updated_at    timestamptz not null,
    request_id    uuid unique,
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index care_plan_patient_idx on care_plan (patient_id, status);

-- To a colleague (who gets access to the chart and a notification) or to an outside
-- provider (who gets a referral letter).
create table referral (
    id              uuid primary key default gen_random_uuid(),
    patient_id      uuid not null references patient (id),
    encounter_id    uuid references encounter (id),
    from_doctor_id  uuid not null references staff_user (id),
    to_doctor_id    uuid references staff_user (id),
    to_external     text check (to_external is null or length(btrim(to_external)) between 1 and 500),
    reason          text not null check (length(btrim(reason)) between 1 and 2000),
    urgency         text not null default 'ROUTINE' check (urgency in ('ROUTINE', 'URGENT')),
    status          text not null default 'SENT' check (status in ('SENT', 'ACCEPTED', 'COMPLETED', 'CANCELLED', 'ENTERED_IN_ERROR')),
    grant_id        uuid references chart_access_grant (id),
    error_reason    text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version         integer not null default 1 check (version >= 1),
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    request_id      uuid unique,
    check ((to_doctor_id is null) <> (to_external is null)),
    check (to_doctor_id is null or to_doctor_id <> from_doctor_id),
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index referral_patient_idx on referral (patient_id, created_at desc);
create index referral_to_doctor_idx on referral (to_doctor_id, status) where to_doctor_id is not null;

-- "See again in 3 weeks": lands on reception's list until it is booked or dismissed.
create table follow_up (
    id              uuid primary key default gen_random_uuid(),
    patient_id      uuid not null references patient (id),
    encounter_id    uuid references encounter (id),
    doctor_id       uuid not null references staff_user (id),
    due_on          date not null check (due_on >= date '2000-01-01'),
    note            text check (note is null or length(note) <= 500),
    status          text not null default 'OPEN' check (status in ('OPEN', 'BOOKED', 'DISMISSED', 'ENTERED_IN_ERROR')),
    appointment_id  uuid references appointment (id),
    dismiss_reason  text check (dismiss_reason is null or length(btrim(dismiss_reason)) between 1 and 500),
    error_reason    text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version         integer not null default 1 check (version >= 1),
    created_by      uuid not null references staff_user (id),
    created_at      timestamptz not null,
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    request_id      uuid unique,
    check ((status = 'BOOKED') = (appointment_id is not null)),
    check ((status = 'DISMISSED') = (dismiss_reason is not null)),
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
create index follow_up_open_idx on follow_up (due_on) where status = 'OPEN';
create index follow_up_patient_idx on follow_up (patient_id);

-- ---------------------------------------------------------------- admissions

create table admission (
    id                  uuid primary key default gen_random_uuid(),
    patient_id          uuid not null references patient (id),
    admitting_doctor_id uuid not null references staff_user (id),
    ward                text check (ward is null or length(btrim(ward)) between 1 and 60),
    bed                 text check (bed is null or length(btrim(bed)) between 1 and 20),
    reason              text not null check (length(btrim(reason)) between 1 and 1000),
    admitted_at         timestamptz not null,
    status              text not null default 'ADMITTED' check (status in ('ADMITTED', 'DISCHARGED', 'ENTERED_IN_ERROR')),
    discharged_at       timestamptz,
    discharged_by       uuid references staff_user (id),
    discharge_summary   text check (discharge_summary is null or length(discharge_summary) <= 20000),
    error_reason        text check (error_reason is null or length(btrim(error_reason)) between 1 and 500),
    version             integer not null default 1 check (version >= 1),
    created_by          uuid not null references staff_user (id),
    created_at          timestamptz not null,
    updated_by          uuid not null references staff_user (id),
    updated_at          timestamptz not null,
    request_id          uuid unique,
    check (bed is null or ward is not null),
    check ((status = 'DISCHARGED') = (discharged_at is not null and discharged_by is not null and discharge_summary is not null)),
    check (discharged_at is null or discharged_at >= admitted_at),
    check ((status = 'ENTERED_IN_ERROR') = (error_reason is not null))
);
-- A patient is admitted once at a time; a bed holds one patient.
create unique index admission_one_open_idx on admission (patient_id) where status = 'ADMITTED';
create unique index admission_bed_idx on admission (lower(ward), lower(bed)) where status = 'ADMITTED' and bed is not null;
create index admission_doctor_idx on admission (admitting_doctor_id, status);

-- ---------------------------------------------------------------- demographics the record needs

alter table patient
    add column blood_group text check (blood_group is null or blood_group in ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
    add column preferred_language text check (preferred_language is null or length(btrim(preferred_language)) between 1 and 60);

create table emergency_contact (
    id            uuid primary key default gen_random_uuid(),
    patient_id    uuid not null references patient (id),
    name          text not null check (length(btrim(name)) between 1 and 120),
    relationship  text not null check (length(btrim(relationship)) between 1 and 60),
    phone         text not null check (length(phone) between 4 and 32),
    email         text check (email is null or position('@' in email) > 1),
    priority      smallint not null default 1 check (priority between 1 and 20),
    active        boolean not null default true,
    version       integer not null default 1 check (version >= 1),
    updated_by    uuid not null references staff_user (id),
    updated_at    timestamptz not null,
    request_id    uuid unique
);
create index emergency_contact_patient_idx on emergency_contact (patient_id) where active;

create table insurance_policy (
    id              uuid primary key default gen_random_uuid(),
    patient_id      uuid not null references patient (id),
    insurer         text not null check (length(btrim(insurer)) between 1 and 120),
    policy_number   text not null check (length(btrim(policy_number)) between 1 and 60),
    member_name     text check (member_name is null or length(btrim(member_name)) between 1 and 160),
    coverage_start  date not null check (coverage_start >= date '1900-01-01'),
    coverage_end    date,
    active          boolean not null default true,
    version         integer not null default 1 check (version >= 1),
    updated_by      uuid not null references staff_user (id),
    updated_at      timestamptz not null,
    request_id      uuid unique,
    check (coverage_end is null or coverage_end >= coverage_start)
);
create index insurance_policy_patient_idx on insurance_policy (patient_id) where active;
create unique index insurance_policy_number_idx on insurance_policy (patient_id, lower(insurer), policy_number) where active;

create table consent_record (
    id            uuid primary key default gen_random_uuid(),
    patient_id    uuid not null references patient (id),
    kind          text not null check (kind in ('TREATMENT', 'DATA_SHARING', 'TELEHEALTH', 'RESEARCH', 'PHOTOGRAPHY', 'OTHER')),
    given_on      date not null check (given_on >= date '1900-01-01'),
    status        text not null default 'GIVEN' check (status in ('GIVEN', 'WITHDRAWN')),
    withdrawn_on  date,
    document_id   uuid references chart_document (id),
    note          text check (note is null or length(note) <= 500),
    version       integer not null default 1 check (version >= 1),
    updated_by    uuid not null references staff_user (id),
    updated_at    timestamptz not null,
    request_id    uuid unique,
    check ((status = 'WITHDRAWN') = (withdrawn_on is not null)),
    check (withdrawn_on is null or withdrawn_on >= given_on)
);
create index consent_record_patient_idx on consent_record (patient_id);

-- ---------------------------------------------------------------- chart news in the inbox

-- Names and what happened only, never clinical text: a break of the glass (admins), a
-- referral (the colleague), a new lab or imaging document (the patient's doctors), a
-- follow-up or refill request for reception.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('BOOKED', 'REQUEST_AWAITING_CONFIRMATION', 'MOVED', 'CANCELLED', 'DECLINED', 'WAITING_LIST_OFFER',
                    'BREAK_THE_GLASS', 'REFERRAL', 'NEW_DOCUMENT', 'FOLLOW_UP'));
alter table notification add column patient_id uuid references patient (id);
