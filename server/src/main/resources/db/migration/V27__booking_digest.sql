-- Routine bookings fold into one inbox item per doctor and clinic day (issue 11, item 16:
-- "44 unread by 9 am"). While a day's digest is unread, each further booking for that day
-- updates it (count, latest booking) instead of adding a line; once read, the next booking
-- starts a new one. Bookings for today and tomorrow stay one item each: they need action.
alter table notification add column digest_day date;
alter table notification add column digest_count integer not null default 1 check (digest_count >= 1);
create unique index notification_digest_key on notification (recipient_user_id, digest_day)
    where digest_day is not null and read_at is null;
