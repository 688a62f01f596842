-- One permit request against the project-wide token bucket, atomically, on Redis's clock.
-- KEYS[1] hash {tokens, ts}: the bucket level (negative = tokens already promised to waiting callers)
-- KEYS[2] sorted set: waiting callers -> the Redis time (ms) their promised token matures
-- KEYS[3] hash: permits granted per second, a ring of 120 slots (t<slot> = the epoch second, c<slot> = its count)
-- KEYS[4] hash: permits granted per minute, a ring of 64 slots, the same fields (epoch minutes)
-- All four share one hash tag: Redis Cluster runs a script only on keys of one slot.
-- ARGV: capacity, refill rate (tokens per ms), caller key, redeem window (ms), quota window (ms)
-- Returns {granted (1|0), wait_ms, level (string), waiting callers}
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local caller = ARGV[3]
local redeem_window = tonumber(ARGV[4])
local window = tonumber(ARGV[5])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate)
  ts = now
end

-- A promise not redeemed within the redeem window is forfeited. Its token is not given back: it counts
-- as spent at its maturity, which keeps the rolling-window bound simple (see README).
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - redeem_window))

local granted = 0
local wait = 0
local promised = redis.call('ZSCORE', KEYS[2], caller)
if promised then
  promised = tonumber(promised)
  if promised <= now then
    redis.call('ZREM', KEYS[2], caller)
    granted = 1
  else
    wait = promised - now
  end
elseif tokens >= 1 then
  tokens = tokens - 1
  granted = 1
else
  -- Reserve the next token for this caller: first come, first served, one place per caller, so a
  -- caller that asks faster than it is told to gains nothing.
  tokens = tokens - 1
  wait = math.ceil(-tokens / rate)
  redis.call('ZADD', KEYS[2], now + wait, caller)
end

redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
if granted == 1 then
  -- One permit = one Google call: recorded for GET /admin/quota (permit-history.lua reads the rings). A slot
  -- still holding an earlier lap's time starts again from 0, so the rings never grow.
  local function count(key, slot, stamp)
    if tonumber(redis.call('HGET', key, 't' .. slot)) == stamp then
      redis.call('HINCRBY', key, 'c' .. slot, 1)
    else
      redis.call('HSET', key, 't' .. slot, tostring(stamp), 'c' .. slot, '1')
    end
    -- Longer than either ring spans (2 and 64 minutes): an idle system leaves nothing behind.
    redis.call('EXPIRE', key, 7200)
  end
  local second = math.floor(now / 1000)
  local minute = math.floor(now / 60000)
  count(KEYS[3], second % 120, second)
  count(KEYS[4], minute % 64, minute)
end
-- Idle keys expire only once the bucket would be full again anyway, so a fresh bucket is no bigger burst.
local ttl = math.ceil((capacity - tokens) / rate) + window
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return {granted, wait, tostring(tokens), redis.call('ZCARD', KEYS[2])}
