-- Reads everything a job's status is derived from, in one consistent snapshot, and the status itself
-- (job_status() of job-status.lua, put in front of this script).
-- KEYS: as apply-event.lua. Returns {meta, spawned, done, dead, retries, accounts, locations, reviews, duplicates,
-- reviews new, reviews updated, reviews unchanged, reviews deleted, locations done by batches, incomplete,
-- requested locations not listed (so far), status, origin (schedule_id and trigger of a scheduled run, else empty)}.
return {
  redis.call('HGETALL', KEYS[1]),
  redis.call('SMEMBERS', KEYS[2]),
  redis.call('SMEMBERS', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('SMEMBERS', KEYS[5]),
  redis.call('HVALS', KEYS[6]),
  redis.call('HVALS', KEYS[7]),
  redis.call('HVALS', KEYS[8]),
  redis.call('HVALS', KEYS[9]),
  redis.call('HVALS', KEYS[10]),
  redis.call('HVALS', KEYS[11]),
  redis.call('HVALS', KEYS[12]),
  redis.call('HVALS', KEYS[13]),
  redis.call('HVALS', KEYS[14]),
  redis.call('HGETALL', KEYS[15]),
  redis.call('SDIFF', KEYS[16], KEYS[17]),
  job_status(),
  redis.call('HGETALL', KEYS[18])
}
