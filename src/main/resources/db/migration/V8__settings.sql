-- Product settings an admin changes at run time (GET/PUT /api/admin/settings); a missing row means the configured
-- default. One row per setting, the value as text, who changed it and when.
create table setting (
    name        text primary key,
    value       text not null,
    updated_by  text not null,
    updated_at  timestamptz not null
);
