-- A visitor on the firm's site asks for help: tandem.js shows a 6-digit code, an advisor types it in the console,
-- which opens a session for that visitor; the visitor's page then gets the consent step.
create table help_request (
    id               uuid primary key,
    code             char(6)     not null,
    poll_token_hash  bytea       not null unique,
    status           varchar(16) not null check (status in ('WAITING', 'CLAIMED', 'DELIVERED', 'EXPIRED')),
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    session_id       uuid references cobrowse_session (id),
    claimed_at       timestamptz
);
-- A code is unique among requests still waiting for an advisor.
create unique index help_request_waiting_code_key on help_request (code) where status = 'WAITING';
