-- Keeps where a job came from (a scheduled run's schedule_id and trigger), written before the job is published, as
-- request-locations.lua is: the job's events do not carry it. HSET of the same values, so writing it twice changes
-- nothing; the key expires as the job's others do (each apply extends it: apply-event.lua's KEYS[18]).
-- KEYS: 1 origin (hash: schedule_id, trigger). ARGV: 1 ttl seconds, 2 schedule id, 3 trigger.
redis.call('HSET', KEYS[1], 'schedule_id', ARGV[2], 'trigger', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 0
