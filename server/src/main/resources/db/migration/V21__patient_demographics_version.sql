-- Demographics kept by reception (issue 12, decision 0036): blood group and preferred
-- language are edited with the version the editor started from, like every chart entry, so
-- two front-desk workstations never overwrite each other silently.
alter table patient
    add column demographics_version    integer not null default 1 check (demographics_version >= 1),
    add column demographics_updated_by uuid references staff_user (id),
    add column demographics_updated_at timestamptz;

