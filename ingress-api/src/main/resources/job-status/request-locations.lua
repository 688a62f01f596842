-- Keeps the location ids a job is narrowed to (its submission's location_ids), written before the job is published:
-- the completion rule (job-status.lua) compares them with those its listing pages listed (apply-event.lua). Set adds
-- only, so writing them twice changes nothing; the key expires as the job's others do (each apply extends it).
-- KEYS: 1 requested (set of location ids; apply-event.lua's KEYS[16]). ARGV: 1 ttl seconds, 2.. location ids.
for i = 2, #ARGV do
  redis.call('SADD', KEYS[1], ARGV[i])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 0
