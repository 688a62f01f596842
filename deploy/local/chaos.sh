#!/usr/bin/env bash
# Chaos run: several jobs over a data set of >= 50,000 reviews while the emulator injects 500/503s and
# latency, every CHAOS_INTERVAL seconds a random service process (two replicas of each worker) is killed
# with kill -9 and restarted, and once each the Kafka broker, Redis and PostgreSQL are restarted. Also once each:
# the service key the workers present to token-service is rotated (token-service takes the old and the new key,
# the workers restart one by one on the new key, token-service drops the old one); retry-service is rebalanced (one
# replica stopped, then started again); and two locations that answered 404 NOT_FOUND since the start are healed
# and their dead letters replayed through retry-service's API while the other faults go on.
#
#   deploy/local/chaos.sh     (about 6 minutes at QUOTA_QPM=300; run it with nohup when commands are time-limited)
#
# At the end it reads reviews-raw completely and compares the set of review ids of each job with the
# emulator's truth, and writes deploy/local/reports/chaos-<UTC time>.md (+ .csv, .png): lost reviews
# (bound: 0), duplicates (counted), the most Google calls in any 60 s window (bound: <= QUOTA_QPM), 429s
# (bound: 0), every job final (bound), and the timeline of what was killed when. Exit 1 when a bound is missed.
# The stack is left running (REPLICAS=2, faults cleared); `stack.sh down` stops it.
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ARGS="$*"
# shellcheck source=deploy/local/lib/bench-common.sh
. "$LOCAL_DIR/lib/bench-common.sh"

export REPLICAS=2 QUOTA_QPM="${QUOTA_QPM:-300}"
export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-3}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-25}"
export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-700}"
unset EMULATOR_QUOTA_QPM
INTERVAL="${CHAOS_INTERVAL:-8}"        # seconds between kills (after the killed process is ready again)
KAFKA_AT="${CHAOS_KAFKA_AT:-40}"       # seconds after the jobs were submitted
REDIS_AT="${CHAOS_REDIS_AT:-100}"
POSTGRES_AT="${CHAOS_POSTGRES_AT:-160}"
ROTATE_AT="${CHAOS_ROTATE_AT:-60}"
RETRY_REBALANCE_AT="${CHAOS_RETRY_REBALANCE_AT:-130}"
REPLAY_AT="${CHAOS_REPLAY_AT:-90}"    # before the jobs can end: the healed locations are part of them
CHAOS_SECONDS="${CHAOS_SECONDS:-240}"  # kills happen in this span; then the jobs are left to finish
MAX_SECONDS="${CHAOS_MAX_SECONDS:-1800}"
FAULTS="${CHAOS_FAULTS:-}"
[ -n "$FAULTS" ] || FAULTS='{"errorRates": {"500": 0.02, "503": 0.02}, "latency": {"fixedMs": 20, "randomMs": 80}}'
# the processes to kill: every service instance but the emulator (it is Google, and it keeps the score)
VICTIMS=(token-service ingress-api account-worker account-worker-1 location-worker location-worker-1
  review-worker review-worker-1 retry-service retry-service-1)

