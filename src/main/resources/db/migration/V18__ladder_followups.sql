-- The relationship, not just the session (issue 17): the loyalty ladder and closing the feedback loop.

-- Every customer stands on one rung of the loyalty ladder (shared/DOMAIN.md): prospect → customer → client →
-- supporter → advocate. The free-text `segment` stays what it always was, the CRM's own label ("key account",
-- "retail"); it no longer stands in for the ladder. A segment that names a rung seeds it once, here; every other
-- customer with a completed touchpoint that sent a quote, explained a policy or resolved something starts as a
-- customer, the rest as prospects.
alter table customer add column rung varchar(16) not null default 'PROSPECT'
    check (rung in ('PROSPECT', 'CUSTOMER', 'CLIENT', 'SUPPORTER', 'ADVOCATE'));
alter table customer add column rung_since timestamptz;
update customer set rung = upper(trim(segment))
    where lower(trim(segment)) in ('prospect', 'customer', 'client', 'supporter', 'advocate');
update customer c set rung = 'CUSTOMER' where rung = 'PROSPECT' and exists (select 1 from touchpoint t
    where t.customer_id = c.id and t.completed_at is not null
      and t.outcome in ('QUOTE_SENT', 'POLICY_EXPLAINED', 'RESOLVED'));
update customer set rung_since = created_at;
-- rows written by SQL outside the application (the demo seed) start on the ladder when they are written
alter table customer alter column rung_since set default now();
alter table customer alter column rung_since set not null;
create index customer_rung_idx on customer (rung);

-- Every move on the ladder: from, to, when, and why. kind RULE: a ladder rule (rule_name, with the session whose
-- completion or rating triggered it); STAFF: set by hand by changed_by with a reason; START: the rung this migration
-- gave an existing customer.
create table ladder_change (
    id          uuid primary key,
    customer_id uuid         not null references customer (id) on delete cascade,
    from_rung   varchar(16)  not null,
    to_rung     varchar(16)  not null,
    kind        varchar(16)  not null check (kind in ('RULE', 'STAFF', 'START')),
    rule_name   varchar(120),
    changed_by  uuid references advisor (id),
    reason      varchar(500),
    session_id  uuid references cobrowse_session (id) on delete set null,
    changed_at  timestamptz  not null,
    check (from_rung <> to_rung),
    check ((kind = 'RULE') = (rule_name is not null)),
    check ((kind = 'STAFF') = (changed_by is not null))
);
create index ladder_change_customer_idx on ladder_change (customer_id, changed_at desc);
create index ladder_change_at_idx on ladder_change (changed_at);
insert into ladder_change (id, customer_id, from_rung, to_rung, kind, reason, changed_at)
    select gen_random_uuid(), id, 'PROSPECT', rung, 'START',
           'Placed on the ladder when it was introduced', now()
    from customer where rung <> 'PROSPECT';

-- A follow-up task: a detractor's rating (DETRACTOR) or a session ending "follow-up needed" (FOLLOW_UP) or
-- "escalated" (ESCALATED) opens one for the customer's account manager, else the session's advisor, due some days
-- later; it is closed with a note. One per session and reason: a rating changed within its window opens no second.
create table follow_up (
    id          uuid primary key,
    customer_id uuid          not null references customer (id) on delete cascade,
    session_id  uuid          not null references cobrowse_session (id) on delete cascade,
    reason      varchar(16)   not null check (reason in ('DETRACTOR', 'FOLLOW_UP', 'ESCALATED')),
    score       smallint,
    assignee_id uuid          not null references advisor (id),
    opened_at   timestamptz   not null,
    due_at      timestamptz   not null,
    closed_at   timestamptz,
    closed_by   uuid references advisor (id),
    note        varchar(2000),
    unique (session_id, reason),
    check ((closed_at is null) = (closed_by is null))
);
create index follow_up_open_idx on follow_up (assignee_id, due_at) where closed_at is null;
create index follow_up_customer_idx on follow_up (customer_id, opened_at desc);
create index follow_up_opened_idx on follow_up (opened_at);

-- The account manager (issue 17, item 4): a help request from a page whose site names the signed-in customer
-- (tandem.js's data-tandem-customer, the CRM id) waits for that customer's account manager first: until routed_until
-- only they can take its code.
alter table help_request add column customer_id uuid references customer (id) on delete set null;
alter table help_request add column routed_to uuid references advisor (id);
alter table help_request add column routed_until timestamptz;
create index help_request_routed_idx on help_request (routed_to) where status = 'WAITING';
