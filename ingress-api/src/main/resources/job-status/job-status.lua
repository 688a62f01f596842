-- The completion rule, the only place it is written. JobStatusStore puts this file in front of
-- apply-event.lua (which marks the job finished, once, for its duration metric) and read-status.lua (which
-- answers the status); Java only reads the result.
--
-- A task is finished when it is done or dead-lettered; a dead-lettered task later done counts as done.
-- The root task is the one the submission spawned (meta's root, written by apply-event.lua with the submitted event):
-- accounts (the first page of accounts) for a fetch job, review-change:<review> for a review Google notified. Until the
-- submitted event is applied it is taken to be accounts, which a job of the other kind never reports done: such a job
-- stays running until then, never completes early.
--   failed                 the root task is dead-lettered; a later page (accounts:p2, ...) dead-lettered is an
--                          error like any other task's
--   completed              the root and every task any event spawned are finished, none dead-lettered, no
--                          location left incomplete, and every location the job is narrowed to listed
--   completed_with_errors  the same, with dead letters (of any task, also one never spawned: review:<id>),
--                          incomplete locations (reviews knowingly missing are never completed) or requested
--                          locations no listing page listed (nothing was fetched for them)
--   running                a worker reported something (started_at is set)
--   queued                 only the submission is known
-- A task's children become known only when it reports done, but it is then itself a spawned, unfinished
-- task, so events arriving out of order cannot complete a job early.
-- KEYS as apply-event.lua: 1 meta, 2 spawned, 3 done, 4 dead, 15 incomplete, 16 requested, 17 listed.
local function job_status()
  local function done(t)
    return redis.call('SISMEMBER', KEYS[3], t) == 1
  end
  local function dead_lettered(t)
    return redis.call('HEXISTS', KEYS[4], t) == 1
  end
  local root = redis.call('HGET', KEYS[1], 'root') or 'accounts'
  if dead_lettered(root) and not done(root) then
    return 'failed'
  end
  -- Not failed, so the root is finished only when done. Cheap test next: fewer finished reports than
  -- spawned tasks means not finished, whatever they are.
  local complete = done(root)
    and redis.call('SCARD', KEYS[3]) + redis.call('HLEN', KEYS[4]) >= redis.call('SCARD', KEYS[2])
  if complete then
    for _, t in ipairs(redis.call('SDIFF', KEYS[2], KEYS[3])) do
      if not dead_lettered(t) then
        complete = false
        break
      end
    end
  end
  if complete then
    for _, t in ipairs(redis.call('HKEYS', KEYS[4])) do
      if not done(t) then
        return 'completed_with_errors'
      end
    end
    if redis.call('EXISTS', KEYS[15]) == 1 then
      return 'completed_with_errors'
    end
    if #redis.call('SDIFF', KEYS[16], KEYS[17]) > 0 then
      return 'completed_with_errors'
    end
    return 'completed'
  end
  if redis.call('HEXISTS', KEYS[1], 'started_at') == 1 then
    return 'running'
  end
  return 'queued'
end

local function is_final(status)
  return status == 'completed' or status == 'completed_with_errors' or status == 'failed'
end
