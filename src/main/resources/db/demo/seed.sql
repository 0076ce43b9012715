-- Demo data for the demo profile only (tandem.demo.seed=true): staff matching the Keycloak realm's fixed user ids,
-- customers along the loyalty ladder, and finished sessions with touchpoints and feedback, relative to today.
insert into advisor (id, subject, username, display_name, email, roles, created_at, updated_at) values
  ('0d3e0000-0000-4000-8000-00000000a001', '7a3d0c1e-0001-4a00-8000-00000000a001', 'advisor1', 'Alice Archer',
   'alice.archer@tandem.example', 'advisor', now() - interval '90 days', now() - interval '90 days'),
  ('0d3e0000-0000-4000-8000-00000000a002', '7a3d0c1e-0002-4a00-8000-00000000a002', 'advisor2', 'Ben Baker',
   'ben.baker@tandem.example', 'advisor', now() - interval '90 days', now() - interval '90 days')
on conflict (subject) do nothing;

insert into customer (id, name, email, phone, external_crm_id, segment, assigned_advisor_id, created_at) values
  ('0d3e0000-0000-4000-8000-0000000c0001', 'Maria Rossi', 'maria.rossi@example.com', '+39 06 1234 5678', 'CRM-1001',
   'key account', '0d3e0000-0000-4000-8000-00000000a001', now() - interval '80 days'),
  ('0d3e0000-0000-4000-8000-0000000c0002', 'Jonas Weber', 'jonas.weber@example.com', '+49 30 1234 567', 'CRM-1002',
   'retail', '0d3e0000-0000-4000-8000-00000000a001', now() - interval '60 days'),
  ('0d3e0000-0000-4000-8000-0000000c0003', 'Aisha Khan', 'aisha.khan@example.com', '+44 20 7946 0101', 'CRM-1003',
   'premium', '0d3e0000-0000-4000-8000-00000000a002', now() - interval '40 days'),
  ('0d3e0000-0000-4000-8000-0000000c0004', 'Tom Novak', 'tom.novak@example.com', null, 'CRM-1004',
   'prospect', null, now() - interval '10 days');

-- (session id suffix, customer, advisor, days ago, minutes long, outcome, purpose, notes, score, comment, pages, annotations)
with demo (n, customer, advisor, days, minutes, outcome, purpose, notes, score, comment, pages, annotations) as (values
  (1, 'c0001', 'a001', 45, 22, 'POLICY_EXPLAINED', 'home policy review', 'Explained flood exclusion, clause 7.2', 9,
      'Very clear, thank you', 4, 6),
  (2, 'c0001', 'a001', 12, 15, 'QUOTE_SENT', 'contents cover upgrade', 'Quote for higher contents limit sent', 10,
      null, 3, 2),
  (3, 'c0002', 'a001', 30, 8, 'NO_SHOW', 'car policy renewal', null, null, null, 0, 0),
  (4, 'c0002', 'a001', 27, 18, 'FOLLOW_UP', 'car policy renewal', 'Wants to compare excess options; call Friday', 7,
      'Took a while to find the right page', 5, 3),
  (5, 'c0003', 'a002', 20, 35, 'ESCALATED', 'claim status', 'Claim stuck at assessor; escalated to claims team', 4,
      'Still waiting on my claim', 2, 1),
  (6, 'c0003', 'a002', 3, 12, 'RESOLVED', 'claim status', 'Claim approved, payment date confirmed', 8, null, 2, 0)
), s as (
  insert into cobrowse_session (id, advisor_id, customer_id, purpose, status, created_at, started_at, ended_at, outcome,
                                notes, join_token_hash, join_code, join_expires_at, join_redeemed_at)
  select ('0d3e0000-0000-4000-8000-0000005e000' || n)::uuid, ('0d3e0000-0000-4000-8000-00000000' || advisor)::uuid,
         ('0d3e0000-0000-4000-8000-0000000' || customer)::uuid, purpose, 'ENDED',
         now() - make_interval(days => days, mins => 5),
         case when outcome = 'NO_SHOW' then null else now() - make_interval(days => days) end,
         now() - make_interval(days => days) + make_interval(mins => minutes), outcome, notes,
         sha256(convert_to('demo-' || n, 'UTF8')), lpad((100000 + n)::text, 6, '0'),
         now() - make_interval(days => days) + interval '15 minutes',
         case when outcome = 'NO_SHOW' then null else now() - make_interval(days => days) end
  from demo
  returning id, customer_id, advisor_id, created_at, started_at, ended_at, outcome
)
insert into touchpoint (id, session_id, customer_id, advisor_id, channel, occurred_at, started_at, ended_at,
                        duration_seconds, outcome, pages_visited, annotations, control_grants, video_seconds,
                        feedback_score, feedback_comment, feedback_at, created_at, completed_at)
