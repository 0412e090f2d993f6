-- Live front desk: every change to an appointment leaves an event row with a gapless
-- sequence number, written in the same transaction as the change, then NOTIFY.
-- See docs/decisions/0011-appointment-events.md for why a commit-time trigger numbers them.

-- The last sequence number handed out. One row; updating it at commit time serialises
-- numbering, so an event with a lower number is always visible before a higher one.
create table appointment_event_clock (
    id        boolean primary key default true check (id),
    last_seq  bigint not null
);
insert into appointment_event_clock (id, last_seq) values (true, 0);

create table appointment_event (
    seq                   bigint primary key,
    occurred_at           timestamptz not null default clock_timestamp(),
    appointment_id        uuid not null references appointment (id),
    kind                  text not null check (kind in ('BOOKED', 'REQUESTED', 'CONFIRMED', 'DECLINED', 'MOVED',
                                                        'CANCELLED', 'CHECKED_IN', 'CALLED', 'COMPLETED', 'NO_SHOW',
                                                        'UPDATED')),
    -- Where the appointment is now and, after a move, where it was: a screen watching the
    -- old doctor, place or day must hear that it left.
    doctor_id             uuid not null,
    location_id           uuid not null,
    starts_at             timestamptz not null,
    previous_doctor_id    uuid,
    previous_location_id  uuid,
    previous_starts_at    timestamptz,
    -- The appointment row as it is after the change.
    snapshot              jsonb not null
);
create index appointment_event_appointment_idx on appointment_event (appointment_id, seq);
create trigger appointment_event_append_only before update or delete on appointment_event
    for each row execute function refuse_change();

create function appointment_event_write() returns trigger
    language plpgsql as $$
declare
    next_seq bigint;
    change   text;
    moved    boolean := false;
begin
    if tg_op = 'INSERT' then
        change := case when new.status = 'PENDING' then 'REQUESTED' else 'BOOKED' end;
    else
        moved := new.starts_at is distinct from old.starts_at
              or new.doctor_id is distinct from old.doctor_id
              or new.location_id is distinct from old.location_id;
        if new.status is distinct from old.status then
            change := case new.status
                          when 'CONFIRMED' then 'CONFIRMED'
                          when 'DECLINED' then 'DECLINED'
                          when 'CANCELLED' then 'CANCELLED'
                          when 'CHECKED_IN' then 'CHECKED_IN'
                          when 'IN_CONSULTATION' then 'CALLED'
                          when 'COMPLETED' then 'COMPLETED'
                          when 'NO_SHOW' then 'NO_SHOW'
                          else 'UPDATED' end;
        elsif moved then
            change := 'MOVED';
        else
            change := 'UPDATED';
        end if;
    end if;

    update appointment_event_clock set last_seq = last_seq + 1 returning last_seq into next_seq;
    insert into appointment_event (seq, appointment_id, kind, doctor_id, location_id, starts_at,
                                   previous_doctor_id, previous_location_id, previous_starts_at, snapshot)
    values (next_seq, new.id, change, new.doctor_id, new.location_id, new.starts_at,
            case when moved then old.doctor_id end, case when moved then old.location_id end,
            case when moved then old.starts_at end, to_jsonb(new));
    perform pg_notify('appointment_event', next_seq::text);
    return null;
end;
$$;

-- Deferred to commit: the clock row is locked only from here to the end of the commit, so
-- bookings still run side by side and only their last step takes turns.
create constraint trigger appointment_event_on_change
    after insert or update on appointment
    deferrable initially deferred
    for each row execute function appointment_event_write();
