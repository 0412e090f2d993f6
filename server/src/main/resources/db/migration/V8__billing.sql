-- Billing: price list, invoices and credit notes, payments and refunds, archived PDFs.
-- The rules that must never break live here (docs/decisions/0020-billing.md):
--  * money is an integer count of the currency's minor unit (bigint) next to its currency;
--  * issued numbers are gapless per series and year: a counter row is bumped in the issuing
--    transaction (a rollback gives the number back) and (series, year, number) is unique;
--  * an issued invoice or credit note never changes: triggers refuse UPDATE and DELETE of
--    the invoice row and INSERT/UPDATE/DELETE of its lines once it is no longer a draft;
--  * a payment is recorded once per client request id; amounts are positive; refunds never
--    exceed what was paid and payments never exceed what is owed (checked under a lock);
--  * drafts carry a version so two desks cannot overwrite each other's edits.
-- No clinical text on invoices: descriptions come from the price list or the desk.

-- ---------------------------------------------------------------- settings and price list

-- The header printed on invoices and receipts. One row.
create table billing_profile (
    id                boolean primary key default true check (id),
    clinic_name       text not null check (length(btrim(clinic_name)) between 1 and 120),
    address           text not null default '' check (length(address) <= 300),
    tax_id            text not null default '' check (length(tax_id) <= 40),
    phone             text not null default '' check (length(phone) <= 40),
    email             text not null default '' check (length(email) <= 120),
    payment_terms_days integer not null default 30 check (payment_terms_days between 0 and 365),
    updated_at        timestamptz not null default now()
);
insert into billing_profile (clinic_name) values ('MedConnect Clinic');

create table tax_rate (
    id          uuid primary key default gen_random_uuid(),
    name        text not null check (length(btrim(name)) between 1 and 60),
    -- Percent, e.g. 20, 7.7, 8.875.
    percent     numeric(7, 4) not null check (percent >= 0 and percent <= 100),
    active      boolean not null default true,
    request_id  uuid unique,
    created_at  timestamptz not null default now()
);
create unique index tax_rate_name_key on tax_rate (lower(btrim(name)));

create table price_item (
    id                   uuid primary key default gen_random_uuid(),
    kind                 text not null check (kind in ('CONSULTATION', 'PROCEDURE', 'ITEM')),
    code                 text not null check (length(btrim(code)) between 1 and 32),
    name                 text not null check (length(btrim(name)) between 1 and 120),
    -- A consultation price may be for one doctor, one appointment type, or both.
    doctor_id            uuid references staff_user (id),
    appointment_type_id  uuid references appointment_type (id),
    unit_price_minor     bigint not null check (unit_price_minor between 0 and 100000000000),
    currency             text not null check (currency ~ '^[A-Z]{3}$'),
    tax_rate_id          uuid references tax_rate (id),
    active               boolean not null default true,
    request_id           uuid unique,
    version              integer not null default 1,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check (kind = 'CONSULTATION' or (doctor_id is null and appointment_type_id is null))
);
create unique index price_item_code_key on price_item (lower(btrim(code)));
-- At most one active consultation price per doctor and type (either may be "any").
create unique index price_item_consultation_key on price_item (
    coalesce(doctor_id, '00000000-0000-0000-0000-000000000000'::uuid),
    coalesce(appointment_type_id, '00000000-0000-0000-0000-000000000000'::uuid))
    where kind = 'CONSULTATION' and active;

-- ---------------------------------------------------------------- invoices

-- The last number handed out per series (INV, CN, RCT) and year. The issuing transaction
-- bumps it (the row stays locked until commit, so numbers are handed out in turn and a
-- rollback returns its number: no gaps).
create table document_counter (
    series       text not null check (series in ('INV', 'CN', 'RCT')),
    year         integer not null check (year between 2000 and 9999),
    last_number  integer not null check (last_number >= 1),
    primary key (series, year)
);

