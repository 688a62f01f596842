-- The permits token-bucket.lua recorded, read on Redis's clock. Reads only: no refill is written.
-- KEYS[1] hash {tokens, ts}: the bucket
-- KEYS[2] hash: permits per second, a ring of 120 slots (t<slot> = the epoch second, c<slot> = its count)
-- KEYS[3] hash: permits per minute, a ring of 64 slots, the same fields (epoch minutes)
-- ARGV: capacity, refill rate (tokens per ms)
-- Returns {now_ms, permits in the last 60 whole seconds (the current one included), level (string),
--          the first epoch minute, {permits in that minute and each of the 59 after it, up to the current one}}
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])

-- A slot counts only when it holds the time asked for: an older lap's count is stale, not zero.
local function counted(key, slot, stamp)
  local fields = redis.call('HMGET', key, 't' .. slot, 'c' .. slot)
  if tonumber(fields[1]) == stamp then
    return tonumber(fields[2]) or 0
  end
  return 0
end

local second = math.floor(now / 1000)
local last_60s = 0
for s = second - 59, second do
  last_60s = last_60s + counted(KEYS[2], s % 120, s)
end

local minute = math.floor(now / 60000)
local first = minute - 59
local per_minute = {}
for m = first, minute do
  per_minute[#per_minute + 1] = counted(KEYS[3], m % 64, m)
end

-- The level as the bucket script would see it now: the same refill, computed and not stored.
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
elseif now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate)
end

return {now, last_60s, tostring(tokens), first, per_minute}
