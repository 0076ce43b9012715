-- Audit log of supervisors' and admins' reads and erasures (replays, exports, live watching, erasures, retention
-- purges). Rows are
-- only ever inserted; they name people by staff id and display name at the time, sessions and customers by id.
create table audit_event (
    id          uuid primary key,
    at          timestamptz  not null,
    action      varchar(16)  not null check (action in ('REPLAY', 'EXPORT', 'ERASURE', 'PURGE', 'WATCH')),
    actor_id    uuid references advisor (id),
    actor_name  varchar(255),
    session_id  uuid,
    customer_id uuid,
    detail      varchar(2000)
);
create index audit_event_at_idx on audit_event (at desc);
create index audit_event_session_idx on audit_event (session_id, at desc) where session_id is not null;

-- When a customer's personal data was erased (GDPR): the row stays for the touchpoints that hang from it.
alter table customer add column erased_at timestamptz;