create table invoice (
    id                   uuid primary key default gen_random_uuid(),
    kind                 text not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    status               text not null check (status in ('DRAFT', 'ISSUED', 'DISCARDED')),
    patient_id           uuid not null references patient (id),
    -- The visit it bills; one live invoice per visit.
    appointment_id       uuid references appointment (id),
    -- For a credit note: the invoice it corrects.
    credited_invoice_id  uuid references invoice (id),
    currency             text not null check (currency ~ '^[A-Z]{3}$'),
    subtotal_minor       bigint not null default 0,
    discount_minor       bigint not null default 0,
    tax_minor            bigint not null default 0,
    total_minor          bigint not null default 0,
    -- Insurance details printed on the invoice (claims are out of scope).
    insurer              text not null default '' check (length(insurer) <= 120),
    policy_number        text not null default '' check (length(policy_number) <= 60),
    note                 text not null default '' check (length(note) <= 500),
    series               text check (series in ('INV', 'CN')),
    number_year          integer,
    number_seq           integer check (number_seq >= 1),
    number               text,
    issue_date           date,
    due_date             date,
    issued_at            timestamptz,
    issued_by            uuid references staff_user (id),
    created_by           uuid references staff_user (id),
    request_id           uuid unique,
    version              integer not null default 1 check (version >= 1),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check (total_minor = subtotal_minor - discount_minor + tax_minor),
    check ((kind = 'INVOICE' and subtotal_minor >= 0 and discount_minor >= 0 and tax_minor >= 0 and total_minor >= 0
            and credited_invoice_id is null)
        or (kind = 'CREDIT_NOTE' and subtotal_minor <= 0 and discount_minor <= 0 and tax_minor <= 0 and total_minor <= 0
            and credited_invoice_id is not null and appointment_id is null)),
    -- Issued means numbered and dated; drafts and discarded drafts have no number.
    check ((status = 'ISSUED') = (number_seq is not null)),
    check (status <> 'ISSUED' or (series is not null and number_year is not null and number is not null
                                  and issue_date is not null and due_date is not null and issued_at is not null)),
    check (series is null or (series = 'INV') = (kind = 'INVOICE'))
);
create unique index invoice_number_key on invoice (series, number_year, number_seq);
create unique index invoice_number_text_key on invoice (number);
create unique index invoice_visit_key on invoice (appointment_id) where kind = 'INVOICE' and status <> 'DISCARDED';
create index invoice_patient_idx on invoice (patient_id, created_at desc);
create index invoice_issue_date_idx on invoice (issue_date desc) where status = 'ISSUED';
create index invoice_credited_idx on invoice (credited_invoice_id) where credited_invoice_id is not null;

create table invoice_line (
    id                bigint generated always as identity primary key,
    invoice_id        uuid not null references invoice (id),
    position          integer not null check (position between 1 and 500),
    kind              text not null check (kind in ('CONSULTATION', 'PROCEDURE', 'ITEM')),
    price_item_id     uuid references price_item (id),
    description       text not null check (length(btrim(description)) between 1 and 200),
    -- Up to three decimals (2.5 hours, 0.125 l). A credit note's lines are the original's negated.
    quantity          numeric(10, 3) not null check (quantity <> 0 and abs(quantity) <= 10000),
    unit_price_minor  bigint not null check (abs(unit_price_minor) <= 100000000000),
    discount_minor    bigint not null,
    tax_name          text not null default '' check (length(tax_name) <= 60),
    tax_percent       numeric(7, 4) not null check (tax_percent >= 0 and tax_percent <= 100),
    net_minor         bigint not null,
    tax_minor         bigint not null,
    gross_minor       bigint not null,
    check (gross_minor = net_minor + tax_minor),
    -- Amounts all point the same way: an invoice line is >= 0, a credit line <= 0.
    check ((net_minor >= 0 and tax_minor >= 0 and discount_minor >= 0 and unit_price_minor >= 0)
        or (net_minor <= 0 and tax_minor <= 0 and discount_minor <= 0 and unit_price_minor >= 0 and quantity < 0)),
    unique (invoice_id, position)
);

-- Once issued (or discarded) an invoice is a record: refuse every change to it and its lines.
create function invoice_refuse_change_when_final() returns trigger
    language plpgsql as $$
begin
    if old.status <> 'DRAFT' then
        raise exception 'invoice % is % and cannot be changed; issue a credit note instead', coalesce(old.number, old.id::text), old.status
            using errcode = 'object_not_in_prerequisite_state';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;
create trigger invoice_final before update or delete on invoice
    for each row execute function invoice_refuse_change_when_final();

create function invoice_line_refuse_change_when_final() returns trigger
    language plpgsql as $$
declare
    parent_status text;
    parent_number text;
begin
    select status, number into parent_status, parent_number from invoice
    where id = case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end;
    if parent_status <> 'DRAFT' then
        raise exception 'the lines of invoice % cannot be changed once it is %', parent_number, parent_status
            using errcode = 'object_not_in_prerequisite_state';
    end if;
    if tg_op = 'UPDATE' and old.invoice_id <> new.invoice_id then
        select status into parent_status from invoice where id = old.invoice_id;
        if parent_status <> 'DRAFT' then
            raise exception 'a line cannot move out of a final invoice' using errcode = 'object_not_in_prerequisite_state';
        end if;
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;
create trigger invoice_line_final before insert or update or delete on invoice_line
    for each row execute function invoice_line_refuse_change_when_final();