select gen_random_uuid(), s.id, s.customer_id, s.advisor_id, 'COBROWSE', coalesce(s.started_at, s.created_at),
       s.started_at, s.ended_at, coalesce(extract(epoch from (s.ended_at - s.started_at))::integer, 0), s.outcome,
       d.pages, d.annotations, case when d.pages > 3 then 1 else 0 end,
       case when s.started_at is null then 0 else d.minutes * 45 end,
       d.score, d.comment, case when d.score is null then null else s.ended_at + interval '1 minute' end,
       s.created_at, s.ended_at
from s join demo d on s.id = ('0d3e0000-0000-4000-8000-0000005e000' || d.n)::uuid;

-- The loyalty ladder as the demo's history tells it (the default rules, docs/protocol.md "Loyalty ladder"): Maria
-- climbed to supporter on a promoter's rating, Jonas is a customer, Aisha slipped from client after a detractor's
-- rating, Tom is still a prospect.
update customer set rung = v.rung, rung_since = now() - make_interval(days => v.days)
from (values ('c0001', 'SUPPORTER', 12), ('c0002', 'CUSTOMER', 30), ('c0003', 'CUSTOMER', 20))
    as v(customer, rung, days)
where id = ('0d3e0000-0000-4000-8000-0000000' || v.customer)::uuid;
insert into ladder_change (id, customer_id, from_rung, to_rung, kind, rule_name, changed_by, reason, session_id,
                           changed_at)
select gen_random_uuid(), ('0d3e0000-0000-4000-8000-0000000' || customer)::uuid, from_rung, to_rung, kind, rule,
       case when by_advisor is null then null else ('0d3e0000-0000-4000-8000-00000000' || by_advisor)::uuid end,
       reason, case when n is null then null else ('0d3e0000-0000-4000-8000-0000005e000' || n)::uuid end,
       now() - make_interval(days => days)
from (values
  ('c0001', 'PROSPECT', 'CUSTOMER', 'RULE', 'A quote sent or a policy explained makes a prospect a customer', null,
      null, 1, 45),
  ('c0001', 'CUSTOMER', 'CLIENT', 'STAFF', null, 'a001', 'Took out home and contents cover', null, 40),
  ('c0001', 'CLIENT', 'SUPPORTER', 'RULE', 'A promoter''s rating makes a client a supporter', null, null, 2, 12),
  ('c0002', 'PROSPECT', 'CUSTOMER', 'STAFF', null, 'a001', 'Car policy holder since 2019', null, 30),
  ('c0003', 'PROSPECT', 'CLIENT', 'STAFF', null, 'a002', 'Home, car and life policies with us', null, 40),
  ('c0003', 'CLIENT', 'CUSTOMER', 'RULE', 'A detractor''s rating slips the customer one rung', null, null, 5, 20)
) as v(customer, from_rung, to_rung, kind, rule, by_advisor, reason, n, days)
on conflict do nothing;

-- Follow-ups: Jonas's "follow-up needed" went to his account manager and was closed; Aisha's detractor rating opened
-- one for hers that is overdue.
insert into follow_up (id, customer_id, session_id, reason, score, assignee_id, opened_at, due_at, closed_at,
                       closed_by, note)
values
  (gen_random_uuid(), '0d3e0000-0000-4000-8000-0000000c0002', '0d3e0000-0000-4000-8000-0000005e0004', 'FOLLOW_UP',
   null, '0d3e0000-0000-4000-8000-00000000a001', now() - interval '27 days', now() - interval '24 days',
   now() - interval '25 days', '0d3e0000-0000-4000-8000-00000000a001',
   'Called Jonas: compared the two excess options, he chose the lower premium.'),
  (gen_random_uuid(), '0d3e0000-0000-4000-8000-0000000c0003', '0d3e0000-0000-4000-8000-0000005e0005', 'DETRACTOR',
   4, '0d3e0000-0000-4000-8000-00000000a002', now() - interval '20 days', now() - interval '17 days', null, null,
   null)
on conflict do nothing;
