-- The chart summary reads one patient's open encounter and newest valid vitals on every
-- opening (issue 12, decision 0029); these partial indexes keep both a short index walk for
-- a patient with 1,000 encounters and 3,000 vitals sets.
create index encounter_open_idx on encounter (patient_id, started_at desc) where status = 'OPEN';
create index vital_signs_final_idx on vital_signs (patient_id, measured_at desc) where status = 'FINAL';
-- "Who looked at this chart" pages newest first with a stable order.
create index chart_access_log_patient_order_idx on chart_access_log (patient_id, at desc, id desc);
-- The chart-wide history pages newest first with a stable order.
create index chart_entry_history_patient_order_idx on chart_entry_history (patient_id, changed_at desc, id desc);
