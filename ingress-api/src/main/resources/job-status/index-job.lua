-- Adds a job to one job index (JobIndex): a sorted set of job ids by submitted time (epoch ms), all jobs' or one
-- client's, written before the job is published. One key a call: the indexes are not the job's ({job_id}-tagged) keys
-- and lie in slots of their own on Redis Cluster, so each is written by a call of its own. ZADD NX keeps the first
-- time, so a job published twice (a scheduled run claimed again) keeps its place and a listing's cursor stays valid.
-- Entries older than the retention go at each write, and the key expires a retention after its last write: an index
-- holds at most the jobs of one retention.
-- KEYS: 1 the index. ARGV: 1 submitted time (epoch ms), 2 job id, 3 oldest time kept (epoch ms), 4 ttl seconds.
redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 0
