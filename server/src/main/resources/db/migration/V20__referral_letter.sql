-- Plans, referrals and admissions (issue 12, decision 0035): an outside referral's letter is
-- kept as it was written, so a reprint shows the problems, medications and allergies the
-- referring doctor sent, not today's.
alter table referral add column letter_pdf bytea;
alter table referral add constraint referral_letter_outside check (letter_pdf is null or to_external is not null);
