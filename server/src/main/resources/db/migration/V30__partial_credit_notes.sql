-- Partial credit notes (issue 14, docs/decisions/0043-partial-credit-notes.md): a credit note
-- may credit some lines, part of a line's quantity, or an amount, as often as needed, but
-- never more than was invoiced. Each credit line names the invoice line it credits and how:
--  * QUANTITY: part (or all) of the line's quantity, with its share of net, discount and tax;
--  * AMOUNT:   money off the line (quantity -1 x the net credited), its quantity untouched.
-- The service checks first, under the invoice's row lock, for a readable message; the trigger
-- below takes the same lock when a credit note is issued (or inserted as issued) and is the
-- guarantee, whoever writes the rows.

alter table invoice_line
    add column credited_line_id bigint references invoice_line (id),
    add column credit_kind text check (credit_kind in ('QUANTITY', 'AMOUNT')),
    add constraint invoice_line_credit_link check ((credited_line_id is null) = (credit_kind is null)),
    add constraint invoice_line_credit_sign check (credit_kind is null or quantity < 0);
create index invoice_line_credited_idx on invoice_line (credited_line_id) where credited_line_id is not null;

-- Credit notes issued before partial credits copied the invoice's lines in order, negated:
-- link them to the lines they cancelled (their lines are final, so the guard steps aside once).
alter table invoice_line disable trigger invoice_line_final;
update invoice_line cl set credited_line_id = o.id, credit_kind = 'QUANTITY'
  from invoice c, invoice_line o
 where cl.invoice_id = c.id and c.kind = 'CREDIT_NOTE' and o.invoice_id = c.credited_invoice_id and o.position = cl.position;
alter table invoice_line enable trigger invoice_line_final;

-- When a credit note becomes issued: the invoice it corrects is an issued invoice in the same
-- currency, all its issued credit notes together never exceed the invoice's total, and on each
-- invoice line the credited quantity, net and tax never exceed the line's own.
create function credit_note_within_invoice() returns trigger
    language plpgsql as $$
declare
    inv       invoice%rowtype;
    credited  bigint;
    over      record;
begin
    if new.kind <> 'CREDIT_NOTE' or new.status <> 'ISSUED' or (tg_op = 'UPDATE' and old.status = 'ISSUED') then
        return new;
    end if;
    select * into inv from invoice where id = new.credited_invoice_id for update;
    if inv.kind <> 'INVOICE' or inv.status <> 'ISSUED' then
        raise exception 'a credit note corrects an issued invoice' using errcode = '23514', constraint = 'credit_note_limit';
    end if;
    if inv.currency <> new.currency then
        raise exception 'credit note currency % differs from invoice currency %', new.currency, inv.currency
            using errcode = '23514', constraint = 'credit_note_limit';
    end if;
    select coalesce(sum(total_minor), 0) into credited from invoice
     where credited_invoice_id = inv.id and kind = 'CREDIT_NOTE' and status = 'ISSUED' and id <> new.id;
    if inv.total_minor + credited + new.total_minor < 0 then
        raise exception 'crediting % more would exceed the % invoiced on %', -new.total_minor, inv.total_minor, inv.number
            using errcode = '23514', constraint = 'credit_note_limit';
    end if;
    select o.position into over
      from invoice_line o
      join (select l.credited_line_id, sum(l.net_minor) as net, sum(l.tax_minor) as tax,
                   sum(l.quantity) filter (where l.credit_kind = 'QUANTITY') as qty
              from invoice_line l
              join invoice c on c.id = l.invoice_id
             where l.credited_line_id in (select credited_line_id from invoice_line where invoice_id = new.id)
               and (c.id = new.id or (c.kind = 'CREDIT_NOTE' and c.status = 'ISSUED'))
             group by l.credited_line_id) s on s.credited_line_id = o.id
     where o.invoice_id <> inv.id or o.net_minor + s.net < 0 or o.tax_minor + s.tax < 0
        or o.quantity + coalesce(s.qty, 0) < 0
     limit 1;
    if found then
        raise exception 'line % of % would be credited beyond what it invoiced', over.position, inv.number
            using errcode = '23514', constraint = 'credit_note_limit';
    end if;
    return new;
end;
$$;
create trigger invoice_credit_within_invoice before insert or update on invoice
    for each row execute function credit_note_within_invoice();
