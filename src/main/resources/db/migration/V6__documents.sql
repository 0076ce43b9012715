-- Policy documents: a library of PDF and HTML documents with kept versions, documents shared in sessions, the
-- customer's sign-offs, and which versions and pages were viewed in a session (its touchpoint).

create table document (
    id           uuid primary key,
    title        varchar(200) not null,
    product_line varchar(100) not null,
    -- a customer-specific document uploaded for one session; null for the library
    session_id   uuid references cobrowse_session (id),
    created_by   uuid         not null references advisor (id),
    created_at   timestamptz  not null
);
create index document_title_idx on document (lower(title));
create index document_product_line_idx on document (lower(product_line));
create index document_session_idx on document (session_id) where session_id is not null;

create table document_version (
    id            uuid primary key,
    document_id   uuid         not null references document (id),
    number        integer      not null,
    version_label varchar(50)  not null,
    language      varchar(16)  not null,
    content_type  varchar(32)  not null check (content_type in ('application/pdf', 'text/html')),
    size_bytes    integer      not null,
    -- SHA-256 of the stored content (for HTML: the sanitised document, which is what everyone sees)
    sha256        bytea        not null,
    pages         integer,
    uploaded_by   uuid         not null references advisor (id),
    created_at    timestamptz  not null,
    unique (document_id, number),
    unique (document_id, sha256)
);
create index document_version_sha_idx on document_version (sha256);

-- Content apart from the metadata, so lists never touch it.
create table document_content (
    version_id uuid primary key references document_version (id),
    content    bytea not null
);

-- A document version the advisor opened in a session: what the session's customer may read while it is live.
create table session_document (
    session_id uuid        not null references cobrowse_session (id),
    version_id uuid        not null references document_version (id),
    shared_by  uuid        not null references advisor (id),
    shared_at  timestamptz not null,
    primary key (session_id, version_id)
);

-- The customer's "I have read clause X", with the hash of the version they read.
create table document_acknowledgement (
    id         uuid primary key,
    session_id uuid         not null references cobrowse_session (id),
    version_id uuid         not null references document_version (id),
    clause     varchar(200) not null,
    name       varchar(200) not null,
    sha256     bytea        not null,
    at         timestamptz  not null
);
create index document_acknowledgement_session_idx on document_acknowledgement (session_id, at);

-- Touchpoint: per session and version, time on screen and the pages shown (written in batches by the relay, which
-- takes version ids from the advisor's doc.open unchecked: no foreign key, so a bogus id cannot block a batch; reads
-- show only versions that were shared in the session).
create table document_viewing (
    session_id uuid        not null,
    version_id uuid        not null,
    seconds    bigint      not null default 0,
    pages      integer[]   not null default '{}',
    first_at   timestamptz not null,
    last_at    timestamptz not null,
    primary key (session_id, version_id)
);