[ "${SKIP_BUILD:-}" = 1 ] || build
need kcat kcat
report_begin chaos "Chaos run: kill -9 under load, $QUOTA_QPM queries per minute"
restart_stack
curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
curl -sf "$GOOGLE/emulator/truth" > "$REPORT_BASE-truth.json"
# Two verified locations answer 404 until the replay: their pages are dead-lettered as permanent, then replayed.
MISSING=$(python3 -c "
import json
t = json.load(open('$REPORT_BASE-truth.json'))
print(json.dumps([l['name'] for l in t['locations'] if l['verified'] and l['totalReviewCount'] > 0][:2]))")
with_missing=$(python3 -c "import json, sys; f = json.loads(sys.argv[1]); f['notFoundLocations'] = json.loads(sys.argv[2]); print(json.dumps(f))" "$FAULTS" "$MISSING")
curl -sf -X PUT -H 'Content-Type: application/json' "$GOOGLE/emulator/faults" -d "$with_missing" >/dev/null
out "Configuration: \`$(stack_env)\`; $(truth_totals fetchableReviews) fetchable reviews in $(truth_totals locations) locations."
out "Emulator faults (\`PUT /emulator/faults\`): \`$FAULTS\`. A kill every $INTERVAL s (after the previous victim is"
out "ready again) among: ${VICTIMS[*]}; the broker at ${KAFKA_AT} s, Redis at ${REDIS_AT} s, PostgreSQL at ${POSTGRES_AT} s;"
out "the service key rotated at ${ROTATE_AT} s, retry-service rebalanced at ${RETRY_REBALANCE_AT} s; \`$MISSING\` answer 404 until"
out "${REPLAY_AT} s, when they are healed and every dead letter of the jobs is replayed (the other faults go on)."
out

# One job per account (a location listed by two accounts belongs to both jobs), submitted at once.
token=$(emulator_token)
JOBS="$REPORT_BASE-jobs.txt"
: > "$JOBS"
: > "$REPORT_BASE-ids.txt"
accounts=$(python3 -c "import json; print(' '.join(a['name'].split('/')[-1] for a in json.load(open('$REPORT_BASE-truth.json'))['accounts']))")
naccounts=$(wc -w <<< "$accounts")
bench_py sample --out "$REPORT_BASE.csv" --jobs-file "$REPORT_BASE-ids.txt" --expect-jobs "$naccounts" \
  --final-json "$REPORT_BASE-jobs.json" --max-seconds "$MAX_SECONDS" --linger 1 &
sampler=$!
sleep 1
for account in $accounts; do
  job=$(submit_job "$token" "{\"account_ids\": [\"$account\"]}")
  echo "$job $account" >> "$JOBS"
  echo "$job" >> "$REPORT_BASE-ids.txt"
done
T0=$(now_ms)
echo "submitted $naccounts jobs (one per account); chaos begins"

TIMELINE="$REPORT_BASE-timeline.csv"
echo "t_s,event,target,detail" > "$TIMELINE"
event() { # event <what> <target> [detail]
  local t
  t=$(calc "round(($(now_ms) - $T0) / 1000, 1)")
  echo "$t,$1,$2,${3:-}" >> "$TIMELINE"
  printf '%7s s  %-10s %-18s %s\n' "$t" "$1" "$2" "${3:-}"
}
elapsed() { echo $((($(now_ms) - T0) / 1000)); }
module_of() { sed -E 's/-[0-9]+$//' <<< "$1"; }
restart_module() { # stack.sh up <module> starts whatever instance of it is not running and waits for it
  local t=$SECONDS
  if "$STACK" up "$1" >> "$REPORT_BASE-stack.log" 2>&1; then event ready "$1" "restarted, ready after $((SECONDS - t)) s"
  else event not-ready "$1" "stack.sh up failed after $((SECONDS - t)) s (see ${REPORT_BASE#"$ROOT/"}-stack.log)"; fi
}
stop_gracefully() { # stop_gracefully <pid file> <port>
  local pid
  pid=$(cat "$1")
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$1"
}
restart_kafka() {
  event restart kafka "SIGTERM to the broker, then stack.sh up infra"
  stop_gracefully "$PIDS/kafka.pid"
  "$STACK" up infra >> "$REPORT_BASE-stack.log" 2>&1 && event up kafka "broker listening again"
}
restart_redis() {
  event restart redis "SIGTERM (AOF flushed), then stack.sh up infra"
  stop_gracefully "$PIDS/redis.pid"
  "$STACK" up infra >> "$REPORT_BASE-stack.log" 2>&1 && event up redis "listening again"
}
restart_gracefully() { # restart_gracefully <instance>: SIGTERM, then stack.sh up its module (a rebalance each way)
  stop_gracefully "$PIDS/$1.pid"
  "$STACK" up "$(module_of "$1")" >> "$REPORT_BASE-stack.log" 2>&1 || event not-ready "$1" "stack.sh up failed"
}
# The rotation an operator runs: token-service takes both keys, each worker moves to the new one, the old one goes.
rotate_service_key() {
  local old=$SERVICE_API_KEY new
  new=$(openssl rand -hex 24)
  event rotate service-key "token-service takes the old and the new key"
  export TOKEN_SERVICE_PERMIT_KEYS="$old,$new"
  restart_gracefully token-service
  export SERVICE_API_KEY=$new
  for worker in account-worker account-worker-1 location-worker location-worker-1 review-worker review-worker-1; do
    restart_gracefully "$worker"
  done
  export TOKEN_SERVICE_PERMIT_KEYS=$new
  restart_gracefully token-service
  event rotated service-key "every worker on the new key; token-service refuses the old one"
}
rebalance_retry_service() {
  event rebalance retry-service "SIGTERM to retry-service-1, then started again"
  restart_gracefully retry-service-1
  event rebalanced retry-service "two replicas again"
}
REPLAYED=0
replay_dead_letters() {
  curl -sf -X PUT -H 'Content-Type: application/json' "$GOOGLE/emulator/faults" -d "$FAULTS" >/dev/null
  local job n
  for job in $(cut -d' ' -f1 "$JOBS"); do
    n=$(curl -sf -X POST -H "X-API-Key: $ADMIN_API_KEY" -H 'Content-Type: application/json' \
      "http://127.0.0.1:8085/api/v1/dlq/replay" -d "{\"job_id\": \"$job\"}" | json "d['replayed']") || n=0
    REPLAYED=$((REPLAYED + n))
  done
  event replay dead-letters "404s healed; $REPLAYED dead letters replayed, other faults on"
}
restart_postgres() {
  local cluster
  cluster=$(cat "$LOCAL_DIR/run/postgres.started-by-stack" 2>/dev/null || pg_lsclusters --no-header | awk '$3 == 5432 {print $1, $2; exit}')
  event restart postgres "pg_ctlcluster $cluster restart"
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster restart && event up postgres "accepting connections again"
}

kafka_done=0 redis_done=0 postgres_done=0 rotate_done=0 rebalance_done=0 replay_done=0 kills=0
while kill -0 $sampler 2>/dev/null && [ "$(elapsed)" -lt "$CHAOS_SECONDS" ]; do
  if [ $rotate_done = 0 ] && [ "$(elapsed)" -ge "$ROTATE_AT" ]; then rotate_service_key; rotate_done=1; continue; fi
  if [ $replay_done = 0 ] && [ "$(elapsed)" -ge "$REPLAY_AT" ]; then replay_dead_letters; replay_done=1; continue; fi
  if [ $rebalance_done = 0 ] && [ "$(elapsed)" -ge "$RETRY_REBALANCE_AT" ]; then rebalance_retry_service; rebalance_done=1; continue; fi
  if [ $kafka_done = 0 ] && [ "$(elapsed)" -ge "$KAFKA_AT" ]; then restart_kafka; kafka_done=1; continue; fi
  if [ $redis_done = 0 ] && [ "$(elapsed)" -ge "$REDIS_AT" ]; then restart_redis; redis_done=1; continue; fi
  if [ $postgres_done = 0 ] && [ "$(elapsed)" -ge "$POSTGRES_AT" ]; then restart_postgres; postgres_done=1; continue; fi
  victim=${VICTIMS[RANDOM % ${#VICTIMS[@]}]}
  if [ -f "$PIDS/$victim.pid" ] && kill -0 "$(cat "$PIDS/$victim.pid")" 2>/dev/null; then
    pid=$(cat "$PIDS/$victim.pid")
    kill -9 "$pid"
    kills=$((kills + 1))
    event kill-9 "$victim" "pid $pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    restart_module "$(module_of "$victim")"
  fi
  sleep "$INTERVAL"
done
event end chaos "$kills kills; waiting for the jobs"
"$STACK" up >> "$REPORT_BASE-stack.log" 2>&1 || true   # anything still down comes back for the end of the jobs
wait $sampler || true
event end jobs "every job final, or the sampler gave up"
curl -sf -X DELETE "$GOOGLE/emulator/faults" >/dev/null || true

# --- the verdict ------------------------------------------------------------------------------------------------
out "## Jobs"
out
out "| job | account | final state | reviews delivered | duplicates skipped | retries | dead-lettered |"
out "|---|---|---|---:|---:|---:|---:|"
python3 - "$REPORT_BASE-jobs.json" "$JOBS" <<'PY' | out_pipe
import json, sys
states = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    job, account = line.split()
    s = states.get(job) or {"status": "unknown", "counts": {}}
    c = s["counts"]
    print(f"| {job} | {account} | {s['status']} | {c.get('reviews_delivered')} | {c.get('duplicates_skipped')} | {c.get('retries')} | {c.get('dead_lettered')} |")
PY
nonfinal=$(python3 -c "
import json
s = json.load(open('$REPORT_BASE-jobs.json'))
print(sum(1 for v in s.values() if not v or v['status'] not in ('completed', 'completed_with_errors', 'failed')))")
out
out "## reviews-raw against the truth"
out
out "The whole topic read with kcat (\`kcat -C -t reviews-raw -o beginning -e\`), records kept by their value's job_id"
out "(the topic is keyed by location id);"
out "review ids compared with \`/emulator/truth\` (verified locations listed by the job's account)."
out
set +e
kcat -b 127.0.0.1:9092 -C -t reviews-raw -o beginning -e -q -f '%s\n' \
  | bench_py verify --truth "$REPORT_BASE-truth.json" --jobs "$JOBS" 2> "$REPORT_BASE-verify.txt" | out_pipe
set -e
lost=$(sed -n 's/.*LOST=\([0-9]*\).*/\1/p' "$REPORT_BASE-verify.txt")
dups=$(sed -n 's/.*DUPLICATES=\([0-9]*\).*/\1/p' "$REPORT_BASE-verify.txt")
extra=$(sed -n 's/.*EXTRA=\([0-9]*\).*/\1/p' "$REPORT_BASE-verify.txt")
# The review store, written by the review workers killed above, against the truth: every review once, at its latest.
store_check=$(python3 - "$REPORT_BASE-truth.json" "$INGRESS" "$INGRESS_API_KEY" <<'PY'
import json, sys, urllib.parse, urllib.request
truth, ingress, key = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
differing, rows = 0, 0

def micros(instant):  # the store keeps microseconds; Google's times may carry more digits
    seconds, _, fraction = instant.rstrip("Z").partition(".")
    return seconds, (fraction + "000000")[:6]

for location in truth["locations"]:
    if not location["verified"]:
        continue
    location_id = location["name"].split("/")[-1]
    stored, cursor = {}, None
    while True:
        query = {"location_id": location_id, "limit": 500}
        if cursor:
            query["cursor"] = cursor
        request = urllib.request.Request(f"{ingress}/api/v1/reviews?{urllib.parse.urlencode(query)}", headers={"X-API-Key": key})
        page = json.load(urllib.request.urlopen(request, timeout=30))
        for review in page["reviews"]:
            rows += 1
            stored[review["review_id"]] = stored.get(review["review_id"], 0) + 1
            stored[review["review_id"] + "@"] = review["update_time"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    expected = {r["reviewId"]: r["updateTime"] for r in location["reviews"]}
    ids = {k for k in stored if not k.endswith("@")}
    same = ids == set(expected) and all(stored[i] == 1 for i in ids) and all(
        micros(stored[i + "@"]) == micros(expected[i]) for i in ids)
    differing += 0 if same else 1
print(f"differing={differing} rows={rows}")
PY
) || store_check="differing=unknown rows=unknown"
figures=$(bench_py quota "$REPORT_BASE.csv" --qpm "$QUOTA_QPM" --plot-data "$REPORT_BASE-plot.dat")
fig() { sed -n "s/^$1=//p" <<< "$figures"; }
stats=$(curl -sf "$GOOGLE/emulator/stats")
out
out "## Quota"
out
out "| figure | value |"
out "|---|---:|"
out "| Google calls | $(fig google_calls) |"
out "| most calls in any 60 s window (emulator, exact) | **$(fig peak60_emulator)** (quota $QUOTA_QPM) |"
out "| most calls in any 60 s window (1 s series) | $(fig peak60_series) |"
out "| 429s (all / quota rejections / injected) | $(json "d['tooManyRequests']" <<< "$stats") / $(json "d['quotaRejections']" <<< "$stats") / $(json "d['injected429s']" <<< "$stats") |"
out "| injected 500 / 503 answers | $(json "sum(v.get('500', 0) for v in d['endpoints'].values())" <<< "$stats") / $(json "sum(v.get('503', 0) for v in d['endpoints'].values())" <<< "$stats") |"
out
out "## Bounds"
out
bound "reviews lost (truth minus reviews-raw, all jobs)" "${lost:-unknown}" "== 0"
bound "review ids on reviews-raw that are not in the truth" "${extra:-unknown}" "== 0"
out "- duplicates on reviews-raw (records beyond one per review id): **${dups:-unknown}** (counted, no bound)"
bound "most calls in any 60 s window (emulator)" "$(fig peak60_emulator)" "<= $QUOTA_QPM"
bound "quota 429s answered by the emulator" "$(json "d['quotaRejections']" <<< "$stats")" "== 0"
bound "jobs not in a final state" "$nonfinal" "== 0"
bound "locations whose review store copy differs from the truth (ids, once each, update_time; $(sed -n 's/.*rows=//p' <<< "$store_check") rows read)" \
  "$(sed -n 's/differing=\([^ ]*\).*/\1/p' <<< "$store_check")" "== 0"
bound "Kafka, Redis and PostgreSQL each restarted once during the jobs" "$((kafka_done + redis_done + postgres_done))" "== 3"
bound "services killed with kill -9" "$kills" ">= 5"
bound "service key rotated, retry-service rebalanced, dead letters replayed under faults" \
  "$((rotate_done + rebalance_done + replay_done))" "== 3"
bound "dead letters replayed (the 404 locations' pages, at least)" "$REPLAYED" ">= 2"
out
out "## Timeline"
out
out "Seconds since the jobs were submitted."
out
out "| t (s) | event | target | detail |"
out "|---:|---|---|---|"
tail -n +2 "$TIMELINE" | awk -F, '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' | out_pipe
out
t0_offset=$(python3 -c "
import csv
rows = list(csv.DictReader(open('$REPORT_BASE.csv')))
calls = [float(r['calls']) for r in rows]
first = next((i for i in range(1, len(rows)) if calls[i] > calls[0]), 1)
print(float(rows[first - 1]['epoch']) - $T0 / 1000)")
awk -F, -v off="$t0_offset" 'NR > 1 && $2 == "kill-9" {print $1 - off, 0}' "$TIMELINE" > "$REPORT_BASE-kills.dat"
awk -F, -v off="$t0_offset" 'NR > 1 && $2 == "restart" {print $1 - off, 0, $3}' "$TIMELINE" > "$REPORT_BASE-infra.dat"
plot "$REPORT_BASE.png" "set title 'Chaos: Google calls per second under kill -9 (x marks) and infrastructure restarts (labels)'
set xlabel 'seconds since the first call'; set ylabel 'calls/s'; set y2label 'calls in the last 60 s'
set ytics nomirror; set y2tics; set yrange [0:*]; set y2range [0:$((QUOTA_QPM * 13 / 10))]; set key bottom right
plot '$REPORT_BASE-plot.dat' using 1:2 with steps lc rgb '#4477aa' title 'calls/s', \
     '' using 1:3 axes x1y2 with lines lw 2 lc rgb '#228833' title 'calls in the last 60 s', \
     $QUOTA_QPM axes x1y2 with lines dt 3 lc rgb '#cc3311' title 'quota', \
     '$REPORT_BASE-kills.dat' using 1:2 with points pt 2 ps 2 lc rgb '#cc3311' title 'kill -9', \
     '$REPORT_BASE-infra.dat' using 1:(1):3 with labels rotate left offset 0,1 point pt 7 lc rgb '#000000' title 'restart'"
report_end
[ "$BOUND_FAILURES" = 0 ]
