-- Applies one job_event to a job's status, idempotently: every write is a set add, a first-write-wins
-- hash field or a min/max, so applying the same event twice (a redelivery, a second ingress pod, the
-- submitting pod and the consumer) leaves the same state as applying it once. Nothing is incremented.
--
-- KEYS: 1 meta (hash: submitted_at, started_at, updated_at in epoch ms, root: the task the submission spawned), 2 spawned (set of task ids),
--       3 done (set of task ids), 4 dead (hash task id -> reason), 5 retries (set of "task#attempt"),
--       6 accounts, 7 locations, 8 reviews, 9 duplicates, 10 reviews new, 11 reviews updated,
--       12 reviews unchanged, 13 reviews deleted, 14 locations done by batch tasks (hashes task id -> what that
--       task reported), 15 incomplete (hash location id -> "<created_at>:<expected>:<delivered>"),
--       16 requested (set of the location ids the job is narrowed to: request-locations.lua writes it),
--       17 listed (set of those location ids some listing page listed), 18 origin (hash: schedule_id, trigger of
--       a scheduled run: record-origin.lua writes it; only its expiry is this script's)
-- ARGV: 1 task id, 2 attempt, 3 outcome, 4 created_at (epoch ms), 5 accounts, 6 locations,
--       7 reviews delivered, 8 duplicates skipped, 9 reviews new, 10 reviews updated, 11 reviews unchanged,
--       12 reviews deleted, 13 locations done, 14 reason ('' for none), 15 incomplete location id ('' for none),
--       16 its expected count, 17 its delivered count, 18 ttl seconds, 19 n, the number of listed location ids,
--       20 .. 19 + n the listed location ids, 20 + n .. the spawned task ids
-- Each count ARGV[i] (5..13) goes to KEYS[i + 1].
local task, attempt, outcome = ARGV[1], ARGV[2], ARGV[3]
local at = tonumber(ARGV[4])

if outcome == 'submitted' then
  redis.call('HSETNX', KEYS[1], 'submitted_at', ARGV[4])
else
  local started = redis.call('HGET', KEYS[1], 'started_at')
  if not started or at < tonumber(started) then
    redis.call('HSET', KEYS[1], 'started_at', ARGV[4])
  end
end
local updated = redis.call('HGET', KEYS[1], 'updated_at')
if not updated or at > tonumber(updated) then
  redis.call('HSET', KEYS[1], 'updated_at', ARGV[4])
end

local listed = tonumber(ARGV[19])
for i = 20 + listed, #ARGV do
  redis.call('SADD', KEYS[2], ARGV[i])
end
-- The job's root task is the one its submission spawned (job-status.lua's rule reads it).
if outcome == 'submitted' and #ARGV >= 20 + listed then
  redis.call('HSETNX', KEYS[1], 'root', ARGV[20 + listed])
end

-- "<at>:<expected>:<delivered>" as three numbers, to compare reports.
local function report(value)
  local a, e, d = string.match(value, '^(%d+):(%d+):(%d+)$')
  return {tonumber(a), tonumber(e), tonumber(d)}
end

-- Whether report x comes after report y: the later created_at wins; on a tie, the larger counts, so that the
-- same reports applied in any order, once or again, leave the same one.
local function after(x, y)
  for i = 1, 3 do
    if x[i] ~= y[i] then
      return x[i] > y[i]
    end
  end
  return false
end

if outcome == 'done' then
  -- The first report of a task is the one counted: a re-run after a crash sees its own reviews as duplicates.
  if redis.call('SADD', KEYS[3], task) == 1 then
    for i = 5, 13 do
      if ARGV[i] ~= '0' then
        redis.call('HSET', KEYS[i + 1], task, ARGV[i])
      end
    end
  end
  -- An incomplete location keeps its latest report, whichever task made it (a recovery walk reports later).
  if ARGV[15] ~= '' then
    local value = ARGV[4] .. ':' .. ARGV[16] .. ':' .. ARGV[17]
    local kept = redis.call('HGET', KEYS[15], ARGV[15])
    if not kept or after(report(value), report(kept)) then
      redis.call('HSET', KEYS[15], ARGV[15], value)
    end
  end
  -- Whatever any report of a page listed was listed: a page run again on a changed list adds, never takes away.
  for i = 20, 19 + listed do
    redis.call('SADD', KEYS[17], ARGV[i])
  end
elseif outcome == 'dead_lettered' then
  redis.call('HSETNX', KEYS[4], task, ARGV[14])
elseif outcome == 'retry_scheduled' then
  redis.call('SADD', KEYS[5], task .. '#' .. attempt)
end

local ttl = tonumber(ARGV[18])
for i = 1, #KEYS do
  redis.call('EXPIRE', KEYS[i], ttl)
end

-- The first event that finishes the job marks it, once (finished_at is first-write-wins), and returns
-- {submitted_at, finished_at, status} so that exactly one apply, on one pod, records the job's duration.
-- Whether it is finished is job_status()'s to say (job-status.lua, put in front of this script). The submitted event
-- may be the one: it names the root, and a root other than accounts may have reported before it was applied.
if outcome == 'retry_scheduled' or redis.call('HEXISTS', KEYS[1], 'finished_at') == 1 then
  return 0
end
local status = job_status()
if not is_final(status) then
  return 0
end
local finished_at = redis.call('HGET', KEYS[1], 'updated_at')
redis.call('HSET', KEYS[1], 'finished_at', finished_at)
return {redis.call('HGET', KEYS[1], 'submitted_at') or '', finished_at, status}
