-- Batches of counters (touchpoint activity, document viewing) the relay has written: a batch whose write seemed to
-- fail (the database went away, or the answer was lost after the commit) is written again under the same id, and the
-- id found here makes that a no-op, so every counter is stored exactly once. Rows are forgotten after a week.
create table counter_batch (
    id uuid primary key,
    written_at timestamptz not null default now()
);
create index counter_batch_written_at on counter_batch (written_at);
