-- The CRM kept in step (issue 17, items 5 and 6): outbound webhooks through a transactional outbox, and a change
-- cursor on touchpoints for CRMs that pull.

-- One event: written in the transaction of the change that caused it (io.tandem.webhook.Outbox). body is the exact
-- JSON every delivery sends (and signs), so a retry sends the same bytes; id is the webhook-id receivers dedupe on.
create table webhook_event (
    id         uuid primary key,
    type       varchar(64) not null,
    body       text        not null,
    created_at timestamptz not null
);
create index webhook_event_created_idx on webhook_event (created_at);

-- A receiver registered by an admin. secret is the Standard Webhooks signing secret (whsec_ + base64); event_types
-- lists the wire names it subscribes to, comma-separated (touchpoint.completed,feedback.received).
create table webhook_endpoint (
    id          uuid primary key,
    url         varchar(2048) not null,
    description varchar(200),
    secret      varchar(120)  not null,
    event_types varchar(400)  not null,
    enabled     boolean       not null,
    created_at  timestamptz   not null,
    created_by  uuid references advisor (id),
    updated_at  timestamptz   not null
);

-- One event for one endpoint: PENDING until a 2xx (DELIVERED) or until a failure after its retry window (DEAD, the
-- dead letters an admin may redeliver: back to PENDING with a fresh window). A worker claims a due row for one attempt
-- (claim_token, claimed_until) with FOR UPDATE SKIP LOCKED; a claim whose worker died lapses at claimed_until.
create table webhook_delivery (
    id                uuid primary key,
    event_id          uuid         not null references webhook_event (id) on delete cascade,
    endpoint_id       uuid         not null references webhook_endpoint (id) on delete cascade,
    status            varchar(16)  not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts          integer      not null default 0,
    next_attempt_at   timestamptz  not null,
    window_started_at timestamptz  not null,
    claim_token       uuid,
    claimed_until     timestamptz,
    last_attempt_at   timestamptz,
    last_status       integer,
    last_error        varchar(300),
    created_at        timestamptz  not null,
    finished_at       timestamptz,
    unique (event_id, endpoint_id)
);
create index webhook_delivery_due_idx on webhook_delivery (endpoint_id, next_attempt_at) where status = 'PENDING';
create index webhook_delivery_list_idx on webhook_delivery (endpoint_id, status, created_at desc);

-- The pull cursor (GET /api/touchpoints?after=): each completion or feedback of a touchpoint stamps it with the id of
-- its writing transaction and a sequence number. Readers only see rows whose transaction id is below the oldest
-- transaction still running (pg_snapshot_xmin), so a transaction committing late can never land behind a cursor
-- already handed out (docs/protocol.md, "Pulling touchpoints").
create sequence touchpoint_change_seq;
alter table touchpoint add column change_xid xid8, add column change_seq bigint;
update touchpoint t set change_xid = pg_current_xact_id(), change_seq = o.n
from (select id, row_number() over (order by completed_at, id) as n from touchpoint where completed_at is not null) o
where t.id = o.id;
select setval('touchpoint_change_seq', coalesce((select max(change_seq) from touchpoint), 0) + 1, false);
-- Every insert is stamped too (the demo seeder's completed touchpoints, a touchpoint opened at a session's start);
-- completion and feedback stamp again explicitly (TouchpointRepository).
alter table touchpoint alter column change_xid set default pg_current_xact_id(),
    alter column change_seq set default nextval('touchpoint_change_seq');
create index touchpoint_change_idx on touchpoint (change_xid, change_seq) where completed_at is not null;
