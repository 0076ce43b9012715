-- Active time of a session: while the customer and an advisor were both connected (counted by the relay).
alter table touchpoint add column active_seconds integer not null default 0;
