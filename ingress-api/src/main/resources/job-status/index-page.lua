-- Reads a job index (index-job.lua writes it) newest first from a position, in one round trip: the ids at the
-- position's own time, all of them (jobs submitted in the same millisecond; which of them come after the position's
-- id is Java's to say, as Lua compares strings by the locale), and the next ARGV[3] entries strictly older, down to
-- the oldest time a listing shows.
-- KEYS: 1 the index. ARGV: 1 the position's time (epoch ms), or '+inf' to start at the newest, 2 the oldest time shown
-- (epoch ms), 3 how many older entries.
-- Returns {ids at the position's time (none at the start), {id, time, id, time, ...} newest first}.
local ties = {}
local below = '+inf'
if ARGV[1] ~= '+inf' then
  ties = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[1], 'BYSCORE')
  below = '(' .. ARGV[1]
end
return {ties, redis.call('ZRANGE', KEYS[1], below, ARGV[2], 'BYSCORE', 'REV', 'LIMIT', 0, tonumber(ARGV[3]), 'WITHSCORES')}
