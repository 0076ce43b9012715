-- The firm's branding an admin sets at run time (/api/admin/branding): one row, absent until the first change. A null
-- name or colour means the configured default (tandem.site.name, #163a63); the logo is kept as checked (an SVG
-- sanitised), with its content type and a hash that versions its public URL.
create table branding (
    id          smallint primary key default 1 check (id = 1),
    name        text,
    colour      text,
    logo        bytea,
    logo_type   text,
    logo_sha    text,
    updated_by  text not null,
    updated_at  timestamptz not null
);

-- Branding changes are audited.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('REPLAY', 'EXPORT', 'ERASURE', 'PURGE', 'WATCH', 'BRANDING'));
