-- Where a recording stops and starts again while its session goes on. "paused": the last chunk a server wrote when it
-- shut down in order (everything it had was stored). "after_gap": the first chunk written after a server that held
-- this recording stopped without pausing it (killed, or its database away at shutdown): what was relayed in between
-- is not in the recording, and verification says so. Both are covered by the chunk's seal when set.
alter table recording_chunk add column paused boolean not null default false;
alter table recording_chunk add column after_gap boolean not null default false;
