-- One token bucket per key, refilled smoothly: the same rule as webhookkit's in-memory
-- RateLimiter, kept in Redis so that every instance takes from the same bucket.
-- KEYS[1] bucket (hash: tokens, ts)
-- ARGV[1] permits per period, ARGV[2] period in microseconds,
-- ARGV[3] now in microseconds since the epoch, or '' to use the Redis server's clock
-- Returns {1, 0} when a permit was taken, {0, microseconds until one is available} otherwise.
local permits = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local perPermit = period / permits
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = permits
  ts = now
end
if now > ts then
  tokens = math.min(permits, tokens + (now - ts) / perPermit)
  ts = now
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  -- the small allowance keeps float error (2.0000000001 µs) from adding a whole microsecond
  wait = math.ceil((1 - tokens) * perPermit - 0.001)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.0f', ts))
-- An idle bucket is full again after one period: a missing key means the same.
redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000) + 1000)
return {allowed, wait}