-- ---------------------------------------------------------------- payments

create table payment (
    id                uuid primary key default gen_random_uuid(),
    kind              text not null check (kind in ('PAYMENT', 'REFUND')),
    invoice_id        uuid not null references invoice (id),
    patient_id        uuid not null references patient (id),
    method            text not null check (method in ('CASH', 'CARD', 'BANK_TRANSFER', 'INSURANCE')),
    amount_minor      bigint not null check (amount_minor > 0 and amount_minor <= 100000000000),
    currency          text not null check (currency ~ '^[A-Z]{3}$'),
    reference         text not null default '' check (length(reference) <= 120),
    receipt_year      integer not null,
    receipt_seq       integer not null check (receipt_seq >= 1),
    receipt_number    text not null,
    received_at       timestamptz not null,
    received_by       uuid references staff_user (id),
    -- However often the button is pressed, one payment per request id.
    request_id        uuid not null unique
);
create unique index payment_receipt_key on payment (receipt_year, receipt_seq);
create unique index payment_receipt_number_key on payment (receipt_number);
create index payment_invoice_idx on payment (invoice_id);
create index payment_patient_idx on payment (patient_id, received_at desc);
create trigger payment_append_only before update or delete on payment
    for each row execute function refuse_change();

-- Payments go against issued invoices only, in the invoice's currency; what is paid never
-- exceeds what is owed (after credit notes) and a refund never exceeds what was paid.
-- The invoice row is locked first, so two desks taking money for one invoice take turns.
create function payment_check_amounts() returns trigger
    language plpgsql as $$
declare
    inv        invoice%rowtype;
    credited   bigint;
    paid       bigint;
    refunded   bigint;
begin
    select * into inv from invoice where id = new.invoice_id for update;
    if inv.kind <> 'INVOICE' or inv.status <> 'ISSUED' then
        raise exception 'payments go against issued invoices only' using errcode = 'check_violation';
    end if;
    if inv.currency <> new.currency then
        raise exception 'payment currency % differs from invoice currency %', new.currency, inv.currency
            using errcode = 'check_violation';
    end if;
    select coalesce(sum(total_minor), 0) into credited from invoice
    where credited_invoice_id = inv.id and status = 'ISSUED';
    select coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0),
           coalesce(sum(amount_minor) filter (where kind = 'REFUND'), 0)
      into paid, refunded
    from payment where invoice_id = inv.id;
    if new.kind = 'PAYMENT' and paid - refunded + new.amount_minor > inv.total_minor + credited then
        raise exception 'payment_exceeds_balance' using errcode = 'check_violation';
    end if;
    if new.kind = 'REFUND' and refunded + new.amount_minor > paid then
        raise exception 'refund_exceeds_paid' using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
create trigger payment_amounts before insert on payment
    for each row execute function payment_check_amounts();

-- ---------------------------------------------------------------- archived documents

-- The PDF of an issued invoice or credit note, and of each receipt, exactly as first
-- printed: a reprint sends these bytes. Append-only.
create table billing_document (
    id          bigint generated always as identity primary key,
    kind        text not null check (kind in ('INVOICE', 'RECEIPT')),
    invoice_id  uuid not null references invoice (id),
    payment_id  uuid references payment (id),
    pdf         bytea not null,
    sha256      bytea not null check (length(sha256) = 32),
    created_at  timestamptz not null default now(),
    check ((kind = 'RECEIPT') = (payment_id is not null))
);
create unique index billing_document_invoice_key on billing_document (invoice_id) where kind = 'INVOICE';
create unique index billing_document_receipt_key on billing_document (payment_id) where kind = 'RECEIPT';
create trigger billing_document_append_only before update or delete on billing_document
    for each row execute function refuse_change();

-- ---------------------------------------------------------------- visit drafts

-- How far the billing projector has read appointment_event (COMPLETED visits get a draft).
-- Starts at the present: visits completed before billing existed are not billed behind
-- the desk's back (the desk can still draft them on demand).
create table billing_cursor (
    id        boolean primary key default true check (id),
    last_seq  bigint not null
);
insert into billing_cursor (id, last_seq) select true, last_seq from appointment_event_clock;
