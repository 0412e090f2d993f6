-- Indexes for the dashboard over a whole year of a large clinic (issue 14 benchmark,
-- docs/decisions/0045-dashboard-year-queries.md). Each is partial or covers only what a
-- panel reads, and none is touched when an appointment is booked (a new booking has no
-- call time, is not completed and has no invoice), so the front desk pays nothing for them.

-- Visit times: waiting (check-in to called) and consultation (called to completed) read only
-- visits that were called in, with their times: an index-only scan instead of a heap visit per
-- appointment of the year.
create index appointment_called_report_idx on appointment (starts_at)
    include (id, status, doctor_id, location_id, checked_in_at, called_at) where called_at is not null;

-- New vs returning: "has this patient a completed visit before the period?" answered from the
-- index alone, one probe per patient seen.
create index appointment_patient_completed_idx on appointment (patient_id, starts_at) where status = 'COMPLETED';

-- Outstanding ageing: the issued invoices up to a day with what the ageing needs, without
-- reading the (wide) invoice rows.
create index invoice_owing_report_idx on invoice (issue_date)
    include (id, due_date, total_minor, appointment_id) where kind = 'INVOICE' and status = 'ISSUED';
