-- Admits one job against every window in KEYS, or against none: each window is a sorted set of the jobs it admitted
-- in the last ARGV[1] milliseconds, scored by their time (Redis's clock, the same for every pod).
-- ARGV[1] the window in ms, ARGV[2] a member unique to this job, ARGV[2 + i] the limit of KEYS[i].
-- Answers {0, 0} when admitted (the job is then in every window), else {i, ms until KEYS[i] frees a slot}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[2 + i])
  local count = redis.call('ZCARD', key)
  if count >= limit then
    -- Below the limit again once the (count - limit + 1) oldest have left: the last of them decides.
    local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    return {i, tonumber(entry[2]) + window - now}
  end
end
-- Only now, so that a job refused by one window takes no slot in another.
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return {0, 0}
