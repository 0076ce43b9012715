-- Foundation schema: staff, customers, co-browsing sessions and their touchpoints.
-- All timestamps come from the application clock (never now()), so expiry is testable and consistent across nodes.

create table advisor (
    id            uuid primary key,
    subject       varchar(255) not null unique,
    username      varchar(255),
    display_name  varchar(255),
    email         varchar(320),
    roles         varchar(255) not null default '',
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);

create table customer (
    id                  uuid primary key,
    name                varchar(200) not null,
    email               varchar(320),
    phone               varchar(40),
    external_crm_id     varchar(100),
    segment             varchar(60),
    assigned_advisor_id uuid references advisor (id),
    created_at          timestamptz  not null
);
create unique index customer_external_crm_id_key on customer (external_crm_id) where external_crm_id is not null;
create index customer_name_idx on customer (lower(name));
create index customer_email_idx on customer (lower(email));

create table cobrowse_session (
    id                  uuid primary key,
    advisor_id          uuid         not null references advisor (id),
    customer_id         uuid         not null references customer (id),
    purpose             varchar(500),
    status              varchar(16)  not null
        check (status in ('CREATED', 'WAITING', 'ACTIVE', 'ENDED', 'EXPIRED')),
    created_at          timestamptz  not null,
    started_at          timestamptz,
    ended_at            timestamptz,
    outcome             varchar(32)
        check (outcome in ('RESOLVED', 'POLICY_EXPLAINED', 'QUOTE_SENT', 'FOLLOW_UP', 'ESCALATED', 'NO_SHOW')),
    notes               varchar(4000),
    -- join link token: only its SHA-256 is stored
    join_token_hash     bytea        not null unique,
    join_code           char(6)      not null,
    join_expires_at     timestamptz  not null,
    join_redeemed_at    timestamptz,
    -- consent step: a short ticket between redemption and consent, stored hashed
    consent_ticket_hash bytea unique,
    consent_expires_at  timestamptz,
    consent_declined_at timestamptz,
    version             integer      not null default 0
);
-- A code is unique among sessions that can still be joined with it.
create unique index session_open_code_key on cobrowse_session (join_code) where status = 'CREATED';
create index session_code_lookup_idx on cobrowse_session (join_code, created_at desc);
create index session_advisor_idx on cobrowse_session (advisor_id, created_at desc);
create index session_customer_idx on cobrowse_session (customer_id, created_at desc);
create index session_status_idx on cobrowse_session (status) where status in ('CREATED', 'WAITING', 'ACTIVE');

create table touchpoint (
    id                  uuid primary key,
    session_id          uuid         not null unique references cobrowse_session (id),
    customer_id         uuid         not null references customer (id),
    advisor_id          uuid         not null references advisor (id),
    channel             varchar(16)  not null default 'COBROWSE' check (channel in ('COBROWSE')),
    occurred_at         timestamptz  not null,
    started_at          timestamptz,
    ended_at            timestamptz,
    duration_seconds    integer,
    outcome             varchar(32),
    pages_visited       integer      not null default 0,
    annotations         integer      not null default 0,
    control_grants      integer      not null default 0,
    video_seconds       integer      not null default 0,
    feedback_score      smallint check (feedback_score between 0 and 10),
    feedback_comment    varchar(2000),
    feedback_at         timestamptz,
    created_at          timestamptz  not null,
    completed_at        timestamptz
);
create index touchpoint_customer_timeline_idx on touchpoint (customer_id, occurred_at desc);
