-- Whether a chunk holds something a supervisor can replay (a page's snapshot or a document opened), so "Replay" is
-- offered only for sessions that have one. Chunks stored before this column keep being offered, as they were.
alter table recording_chunk add column replayable boolean not null default true;
alter table recording_chunk alter column replayable set default false;
