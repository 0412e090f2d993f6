-- The clinic's billing header (issue 14, decision 0044): edited by admins with the version they
-- started from, so two admins never overwrite each other's header silently. updated_by names who
-- changed it last in the "Changed by ... ; reload" answer. No foreign key on updated_by: the one
-- header row must never go with a staff row (a TRUNCATE ... CASCADE of staff_user would empty it;
-- staff accounts are disabled, never deleted, so the name stays resolvable).
alter table billing_profile
    add column version    integer not null default 1 check (version >= 1),
    add column updated_by uuid;

-- Checkout at the desk reads today's completed visits and their invoices.
create index appointment_completed_day_idx on appointment (starts_at) where status = 'COMPLETED';
