-- The audit becomes a hash chain (docs/decisions/0023-audit-chain.md): every entry carries
-- the SHA-256 of the entry before it, so an entry edited, deleted, inserted or reordered
-- later with SQL (even by a superuser who switches the append-only trigger off) is found by
-- `./medconnect audit verify`. The chain is built here, in the database, by a trigger, so no
-- writer can forget it and concurrent writers cannot fork it. Sign-ins are mirrored into it.

alter table audit_entry add column chain_seq bigint;
alter table audit_entry add column prev_hash bytea;
alter table audit_entry add column hash bytea;

-- One row: where the chain ends. Appending locks it (FOR UPDATE) until the appending
-- transaction ends, which serialises appends and keeps chain_seq gap-free.
create table audit_chain_head (
    id          integer primary key check (id = 1),
    last_seq    bigint not null check (last_seq >= 0),
    last_hash   bytea not null check (length(last_hash) = 32)
);
insert into audit_chain_head values (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- A field of the canonical form: its UTF-8 length as a 4-byte big-endian integer, then its
-- bytes; null is the length -1 with no bytes (so null and '' differ).
create function audit_field(value text) returns bytea language sql immutable parallel safe as $$
    select case when value is null then '\xffffffff'::bytea
                else int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

-- SHA-256 over: "medconnect-audit-v1", the previous hash (32 bytes), chain_seq and id
-- (8-byte big-endian), occurred_at as epoch microseconds (8-byte big-endian), then actor
-- (lower-case UUID text), action, target_type, target_id, detail as audit_field()s.
-- AuditChainVerifier computes the same in Java; the two must never drift.
create function audit_entry_hash(prev bytea, seq bigint, entry_id bigint, at timestamptz, actor uuid,
                                 action text, target_type text, target_id text, detail text)
    returns bytea language sql immutable parallel safe as $$
    select sha256(convert_to('medconnect-audit-v1', 'UTF8') || prev || int8send(seq) || int8send(entry_id)
                  || int8send((extract(epoch from at) * 1000000)::bigint)
                  || audit_field(actor::text) || audit_field(action) || audit_field(target_type)
                  || audit_field(target_id) || audit_field(detail))
$$;

-- Backfill: the entries already written, in the order they were written.
alter table audit_entry disable trigger audit_entry_append_only;
do $$
declare
    e record;
    seq bigint := 0;
    prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    h bytea;
begin
    for e in select * from audit_entry order by id loop
        seq := seq + 1;
        h := audit_entry_hash(prev, seq, e.id, e.occurred_at, e.actor_user_id, e.action, e.target_type, e.target_id, e.detail);
        update audit_entry set chain_seq = seq, prev_hash = prev, hash = h where id = e.id;
        prev := h;
    end loop;
    update audit_chain_head set last_seq = seq, last_hash = prev where id = 1;
end
$$;
alter table audit_entry enable trigger audit_entry_append_only;

alter table audit_entry alter column chain_seq set not null;
alter table audit_entry alter column prev_hash set not null;
alter table audit_entry alter column hash set not null;
alter table audit_entry add constraint audit_entry_chain_seq_key unique (chain_seq);
alter table audit_entry add constraint audit_entry_hash_length check (length(prev_hash) = 32 and length(hash) = 32);

-- Whatever a writer puts in chain_seq, prev_hash and hash is replaced: the chain is the
-- database's job. Runs after the identity default, so new.id is known.
create function audit_entry_chain() returns trigger language plpgsql as $$
declare
    head audit_chain_head%rowtype;
begin
    select * into head from audit_chain_head where id = 1 for update;
    new.chain_seq := head.last_seq + 1;
    new.prev_hash := head.last_hash;
    new.hash := audit_entry_hash(new.prev_hash, new.chain_seq, new.id, new.occurred_at, new.actor_user_id,
                                 new.action, new.target_type, new.target_id, new.detail);
    update audit_chain_head set last_seq = new.chain_seq, last_hash = new.hash where id = 1;
    return new;
end
$$;
create trigger audit_entry_chain before insert on audit_entry
    for each row execute function audit_entry_chain();

-- Sign-ins, failures, locks and sign-outs enter the chain too: each auth_event row gets an
-- audit entry (action AUTH_<kind>, target auth_event/<id>) in the same transaction, and the
-- verifier checks that every auth_event still matches its entry.
create function auth_event_audit_detail(username text, client_address text, workstation text, detail text)
    returns text language sql immutable parallel safe as $$
    select 'username=' || username
           || coalesce('; address=' || client_address, '')
           || coalesce('; workstation=' || workstation, '')
           || coalesce('; ' || detail, '')
$$;

create function auth_event_to_audit() returns trigger language plpgsql as $$
begin
    insert into audit_entry (occurred_at, actor_user_id, action, target_type, target_id, detail)
    values (new.occurred_at, new.user_id, 'AUTH_' || new.kind, 'auth_event', new.id::text,
            auth_event_audit_detail(new.username, new.client_address, new.workstation, new.detail));
    return null;
end
$$;

-- Sign-in history written before this migration joins the chain now, oldest first.
insert into audit_entry (occurred_at, actor_user_id, action, target_type, target_id, detail)
select occurred_at, user_id, 'AUTH_' || kind, 'auth_event', id::text,
       auth_event_audit_detail(username, client_address, workstation, detail)
from auth_event order by id;

create trigger auth_event_to_audit after insert on auth_event
    for each row execute function auth_event_to_audit();

create index audit_entry_actor_idx on audit_entry (actor_user_id, chain_seq);
create index audit_entry_target_idx on audit_entry (target_type, target_id);
