-- Keeps where a job came from, written before the job is published, as request-locations.lua is: the job's events do
-- not carry it. The fields are those the job has: client_id (a client_id job's client; none for a job on an access
-- token), schedule_id and trigger (a scheduled run's). HSET of the same values, so writing it twice changes nothing;
-- the key expires as the job's others do (each apply extends it: apply-event.lua's KEYS[18]).
-- KEYS: 1 origin (hash). ARGV: 1 ttl seconds, 2.. field, value, field, value, ...
for i = 2, #ARGV - 1, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 0
