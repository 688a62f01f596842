-- Applies one job_event to a job's status, idempotently: every write is a set add, a first-write-wins
-- hash field or a min/max, so applying the same event twice (a redelivery, a second ingress pod, the
-- submitting pod and the consumer) leaves the same state as applying it once. Nothing is incremented.
--
-- KEYS: 1 meta (hash: submitted_at, started_at, updated_at in epoch ms), 2 spawned (set of task ids),
--       3 done (set of task ids), 4 dead (hash task id -> reason), 5 retries (set of "task#attempt"),
--       6 accounts, 7 locations, 8 reviews, 9 duplicates (hashes task id -> what that task reported)
-- ARGV: 1 task id, 2 attempt, 3 outcome, 4 created_at (epoch ms), 5 accounts, 6 locations,
--       7 reviews delivered, 8 duplicates skipped, 9 reason ('' for none), 10 ttl seconds, 11.. spawned task ids
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

for i = 11, #ARGV do
  redis.call('SADD', KEYS[2], ARGV[i])
end

if outcome == 'done' then
  -- The first report of a task is the one counted: a re-run after a crash sees its own reviews as duplicates.
  if redis.call('SADD', KEYS[3], task) == 1 then
    local counts = {ARGV[5], ARGV[6], ARGV[7], ARGV[8]}
    for i = 1, 4 do
      if counts[i] ~= '0' then
        redis.call('HSET', KEYS[5 + i], task, counts[i])
      end
    end
  end
elseif outcome == 'dead_lettered' then
  redis.call('HSETNX', KEYS[4], task, ARGV[9])
elseif outcome == 'retry_scheduled' then
  redis.call('SADD', KEYS[5], task .. '#' .. attempt)
end

local ttl = tonumber(ARGV[10])
for i = 1, #KEYS do
  redis.call('EXPIRE', KEYS[i], ttl)
end

-- The first event that finishes the job marks it, once (finished_at is first-write-wins), and returns
-- {submitted_at, finished_at, status} so that exactly one apply, on one pod, records the job's duration.
-- Whether it is finished is job_status()'s to say (job-status.lua, put in front of this script).
if (outcome ~= 'done' and outcome ~= 'dead_lettered') or redis.call('HEXISTS', KEYS[1], 'finished_at') == 1 then
  return 0
end
local status = job_status()
if not is_final(status) then
  return 0
end
local finished_at = redis.call('HGET', KEYS[1], 'updated_at')
redis.call('HSET', KEYS[1], 'finished_at', finished_at)
return {redis.call('HGET', KEYS[1], 'submitted_at') or '', finished_at, status}
