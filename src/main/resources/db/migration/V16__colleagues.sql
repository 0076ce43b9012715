-- More than two in a session (issue 16): a staff member's team, invitations to join or take over a session, and the
-- colleagues in a session beside its owner (advisors who joined, supervisors who stepped in).

-- The team a staff member belongs to ("Claims"), from the token's `team` claim; invitations may go to a team.
alter table advisor add column team varchar(64);
create index advisor_team_idx on advisor (lower(team)) where team is not null;

-- An invitation from a session's owner to one advisor (invitee_id) or to the first of a team who accepts (team).
-- kind JOIN: the invitee joins beside the owner; TRANSFER: the one who accepts becomes the owner.
create table session_invitation (
    id          uuid primary key,
    session_id  uuid         not null references cobrowse_session (id) on delete cascade,
    kind        varchar(16)  not null check (kind in ('JOIN', 'TRANSFER')),
    invited_by  uuid         not null references advisor (id),
    invitee_id  uuid references advisor (id),
    team        varchar(64),
    note        varchar(280),
    status      varchar(16)  not null check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    answered_by uuid references advisor (id),
    answered_at timestamptz,
    check ((invitee_id is null) <> (team is null))
);
create index session_invitation_session_idx on session_invitation (session_id, created_at desc);
create index session_invitation_invitee_idx on session_invitation (invitee_id) where status = 'PENDING';
create index session_invitation_team_idx on session_invitation (lower(team)) where status = 'PENDING';

-- Who is in a session beside its owner: ADVISOR (joined on an invitation, or the owner before a transfer) or
-- SUPERVISOR (a supervisor who stepped in from watching). The relay admits them as advisors.
create table session_colleague (
    session_id uuid        not null references cobrowse_session (id) on delete cascade,
    staff_id   uuid        not null references advisor (id),
    seat       varchar(16) not null check (seat in ('ADVISOR', 'SUPERVISOR')),
    since      timestamptz not null,
    primary key (session_id, staff_id)
);

-- Invitations, joins, transfers and step-ins are audited.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('REPLAY', 'EXPORT', 'ERASURE', 'PURGE', 'WATCH', 'BRANDING', 'SITE_ADDED', 'SITE_REMOVED',
                      'INVITE', 'WITHDRAW', 'JOIN', 'TRANSFER', 'STEP_IN', 'STEP_OUT'));

-- Every advisor's time in a session (its owner's, colleagues', stepped-in supervisors'): seconds connected, added by
-- the relay's counter batches; the touchpoint lists them.
create table touchpoint_advisor (
    session_id uuid    not null references cobrowse_session (id) on delete cascade,
    staff_id   uuid    not null references advisor (id),
    seconds    integer not null default 0,
    primary key (session_id, staff_id)
);
