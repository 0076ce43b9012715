-- Session recordings: the relay's stream (already masked in the customer's browser) in compressed chunks, each
-- holding the SHA-256 of its content and of the previous chunk, so a changed, missing or reordered chunk shows.
create table recording_chunk (
    session_id     uuid        not null,
    seq            integer     not null,
    created_at     timestamptz not null,
    first_at       timestamptz not null,
    last_at        timestamptz not null,
    frames         integer     not null,
    dropped        integer     not null default 0,
    final          boolean     not null default false,
    content        bytea       not null,
    content_sha256 bytea       not null,
    prev_sha256    bytea       not null,
    primary key (session_id, seq)
);
