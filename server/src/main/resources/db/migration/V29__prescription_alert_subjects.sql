-- What each kept alert concerns (issue 13): the prescription lines it names, and the current
-- medication or allergy it was raised against, with that entry's name as it read when the alert
-- was stored, so a signed prescription's history can say "line 2 (amoxicillin) against allergy:
-- Penicillins" even after the allergy or medication entry changes. Alerts kept before this
-- migration have no lines and no entries: they stay as they were (nothing is guessed).
alter table prescription_alert
    add column line_positions    integer[] not null default '{}',
    add column medication_id     uuid references medication (id),
    add column medication_name   text,
    add column allergy_id        uuid references allergy (id),
    add column allergy_substance text,
    add constraint prescription_alert_line_positions_check
        check (array_position(line_positions, null) is null and 0 < all (line_positions) and cardinality(line_positions) <= 200),
    add constraint prescription_alert_medication_named_check check ((medication_id is null) = (medication_name is null)),
    add constraint prescription_alert_allergy_named_check check ((allergy_id is null) = (allergy_substance is null));
