-- Remote control on the touchpoint: requests to control the stage page and actions relayed under a grant (grants
-- and annotations already had columns).
alter table touchpoint add column control_requests integer not null default 0;
alter table touchpoint add column control_actions integer not null default 0;
