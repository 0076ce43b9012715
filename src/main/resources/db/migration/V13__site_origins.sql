-- Site origins an admin added at run time (/api/admin/sites), over the configured tandem.site.origins: pages from
-- these origins may open relay and signaling sockets and call tandem.js's public endpoints across origins.
create table site_origin (
    origin    varchar(255) primary key,
    added_by  varchar(255) not null,
    added_at  timestamptz  not null
);

-- Adding and removing a site origin is audited.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('REPLAY', 'EXPORT', 'ERASURE', 'PURGE', 'WATCH', 'BRANDING', 'SITE_ADDED', 'SITE_REMOVED'));
