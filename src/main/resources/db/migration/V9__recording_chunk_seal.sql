-- The server's seal on each recording chunk (HMAC-SHA256 with a key the database does not hold, see ChainSeal):
-- the hash chain alone can be recomputed by anyone who can write here. Null on chunks stored before seals existed,
-- which therefore no longer verify as intact.
alter table recording_chunk add column seal bytea;
