-- A line is never dispensed past quantity x (1 + refills), whoever writes the row
-- (issue 13). The service checks first, under the prescription's row lock, to give a clear
-- message; this trigger takes the same lock and is the guarantee.
create function prescription_dispense_limit() returns trigger language plpgsql as $$
declare
    allowed numeric;
    total   numeric;
begin
    perform 1 from prescription where id = new.prescription_id for update;
    select l.quantity * (1 + l.refills) into allowed
      from prescription_line l where l.id = new.line_id and l.prescription_id = new.prescription_id;
    if allowed is null then
        raise exception 'line % is not on prescription %', new.line_id, new.prescription_id using errcode = '23503';
    end if;
    select coalesce(sum(quantity), 0) + new.quantity into total from prescription_dispense where line_id = new.line_id;
    if total > allowed then
        raise exception 'dispensing % would exceed the % this line allows', total, allowed
            using errcode = '23514', constraint = 'prescription_dispense_limit';
    end if;
    return new;
end;
$$;
create trigger prescription_dispense_within_limit before insert on prescription_dispense
    for each row execute function prescription_dispense_limit();
