-- Issue 12, problems (decision 0032): one active problem per ICD-10-CM code and patient.
-- The database settles two doctors adding the same diagnosis at once: one wins, the other
-- is told it is already on the list.
create unique index problem_active_code_key on problem (patient_id, icd10_code)
    where status = 'ACTIVE' and icd10_code is not null;

