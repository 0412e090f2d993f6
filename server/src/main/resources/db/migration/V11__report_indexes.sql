-- Indexes the dashboard's queries rely on (decision 0027). Reports scan a period of
-- appointments, payments or sign-ins for the whole clinic; the existing indexes lead with a
-- doctor, location or patient, so a clinic-wide year would otherwise read the whole table.

-- Appointments in a period, clinic-wide: the per-day/week counts, attendance, utilisation,
-- visit times and new-vs-returning read only these columns (index-only scans after VACUUM).
create index appointment_starts_report_idx on appointment (starts_at)
    include (status, doctor_id, location_id, patient_id, ends_at);

-- When a visit was completed: consultation length looks up one history row per completed visit.
create index appointment_history_completed_idx on appointment_history (appointment_id)
    include (occurred_at) where to_status = 'COMPLETED';

-- Payments received in a period (revenue panels).
create index payment_received_idx on payment (received_at) include (invoice_id, kind, method, amount_minor);
