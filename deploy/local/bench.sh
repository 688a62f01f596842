#!/usr/bin/env bash
# Benchmarks that print their figures (not tests) and write them, with the machine's description, to
# deploy/local/reports/<mode>-<UTC time>.md (git-ignored), beside the raw .csv data and .png plots.
#
#   deploy/local/bench.sh quota      REPLICAS=3, QUOTA_QPM=300, a backlog of several jobs lasting > 5 minutes:
#                                    Google calls/s against the quota line, most calls in any 60 s window
#                                    (bound: <= quota), mean utilization (aim: the bucket's pacing, 96 %), 429s (bound: 0)
#   deploy/local/bench.sh latency    one job of a 200-location business at Google's real latency, QUOTA_QPM=300:
#                                    REPLICAS=1 with 250-750 ms, then REPLICAS=2 with 1-2 s (LATENCY_RUNS): calls in
#                                    each full minute after the first (bound: >= 95 % of the quota), most calls in
#                                    any 60 s window (bound: <= quota)
#   deploy/local/bench.sh ingress    wrk at 50 connections against POST /api/v1/review-fetch (wraps
#                                    ingress-api/bench/submit.sh): accepted/s, p50/p99/max latency, beside the broker's
#                                    own acks=all producer rate in the same run; each process's CPU, ingress-api's profile
#   deploy/local/bench.sh pipeline   quota lifted, emulator at zero latency, >= 200,000 reviews: one job's reviews/s
#                                    end to end and per stage, with REPLICAS 1 and then 2 side by side (PIPELINE_REPLICAS="1 2"),
#                                    beside the broker's rate for records of reviews-raw's size; each process's CPU and
#                                    the profiles of PROFILE_INSTANCES (review-worker ingress-api token-service) at REPLICAS=1
#   deploy/local/bench.sh permits    token-service permits/s and latency, quota lifted; then at QUOTA_QPM=300
#                                    (how fast a denial answers)
#   deploy/local/bench.sh startup    each service alone (infrastructure up): ms from launch to ready, the
#                                    "started in" Quarkus logs, resident memory idle 5 s later (JVM mode); bounds:
#                                    <= 1.5 s and <= 150 MiB on a warm start
#   deploy/local/bench.sh freshness  a 200-location business at QUOTA_QPM=300: Google calls of a full run (and what
#                                    verifying its walks costs beyond the pages, bound: <= 2 %), of an incremental run
#                                    over the unchanged business (review calls per location, bound: <= 0.05), and of a
#                                    full run with Google's missing-reviews defect at 2 % (every review delivered)
#   deploy/local/bench.sh fairness   a full job of a 400-location business (a backlog of several minutes) at QUOTA_QPM=300 and
#                                    Google's real latency, then one-location jobs of other customers 5 s apart: each
#                                    small job's seconds to final (bound: <= 30), the big job's reviews (bound: all), the
#                                    emptiest full minute after the first (bound: >= 95 % of the quota), most in 60 s
#   deploy/local/bench.sh notifications  the demo business with Google's review notifications on (the emulator pushes as
#                                    Pub/Sub would), reviews written and edited at NOTIFY_RATE a second (2) for
#                                    NOTIFY_SECONDS (60) across 100 locations: change to reviews-raw p50/p99 (bound: p99
#                                    <= 5 s), Google calls per change (bound: <= 1), beside an incremental run's calls and
#                                    what polling costs for the 15-minute schedule's freshness and for the same freshness
#   deploy/local/bench.sh all        all of the above (about 60 minutes: run it with nohup)
#
# Every mode restarts the local stack with the configuration it needs and leaves it running;
# `stack.sh down` stops it. Exit status 1 when a figure misses its bound.
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ARGS="$*"
# shellcheck source=deploy/local/lib/bench-common.sh
. "$LOCAL_DIR/lib/bench-common.sh"
FAILED_MODES=()

run_mode() { # run_mode <mode>: in a subshell (errexit stays on inside it: it is not part of an || list)
  set +e
  ( set -e; "$1"; [ ${#FAILED_MODES[@]} = 0 ] )
  local status=$?
  set -e
  [ $status = 0 ] || FAILED_MODES+=("$1")
}

finish_mode() { # records a mode whose bounds failed
  report_end
  [ "$BOUND_FAILURES" = 0 ] || FAILED_MODES+=("$1")
}

# --- quota ----------------------------------------------------------------------------------------------------
quota() {
  export REPLICAS="${REPLICAS:-3}" QUOTA_QPM="${QUOTA_QPM:-300}"
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-3}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-40}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-250}"
  unset EMULATOR_QUOTA_QPM  # the emulator enforces the same quota: a call over it would answer 429
  local minutes="${QUOTA_MINUTES:-6}"
  report_begin quota "Quota benchmark: $QUOTA_QPM queries per minute, REPLICAS=$REPLICAS"
  restart_stack
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
  local per_job jobs token i pacing
  per_job=$(calls_per_job)
  pacing=$(calc "$(bucket_pacing_pct) / 100")
  # enough jobs for a backlog of $minutes minutes at the bucket's pacing
  jobs=$(calc "max(2, -(-int($minutes * $QUOTA_QPM * $pacing) // $per_job))")
  out "Configuration: \`$(stack_env)\`; $jobs full jobs submitted at once, each about $per_job Google calls"
  out "($(truth_totals fetchableReviews) fetchable reviews in $(truth_totals locations) locations), so a backlog of about" \
    "$(calc "round($jobs * $per_job / ($QUOTA_QPM * $pacing), 1)") minutes. Sampled once a second from \`/emulator/stats\`."
  out
  token=$(emulator_token)
  : > "$REPORT_BASE-jobs.txt"
  bench_py sample --out "$REPORT_BASE.csv" --jobs-file "$REPORT_BASE-jobs.txt" --expect-jobs "$jobs" \
    --final-json "$REPORT_BASE-jobs.json" --max-seconds 3000 &
  local sampler=$!
  sleep 2
  for ((i = 0; i < jobs; i++)); do submit_job "$token" >> "$REPORT_BASE-jobs.txt"; done
  echo "submitted $jobs jobs; sampling until every one is final (progress: tail -f $REPORT_BASE.csv)"
  wait $sampler
  local figures
  figures=$(bench_py quota "$REPORT_BASE.csv" --qpm "$QUOTA_QPM" --ramp "${QUOTA_RAMP:-60}" --plot-data "$REPORT_BASE-plot.dat")
  fig() { sed -n "s/^$1=//p" <<< "$figures"; }
  out "| figure | value |"
  out "|---|---:|"
  out "| jobs final | $(fig jobs_final) ($(python3 -c "import json; print(', '.join(sorted({v['status'] for v in json.load(open('$REPORT_BASE-jobs.json')).values()})))")) |"
  out "| reviews delivered | $(fig reviews_delivered) |"
  out "| Google calls | $(fig google_calls) |"
  out "| backlog (first call to last job final) | $(fig backlog_seconds) s |"
  out "| full 60 s windows from the first call | $(fig full_windows) ($(fig per_window) calls): $(fig mean_utilization_all_pct) % of $QUOTA_QPM/min |"
  out "| steady state: full 60 s windows after the first ${QUOTA_RAMP:-60} s (fan-out ramp) while the backlog lasts | $(fig steady_windows) ($(fig steady_per_window) calls) |"
  out "| **mean utilization in the steady state** | **$(fig mean_utilization_pct) %** of $QUOTA_QPM/min (the bucket's design maximum: $(bucket_pacing_pct) %) |"
  out "| most calls in any 60 s window (emulator, exact) | **$(fig peak60_emulator)** |"
  out "| most calls in any 60 s window (1 s series) | $(fig peak60_series) (window starting at $(fig peak60_series_at_s) s) |"
  out "| 429s from the emulator (tooManyRequests / quotaRejections) | **$(fig too_many_requests)** / $(fig quota_rejections) |"
  out
  bound "backlog length (s)" "$(fig backlog_seconds)" ">= 300"
  bound "most calls in any 60 s window (emulator)" "$(fig peak60_emulator)" "<= $QUOTA_QPM"
  bound "most calls in any 60 s window (series)" "$(fig peak60_series)" "<= $QUOTA_QPM"
  bound "429s answered by the emulator" "$(fig too_many_requests)" "== 0"
  # The aim is what the bucket is built to give a backlog (its refill rate), rounded down.
  bound "mean utilization % in the steady state (aim)" "$(fig mean_utilization_pct)" ">= $(calc "int($(bucket_pacing_pct))")"
  out
  plot_calls "$REPORT_BASE.png" "$REPORT_BASE-plot.dat" "Google calls per second, $REPLICAS replicas, quota $QUOTA_QPM/min"
  finish_mode quota
}

# plot_calls <png> <plot data of bench.py quota> <title>: calls/s and calls in the last 60 s against the quota
plot_calls() {
  plot "$1" "set title '$3'
set xlabel 'seconds since the first call'; set ylabel 'calls/s'; set y2label 'calls in the last 60 s'
set ytics nomirror; set y2tics; set yrange [0:*]; set y2range [0:$((QUOTA_QPM * 13 / 10))]; set key bottom right
plot '$2' using 1:2 with steps lw 1 lc rgb '#4477aa' title 'calls/s (1 s samples)', \
     '' using 1:4 with lines lw 2 dt 2 lc rgb '#cc3311' title 'quota/60 = $(calc "round($QUOTA_QPM/60, 2)")/s', \
     '' using 1:3 axes x1y2 with lines lw 2 lc rgb '#228833' title 'calls in the last 60 s', \
     $QUOTA_QPM axes x1y2 with lines lw 1 dt 3 lc rgb '#cc3311' title 'quota $QUOTA_QPM per 60 s'"
}

# --- latency --------------------------------------------------------------------------------------------------
# Does one job fill the quota at Google's real speed? Its records are spread over partitions (by account and
# location id), each pod holds STAGE_IN_FLIGHT records and its call line serves the longest walk left first, so one job of 200 locations should use
# the whole bucket even when every call takes a second or two.
latency_run() { # latency_run <replicas> <fixed ms> <random ms>
  export REPLICAS=$1
  local base="$REPORT_BASE-r$1-latency$2" token job figures
  restart_stack
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null   # a reset also clears faults: latency after it
  curl -sf -X PUT -H 'Content-Type: application/json' "$GOOGLE/emulator/faults" \
    -d "{\"latency\": {\"fixedMs\": $2, \"randomMs\": $3}}" >/dev/null
  token=$(emulator_token)
  : > "$base-jobs.txt"
  bench_py sample --out "$base.csv" --jobs-file "$base-jobs.txt" --final-json "$base-jobs.json" --max-seconds 1800 &
  local sampler=$!
  sleep 2
  job=$(submit_job "$token")
  echo "$job" > "$base-jobs.txt"
  echo "REPLICAS=$1, latency $2-$(($2 + $3)) ms: job $job submitted"
  wait $sampler
  figures=$(bench_py quota "$base.csv" --qpm "$QUOTA_QPM" --ramp 60 --plot-data "$base-plot.dat")
  fig() { sed -n "s/^$1=//p" <<< "$figures"; }
  out "### REPLICAS=$1, Google latency $2-$(($2 + $3)) ms"
  out
  out "| figure | value |"
  out "|---|---:|"
  out "| job | $job ($(json "d['$job']['status']" < "$base-jobs.json")) |"
  out "| reviews delivered | $(fig reviews_delivered) |"
  out "| Google calls | $(fig google_calls) |"
  out "| first call to job final | $(fig backlog_seconds) s |"
  out "| calls in each full minute from the first call | $(fig per_window) |"
  out "| **calls in each full minute after the first** | **$(fig steady_per_window)** = $(fig steady_utilization_each_pct) % of $QUOTA_QPM (the bucket paces at $(bucket_pacing_pct) %) |"
  out "| most calls in any 60 s window (emulator, exact) | **$(fig peak60_emulator)** |"
  out "| 429s from the emulator (tooManyRequests / quotaRejections) | $(fig too_many_requests) / $(fig quota_rejections) |"
  out
  bound "full minutes after the first (REPLICAS=$1)" "$(fig steady_windows)" ">= 1"
  bound "calls in the emptiest full minute after the first, % of quota (REPLICAS=$1)" \
    "$(fig steady_min_utilization_pct)" ">= 95"
  bound "most calls in any 60 s window, emulator (REPLICAS=$1)" "$(fig peak60_emulator)" "<= $QUOTA_QPM"
  bound "429s answered by the emulator (REPLICAS=$1)" "$(fig too_many_requests)" "== 0"
  out
  plot_calls "$base.png" "$base-plot.dat" "One job, REPLICAS=$1, Google latency $2-$(($2 + $3)) ms, quota $QUOTA_QPM/min"
  out
  LATENCY_RESULTS+=("| $1 | $2-$(($2 + $3)) ms | $(fig steady_utilization_each_pct) | $(fig peak60_emulator) | $(fig too_many_requests) | $(fig backlog_seconds) s |")
}

latency() {
  export QUOTA_QPM=300
  unset EMULATOR_QUOTA_QPM  # the emulator enforces the same quota: a call over it would answer 429
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-4}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-50}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-200}"
  local saved_replicas="${REPLICAS:-}" run r fixed random
  LATENCY_RESULTS=()
  report_begin latency "Latency benchmark: one job against the quota at Google's real speed"
  out "Configuration: \`$(stack_env)\`; one full job for the whole business per run ($EMULATOR_ACCOUNTS accounts ×"
  out "$EMULATOR_LOCATIONS_PER_ACCOUNT locations, about $EMULATOR_REVIEWS_PER_LOCATION reviews each), Google's latency set with"
  out "\`PUT /emulator/faults {\"latency\": {\"fixedMs\", \"randomMs\"}}\`; \`/emulator/stats\` sampled once a second. Full minutes"
  out "are counted from the first call to the job's end; the first one is the fan-out from accounts to review pages."
  out
  # replicas:fixed ms:random ms
  for run in ${LATENCY_RUNS:-1:250:500 2:1000:1000}; do
    IFS=: read -r r fixed random <<< "$run"
    latency_run "$r" "$fixed" "$random"
  done
  out "Summary:"
  out
  out "| REPLICAS | Google latency | calls in each full minute after the first, % of quota | most in any 60 s | 429s | first call to job final |"
  out "|---:|---|---|---:|---:|---:|"
  local row
  for row in "${LATENCY_RESULTS[@]}"; do out "$row"; done
  if [ -n "$saved_replicas" ]; then export REPLICAS=$saved_replicas; else unset REPLICAS; fi
  finish_mode latency
}

# --- ingress ----------------------------------------------------------------------------------------------------
# The broker's own rate with our producers' guarantees (acks=all, idempotence, the same batching), for records of a
# given size, into a scratch topic with the same 6 partitions as our topics: Kafka's ProducerPerformance from the
# stack's jars. broker_limit <record bytes> <what they stand for>: sets BROKER_RECORDS_PER_S, reports the tool's summary.
broker_limit() {
  local topic=bench-broker-limit summary
  java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --if-not-exists \
    --topic "$topic" --partitions 6 --replication-factor 1 >/dev/null 2>&1
  summary=$(java -cp "$KAFKA_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
    --num-records "${BROKER_RECORDS:-200000}" --record-size "$1" --throughput -1 \
    --producer-props bootstrap.servers=127.0.0.1:9092 acks=all enable.idempotence=true linger.ms=2 batch.size=131072 \
    2>/dev/null | tail -1)
  java -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --delete --topic "$topic" >/dev/null 2>&1 || true
  BROKER_RECORDS_PER_S=$(awk -F', ' '{ split($2, a, " "); printf "%d", a[1] }' <<< "$summary")
  out "The broker's limit, same run: Kafka's ProducerPerformance, acks=all, idempotent, linger.ms=2, $1-byte records ($2), 6 partitions:"
  out "\`$summary\`"
  out
}

ingress() {
  report_begin ingress "Ingress benchmark: POST /api/v1/review-fetch"
  need wrk wrk
  # One key submits every job for one client: the jobs-per-minute limits are lifted, or the benchmark would measure 429s.
  export INGRESS_JOBS_PER_MINUTE_PER_KEY=0 INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL=0
  restart_stack ingress-api   # the infrastructure and ingress-api alone: nothing consumes the jobs meanwhile
  broker_limit 400 "a fetch_accounts record's size"
  out "Command: \`INGRESS_URL=$INGRESS CONNECTIONS=${CONNECTIONS:-50} ingress-api/bench/submit.sh ${INGRESS_DURATION:-30s}\`"
  out "against the local stack's ingress-api (\`$(stack_env)\`), after a 10 s warm-up."
  out
  out '```'
  local t0
  stack_cpu_ticks > "$REPORT_BASE-cpu-before.txt"; t0=$(now_ms)
  profile_start ingress-api
  INGRESS_URL=$INGRESS CONNECTIONS="${CONNECTIONS:-50}" "$ROOT/ingress-api/bench/submit.sh" "${INGRESS_DURATION:-30s}" \
    | grep -v '^warm-up\|^measuring' | tee "$REPORT_BASE.txt" | out_pipe
  stack_cpu_ticks > "$REPORT_BASE-cpu-after.txt"
  out '```'
  out
  out "Where the machine's CPU went, warm-up and measurement together (/proc/<pid>/stat):"
  out
  cpu_by_process "$REPORT_BASE-cpu-before.txt" "$REPORT_BASE-cpu-after.txt" $((($(now_ms) - t0) / 1000))
  out
  out "ingress-api's and the broker's CPU since they started (just before the warm-up), by thread kind:"
  out
  cpu_by_thread ingress-api kafka
  out
  profile_stop ingress-api "warm-up and measurement together"
  # The job-events fold of the accepted jobs: does it keep up with the load, or does ingress-api still work after it?
  stack_cpu_ticks > "$REPORT_BASE-cpu-after-load.txt"; sleep 10; stack_cpu_ticks > "$REPORT_BASE-cpu-idle.txt"
  out "The 10 s after the load (the status fold of the accepted jobs still running shows here):"
  out
  cpu_by_process "$REPORT_BASE-cpu-after-load.txt" "$REPORT_BASE-cpu-idle.txt" 10
  out
  local jobs_per_s
  jobs_per_s=$(awk '/accepted\/s/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { print $i; exit } }' "$REPORT_BASE.txt")
  if [ -n "$jobs_per_s" ] && [ -n "$BROKER_RECORDS_PER_S" ]; then
    out "ingress-api accepted **$jobs_per_s jobs/s**: $(awk -v j="$jobs_per_s" -v b="$BROKER_RECORDS_PER_S" \
      'BEGIN { printf "%.1f", 100 * j / (b / 2) }') % of half the broker's $BROKER_RECORDS_PER_S records/s (a 202 costs two records; #18's goal: >= 50 %)"
  fi
  # Those jobs name a client that does not exist: drop them, or the next run's account-worker spends minutes on them.
  java -cp "$KAFKA_CP" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server 127.0.0.1:9092 \
    --group account-worker --topic fetch-accounts --reset-offsets --to-latest --execute >/dev/null 2>&1 \
    && out "(the benchmark's jobs were skipped afterwards: account-worker's offsets on fetch-accounts moved to the end)"
  finish_mode ingress
}

# --- pipeline -------------------------------------------------------------------------------------------------
# The machine's CPU counters (all cores): "<total jiffies> <idle jiffies>".
cpu_jiffies() { awk '/^cpu /{ total = 0; for (i = 2; i <= NF; i++) total += $i; print total, $5 + $6 }' /proc/stat; }
cpu_busy_since() { # cpu_busy_since "<total> <idle>": percent of all cores busy since that snapshot
  local now; now=$(cpu_jiffies)
  awk -v a="$1" -v b="$now" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", 100 * (1 - (y[2] - x[2]) / (y[1] - x[1])) }'
}

# The mean size of a reviews-raw record as the broker keeps it: its log files' bytes over its records.
reviews_raw_record_bytes() {
  local bytes records
  bytes=$(cat "$LOCAL_DIR"/run/kafka/data/reviews-raw-*/*.log | wc -c)
  records=$(for time in -1 -2; do
      java -cp "$KAFKA_CP" org.apache.kafka.tools.GetOffsetShell --bootstrap-server 127.0.0.1:9092 --topic reviews-raw --time "$time"
    done | awk -F: '{ n[$2]++; if (n[$2] == 1) end[$2] = $3; else total += end[$2] - $3 } END { print total }')
  calc "round($bytes / $records)"
}

pipeline_run() { # pipeline_run <replicas>
  export REPLICAS=$1
  restart_stack
  local token job base="$REPORT_BASE-r$1" truth instances=() name url
  truth=$(truth_totals fetchableReviews)
  while read -r name url; do instances+=(--metrics "$name=$url"); done < <(worker_instances)
  token=$(emulator_token)
  : > "$base-jobs.txt"
  bench_py sample --out "$base.csv" --metrics-out "$base-stages.csv" "${instances[@]}" --jobs-file "$base-jobs.txt" \
    --final-json "$base-jobs.json" --max-seconds 1800 &
  local sampler=$!
  sleep 2
  local cpu_before cpu_busy t0 profiled="${PROFILE_INSTANCES-review-worker ingress-api token-service}" instance
  if [ "$1" = 1 ]; then for instance in $profiled; do profile_start "$instance"; done; fi
  cpu_before=$(cpu_jiffies)
  stack_cpu_ticks > "$base-cpu-before.txt"; t0=$(now_ms)
  job=$(submit_job "$token")
  echo "$job" > "$base-jobs.txt"
  echo "REPLICAS=$1: job $job submitted"
  wait $sampler
  cpu_busy=$(cpu_busy_since "$cpu_before")
  stack_cpu_ticks > "$base-cpu-after.txt"
  local summary
  summary=$(python3 - "$base-jobs.json" "$job" <<'PY'
import json, sys
from datetime import datetime
s = json.load(open(sys.argv[1]))[sys.argv[2]]
secs = (datetime.fromisoformat(s["finished_at"].replace("Z", "+00:00")) - datetime.fromisoformat(s["submitted_at"].replace("Z", "+00:00"))).total_seconds()
c = s["counts"]
print(s["status"], c["reviews_delivered"], round(secs, 2), round(c["reviews_delivered"] / secs), c["duplicates_skipped"], c["retries"], c["dead_lettered"])
PY
)
  read -r state delivered seconds rate dups retries dead <<< "$summary"
  out "### REPLICAS=$1"
  out
  out "| figure | value |"
  out "|---|---:|"
  out "| job | $job ($state) |"
  out "| reviews delivered | $delivered of $truth in the emulator's truth |"
  out "| Google calls | $(curl -sf "$GOOGLE/emulator/stats" | json "d['googleApiCalls']") |"
  out "| duplicates skipped / retries / dead-lettered | $dups / $retries / $dead |"
  out "| duration (submitted_at to finished_at) | $seconds s |"
  out "| **throughput end to end** | **$rate reviews/s** |"
  out "| the machine's CPU busy from submission to the job's end (all $(nproc) cores, /proc/stat): the limit on this machine | $cpu_busy % |"
  out
  out "Per stage (sum over the stage's instances, from \`stage_records_*_total\` sampled once a second;"
  out "records/s over the span in which the counter moved):"
  out
  bench_py stages "$base-stages.csv" --plot-data "$base-stages.dat" | out_pipe
  out
  out "Where the machine's CPU went from submission to the job's end (/proc/<pid>/stat):"
  out
  cpu_by_process "$base-cpu-before.txt" "$base-cpu-after.txt" $((($(now_ms) - t0) / 1000))
  out
  out "Each JVM's CPU since it started (with the stack, just before the job), by thread kind:"
  out
  # shellcheck disable=SC2046
  cpu_by_thread $(stack_jvms)
  out
  if [ "$1" = 1 ]; then
    for instance in $profiled; do profile_stop "$instance" "from before the submission to the job's end"; done
  fi
  bound "reviews delivered (REPLICAS=$1)" "$delivered" ">= $truth"
  bound "data set size (fetchable reviews)" "$truth" ">= 200000"
  out
  PIPELINE_RESULTS+=("$1:$rate:$cpu_busy")
}

pipeline() {
  export QUOTA_QPM=6000000 EMULATOR_QUOTA_QPM=-1
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-3}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-75}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-1000}"
  local saved_replicas="${REPLICAS:-}" r
  PIPELINE_RESULTS=()
  report_begin pipeline "Pipeline benchmark: reviews per second, quota lifted"
  out "Configuration: \`$(stack_env)\` (token-service's bucket far above any rate reached, the emulator's quota off,"
  out "no latency), STAGE_CONCURRENCY=${STAGE_CONCURRENCY:-3}, STAGE_IN_FLIGHT=${STAGE_IN_FLIGHT:-4096}, GOOGLE_CALLS_IN_FLIGHT=${GOOGLE_CALLS_IN_FLIGHT:-16}; one job over the whole data set per run."
  out
  for r in ${PIPELINE_REPLICAS:-1 2}; do pipeline_run "$r"; done
  local args=() i=2 entry
  for entry in "${PIPELINE_RESULTS[@]}"; do
    args+=("'$REPORT_BASE-r${entry%%:*}-stages.dat' using 1:2 with lines lw 2 title 'reviews/s, REPLICAS=${entry%%:*}'")
    args+=("'$REPORT_BASE-r${entry%%:*}-stages.dat' using 1:3 with lines lw 1 dt 2 title 'review pages/s, REPLICAS=${entry%%:*}' axes x1y2")
    i=$((i + 1))
  done
  local header="| |" rule="|---|" rates="| **one job, reviews/s end to end** |" cpus="| the machine's CPU busy meanwhile (the limit here) |"
  local replicas rate busy
  for entry in "${PIPELINE_RESULTS[@]}"; do
    IFS=: read -r replicas rate busy <<< "$entry"
    header+=" REPLICAS=$replicas |"; rule+="---:|"; rates+=" **$rate** |"; cpus+=" $busy % |"
  done
  out "Summary, side by side:"
  out
  out "$header"
  out "$rule"
  out "$rates"
  out "$cpus"
  out
  out "More replicas add consumers and pods, and so throughput, only where the CPU has room: on a machine whose"
  out "cores are all busy at REPLICAS=1, a second copy of every service shares the same cores."
  out
  local record_bytes
  record_bytes=$(reviews_raw_record_bytes)
  broker_limit "$record_bytes" "a reviews-raw record's size on disk, batch headers included"
  for entry in "${PIPELINE_RESULTS[@]}"; do
    IFS=: read -r replicas rate busy <<< "$entry"
    out "REPLICAS=$replicas: **$rate reviews/s** end to end, $(calc "round(100 * $rate / $BROKER_RECORDS_PER_S, 1)") % of the broker's" \
      "$BROKER_RECORDS_PER_S records/s for records of that size (#18's goal: >= 40 %)"
  done
  out
  plot "$REPORT_BASE.png" "set title 'Reviews published on reviews-raw per second (1 s samples of the workers metrics)'
set xlabel 'seconds since sampling started (job submitted at 2 s)'; set ylabel 'reviews/s'; set y2label 'pages/s'; set ytics nomirror; set y2tics
set yrange [0:*]; set y2range [0:*]
plot $(IFS=,; echo "${args[*]}")"
  if [ -n "$saved_replicas" ]; then export REPLICAS=$saved_replicas; else unset REPLICAS; fi
  finish_mode pipeline
}

# --- permits --------------------------------------------------------------------------------------------------
permits_wrk() { # permits_wrk <label> <duration> <credential>: runs wrk, prints a report table row
  local lua out_file
  lua=$(mktemp --suffix=.lua)
  cat > "$lua" <<LUA
wrk.method = "POST"
wrk.path = "/api/v1/permits"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$SERVICE_API_KEY"
wrk.headers["X-Caller-Id"] = "bench-permits"
wrk.body = '{"credential":"$3"}'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
  local conns="${CONNECTIONS:-50}"
  wrk -t2 -c"$conns" -d5s -s "$lua" "$TOKENS" >/dev/null   # warm-up
  local before after result
  before=$(curl -sf "$TOKENS/q/metrics" | awk '/^token_service_permits_granted_total/ {s += $2} END {printf "%d", s}')
  result=$(wrk -t2 -c"$conns" -d"$2" -s "$lua" "$TOKENS" | grep '^RESULT')
  after=$(curl -sf "$TOKENS/q/metrics" | awk '/^token_service_permits_granted_total/ {s += $2} END {printf "%d", s}')
  rm -f "$lua"
  echo "$1 $result granted=$((after - before))" >> "$REPORT_BASE.csv"
  local v; v() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " ${result#RESULT}"; }
  out "| $1 | $conns | $(v requests) | $(calc "round($(v requests) / $(v seconds))") | $((after - before)) | $(calc "round($((after - before)) / $(v seconds), 1)") | $(v non2xx) | $(v errors) | $(v p50_ms) | $(v p99_ms) | $(v max_ms) |"
}

permits() {
  need wrk wrk
  report_begin permits "Permit benchmark: token-service POST /api/v1/permits"
  export QUOTA_QPM=6000000
  restart_stack gbp-emulator token-service
  local credential
  credential=$(curl -sf -H "X-API-Key: $SERVICE_API_KEY" -H 'Content-Type: application/json' "$TOKENS/api/v1/credentials" \
    -d "{\"access_token\": \"$(emulator_token)\"}" | json "d['credential']")
  out "wrk, 2 threads, ${CONNECTIONS:-50} connections, one submitted credential (\`cred:…\`), one X-Caller-Id, after a 5 s warm-up;"
  out "granted = \`token_service_permits_granted_total\` before and after. Redis on the same 2 cores."
  out
  out "| run | connections | requests | requests/s | granted | permits/s | non-2xx (429) | socket errors | p50 ms | p99 ms | max ms |"
  out "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "run result" > "$REPORT_BASE.csv"
  permits_wrk "quota lifted (QUOTA_QPM=$QUOTA_QPM)" "${PERMITS_DURATION:-30s}" "$credential"
  # The same at Google's quota: almost every answer is a 429 with a reservation; how fast does it come?
  export QUOTA_QPM=300
  kill "$(cat "$PIDS/token-service.pid")" && rm -f "$PIDS/token-service.pid"
  while curl -s -o /dev/null --max-time 1 "$TOKENS/q/health/live"; do sleep 0.2; done
  "$STACK" up token-service >/dev/null
  sleep 61   # let the bucket forget the warm-up of the first run (it refills within a minute)
  permits_wrk "QUOTA_QPM=300 (denials)" "${PERMITS_DENIED_DURATION:-15s}" "$credential"
  out
  out "At QUOTA_QPM=300 the bucket (capacity 3, 4.9/s) grants about 3 + 4.9 per second of the run; every other"
  out "answer is a 429 telling the one caller id when its reserved token matures."
  finish_mode permits
}

# --- startup --------------------------------------------------------------------------------------------------
startup() {
  report_begin startup "Start-up benchmark: time to ready and resident memory, JVM mode"
  restart_stack infra
  export GOOGLE_API_BASE_URL=http://127.0.0.1:8089
  local opts runs="${STARTUP_RUNS:-2}"
  opts=$("$STACK" java-opts)
  out "Each service alone (Kafka, Redis, PostgreSQL up; no other service), started as stack.sh starts it:"
  out "\`java $opts -jar <module>/target/quarkus-app/quarkus-run.jar\`; ready = \`/q/health/ready\` answers 200"
  out "(polled every 50 ms); RSS idle = VmRSS of the process ${STARTUP_IDLE_SECONDS:-5} s after it is ready, nothing asked of it; run 1 is"
  out "cold (after a restart of the infrastructure), the next runs warm. The process is stopped after each run."
  out "Where the start-up goes: CPU = the process's user + system time from launch to ready, all threads (above the"
  out "wall time when both cores work); of it the JIT compilers' threads and the collector's (/proc/<pid>/task/*/stat);"
  out "classes = the classes the JVM had loaded when idle (\`jcmd <pid> PerfCounter.print\`, java.cls.loadedClasses)."
  out
  out "| service | run | launch → ready (ms) | Quarkus \"started in\" (s) | RSS idle (MiB) | CPU to ready (s) | of it JIT (s) | of it GC (s) | classes |"
  out "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "service,run,ready_ms,started_in_s,rss_mib,cpu_s,jit_s,gc_s,classes" > "$REPORT_BASE.csv"
  local entry module port run pid t0 ready_ms rss started_in log cpu_s jit_s gc_s classes
  for entry in gbp-emulator:8089 token-service:8081 ingress-api:8080 account-worker:8082 location-worker:8083 \
    review-worker:8084 retry-service:8085; do
    module=${entry%%:*}; port=${entry#*:}
    for ((run = 1; run <= runs; run++)); do
      log="$REPORT_BASE-$module-$run.log"
      t0=$(now_ms)
      # shellcheck disable=SC2086
      QUARKUS_HTTP_PORT=$port java $opts -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
      pid=$!
      ready_ms=timeout
      while kill -0 $pid 2>/dev/null && [ $(($(now_ms) - t0)) -lt 120000 ]; do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/q/health/ready")" = 200 ]; then
          ready_ms=$(($(now_ms) - t0)); break
        fi
        sleep 0.05
      done
      read -r cpu_s jit_s gc_s <<< "$(jvm_cpu "$pid" 2>/dev/null || echo "? ? ?")"
      [ "$ready_ms" = timeout ] || sleep "${STARTUP_IDLE_SECONDS:-5}"
      rss=$(awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo "?")
      classes=$(jcmd "$pid" PerfCounter.print 2>/dev/null | awk -F= '/^java.cls.loadedClasses=/ { print $2 }' || true)
      started_in=$(grep -o 'started in [0-9.]*s' "$log" | head -n 1 | grep -o '[0-9.]*' | head -n 1 || true)
      kill $pid 2>/dev/null || true
      wait $pid 2>/dev/null || true
      out "| $module | $run | $ready_ms | ${started_in:-?} | $rss | $cpu_s | $jit_s | $gc_s | ${classes:-?} |"
      echo "$module,$run,$ready_ms,${started_in:-},$rss,$cpu_s,$jit_s,$gc_s,$classes" >> "$REPORT_BASE.csv"
    done
  done
  out
  awk -F, -v runs="$runs" 'NR > 1 && $2 == runs {print $1, $3, $5}' "$REPORT_BASE.csv" > "$REPORT_BASE.dat"
  local service
  while read -r service ready_ms rss; do
    bound "$service, warm start to ready (ms)" "$ready_ms" "<= 1500"
    bound "$service, RSS idle (MiB)" "$rss" "<= 150"
  done < "$REPORT_BASE.dat"
  out
  plot "$REPORT_BASE.png" "set title 'Start-up in JVM mode (run $runs of each service)'
set style data histograms; set style histogram clustered gap 1; set style fill solid 0.8 border -1
set ylabel 'ms to ready'; set y2label 'RSS MiB'; set ytics nomirror; set y2tics; set yrange [0:*]; set y2range [0:*]
set xtics rotate by -20
plot '$REPORT_BASE.dat' using 2:xtic(1) title 'launch to ready (ms)' lc rgb '#4477aa', '' using 3 axes x1y2 title 'RSS idle (MiB)' lc rgb '#ee7733'"
  finish_mode startup
}

# --- freshness --------------------------------------------------------------------------------------------------
# What keeping a business complete and fresh costs in Google calls. The review calls a full run needs at least are its
# pages (every location's reviews, 50 a page; one call for a location Google keeps none for); verifying each walk
# against totalReviewCount costs a count in PostgreSQL, no call, on a healthy Google. An incremental run over the same,
# unchanged business asks batchGetReviews once per 50 locations.
freshness_run() { # freshness_run <name> <mode> [faults json]: one job for the whole business, its calls by endpoint
  local token job
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
  [ -z "${3:-}" ] || curl -sf -X PUT -H 'Content-Type: application/json' "$GOOGLE/emulator/faults" -d "$3" >/dev/null
  token=$(emulator_token)
  : > "$REPORT_BASE-$1-jobs.txt"
  bench_py sample --out "$REPORT_BASE-$1.csv" --jobs-file "$REPORT_BASE-$1-jobs.txt" --expect-jobs 1 \
    --final-json "$REPORT_BASE-$1-final.json" --max-seconds 1200 &
  local sampler=$!
  job=$(submit_job "$token" "{\"mode\": \"$2\"}")
  echo "$job" > "$REPORT_BASE-$1-jobs.txt"
  echo "$1: $2 job $job"
  wait $sampler
  curl -sf "$GOOGLE/emulator/stats" > "$REPORT_BASE-$1-stats.json"
  job_status "$job" > "$REPORT_BASE-$1-status.json"
}
calls_of() { # calls_of <run> <endpoint>: every answer, whatever its status
  json "sum(d['endpoints'].get('$2', {}).values())" < "$REPORT_BASE-$1-stats.json"
}
status_of() { json "$2" < "$REPORT_BASE-$1-status.json"; }

freshness() {
  export QUOTA_QPM=300
  unset EMULATOR_QUOTA_QPM
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-4}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-50}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-100}"
  report_begin freshness "Freshness benchmark: Google calls of full, incremental and verified runs"
  restart_stack
  curl -sf "$GOOGLE/emulator/truth" > "$REPORT_BASE-truth.json"
  local locations pages fetchable
  locations=$(json "d['totals']['locations']" < "$REPORT_BASE-truth.json")
  fetchable=$(json "d['totals']['fetchableReviews']" < "$REPORT_BASE-truth.json")
  pages=$(python3 -c "
import json, math
d = json.load(open('$REPORT_BASE-truth.json'))
print(sum(max(1, math.ceil(l['totalReviewCount'] / 50)) if l['verified'] else 1 for l in d['locations']))")
  out "Configuration: \`$(stack_env)\`; $locations locations, $fetchable fetchable reviews; the review pages a full run needs"
  out "at least: **$pages** (50 reviews a page, one call for a location Google keeps none for). Calls are the emulator's"
  out "own count (\`/emulator/stats\`), every status included; the first full run may find the review store from an"
  out "earlier run of the same seeded data set, which changes what it marks, not what it calls."
  out
  freshness_run full full
  freshness_run incremental incremental
  freshness_run dropping full '{"reviewPageDropRate": 0.02}'
  local full_list inc_batch inc_list drop_list
  full_list=$(calls_of full reviews.list)
  inc_batch=$(calls_of incremental locations.batchGetReviews)
  inc_list=$(calls_of incremental reviews.list)
  drop_list=$(calls_of dropping reviews.list)
  # What the best batching we know of needs for this data set: locations by watermark, as many to a batch as one page
  # of 50 reviews can show each one's newest review (a batch of busy and quiet locations cannot: the busy ones' newer
  # reviews fill the page). The issue's goal, N/50, assumes every page can show 50 locations' newest reviews.
  local reference
  reference=$(python3 - "$REPORT_BASE-truth.json" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
times = {l["name"].split("/")[-1]: sorted((r["updateTime"] for r in l["reviews"]), reverse=True)
         for l in truth["locations"] if l["verified"] and l["reviews"]}
calls = 0
for account in truth["accounts"]:
    mine = sorted((n.split("/")[-1] for n in account["locations"] if n.split("/")[-1] in times),
                  key=lambda l: times[l][0], reverse=True)
    batch = []
    for location in mine:
        floor = times[location][0]
        shown = sum(1 for member in batch + [location] for t in times[member] if t >= floor)
        if batch and (shown > 50 or len(batch) == 50):
            calls, batch = calls + 1, []
        batch.append(location)
    calls += 1 if batch else 0
print(calls)
PY
)
  local verify_pct inc_per_location recovery_pct
  verify_pct=$(calc "round(100 * ($full_list - $pages) / $pages, 2)")
  inc_per_location=$(calc "round(($inc_batch + $inc_list) / $locations, 4)")
  recovery_pct=$(calc "round(100 * ($drop_list - $pages) / $pages, 1)")
  out "| run | status | listing calls (accounts + locations) | review calls | review calls per location | reviews delivered (new / updated / unchanged) |"
  out "|---|---|---:|---:|---:|---|"
  local run
  for run in full incremental dropping; do
    local listing review
    listing=$(calc "$(calls_of $run accounts.list) + $(calls_of $run locations.list)")
    review=$(calc "$(calls_of $run reviews.list) + $(calls_of $run locations.batchGetReviews)")
    out "| $run | $(status_of $run "d['status']") | $listing | $review | $(calc "round($review / $locations, 4)") | $(status_of $run "d['counts']['reviews_delivered']") ($(status_of $run "d['counts']['reviews_new']") / $(status_of $run "d['counts']['reviews_updated']") / $(status_of $run "d['counts']['reviews_unchanged']")) |"
  done
  out
  out "- full run: $full_list reviews.list calls for $pages pages: verification cost **$verify_pct %** beyond the pages."
  out "- incremental run over the unchanged business: $inc_batch batchGetReviews + $inc_list reviews.list calls for $locations"
  out "  locations: **$inc_per_location** review calls per location (a full run: $(calc "round($full_list / $locations, 2)")); the best"
  out "  batching we know of for this data set (by watermark, each batch small enough that one page shows every member's"
  out "  newest review) needs $reference calls, $(calc "round($reference / $locations, 4)") per location."
  out "- full run with 2 % of the reviews on later pages left out by Google: $drop_list reviews.list calls, **$recovery_pct %**"
  out "  beyond the pages for the recovery walks; $(status_of dropping "d['counts']['reviews_delivered']") of $fetchable reviews"
  out "  delivered, $(status_of dropping "len(d['incomplete_locations'])") locations incomplete."
  out
  bound "verification's calls beyond the pages on a healthy Google, %" "$verify_pct" "<= 2"
  bound "review calls per location, incremental run over an unchanged business" "$inc_per_location" "<= 0.05"
  bound "reviews delivered with Google's defect at 2 % (of $fetchable)" "$(status_of dropping "d['counts']['reviews_delivered']")" "== $fetchable"
  bound "status of the run with Google's defect at 2 %" "$(status_of dropping "1 if d['status'] == 'completed' else 0")" "== 1"
  finish_mode freshness
}

# --- fairness ---------------------------------------------------------------------------------------------------
# Does a big job's backlog hold small jobs back? One full job for a business of hundreds of locations builds a backlog
# of several minutes at the quota; once it runs, one-location jobs of other customers come a few seconds apart. Each
# pod holds STAGE_IN_FLIGHT records and its permit line shares the quota between credentials, then between jobs
# (google-access's PermitLine), so a small job's calls should wait for the next token, not behind the big one.
fairness() {
  export QUOTA_QPM=300
  unset EMULATOR_QUOTA_QPM  # the emulator enforces the same quota: a call over it would answer 429
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-4}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-100}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-150}"
  local small="${FAIRNESS_SMALL_JOBS:-6}" gap="${FAIRNESS_GAP:-5}" after="${FAIRNESS_AFTER:-60}"
  report_begin fairness "Fairness benchmark: small jobs while a big one holds a backlog at the quota"
  restart_stack
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
  curl -sf -X PUT -H 'Content-Type: application/json' "$GOOGLE/emulator/faults" \
    -d '{"latency": {"fixedMs": 250, "randomMs": 500}}' >/dev/null
  curl -sf "$GOOGLE/emulator/truth" > "$REPORT_BASE-truth.json"
  # The small jobs' locations: verified ones of one to three pages, so that each job is a few calls.
  python3 - "$REPORT_BASE-truth.json" "$small" > "$REPORT_BASE-small-locations.txt" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
small = [l["name"].split("/")[-1] for l in truth["locations"] if l["verified"] and 1 <= l["totalReviewCount"] <= 150]
print("\n".join(small[:int(sys.argv[2])]))
PY
  local token big fetchable pages figures
  fetchable=$(json "d['totals']['fetchableReviews']" < "$REPORT_BASE-truth.json")
  pages=$(json "sum(max(1, -(-l['totalReviewCount'] // 50)) if l['verified'] else 1 for l in d['locations'])" \
    < "$REPORT_BASE-truth.json")
  token=$(emulator_token)
  : > "$REPORT_BASE-jobs.txt"
  bench_py sample --out "$REPORT_BASE.csv" --jobs-file "$REPORT_BASE-jobs.txt" --expect-jobs $((small + 1)) \
    --final-json "$REPORT_BASE-jobs.json" --max-seconds 2400 &
  local sampler=$!
  sleep 2
  big=$(submit_job "$token")
  echo "$big" >> "$REPORT_BASE-jobs.txt"
  echo "big job $big submitted ($pages review pages at least); small jobs from ${after} s on, ${gap} s apart"
  sleep "$after"
  bench_py small-jobs --locations "$REPORT_BASE-small-locations.txt" --gap "$gap" \
    --jobs-file "$REPORT_BASE-jobs.txt" > "$REPORT_BASE-small.txt"
  wait $sampler
  figures=$(bench_py quota "$REPORT_BASE.csv" --qpm "$QUOTA_QPM" --ramp 60 --plot-data "$REPORT_BASE-plot.dat")
  fig() { sed -n "s/^$1=//p" <<< "$figures"; }
  local slowest big_status big_delivered
  slowest=$(python3 -c "import sys; print(max(float(l.split()[2]) for l in open(sys.argv[1])))" "$REPORT_BASE-small.txt")
  big_status=$(json "d['$big']['status']" < "$REPORT_BASE-jobs.json")
  big_delivered=$(json "d['$big']['counts']['reviews_delivered']" < "$REPORT_BASE-jobs.json")
  out "Configuration: \`$(stack_env)\`; Google's latency 250-750 ms. The big job: one full job for the whole business"
  out "($(truth_totals locations) locations, $fetchable fetchable reviews, at least $pages review pages: a backlog of about"
  out "$(calc "round($pages / $QUOTA_QPM, 1)") minutes at $QUOTA_QPM/min). From ${after} s after it, $small one-location jobs (each with a"
  out "token of its own: other customers) ${gap} s apart, each timed from its submit to its final status."
  out
  out "| small job | location | seconds to final | status |"
  out "|---|---|---:|---|"
  while read -r job location seconds status; do out "| $job | $location | $seconds | $status |"; done < "$REPORT_BASE-small.txt"
  out
  out "| figure | value |"
  out "|---|---:|"
  out "| big job | $big ($big_status), $big_delivered of $fetchable reviews |"
  out "| Google calls | $(fig google_calls) |"
  out "| first call to last job final | $(fig backlog_seconds) s |"
  out "| calls in each full minute after the first (fan-out) | $(fig steady_per_window) = $(fig steady_utilization_each_pct) % of $QUOTA_QPM |"
  out "| most calls in any 60 s window (emulator, exact) | **$(fig peak60_emulator)** |"
  out "| 429s from the emulator (tooManyRequests / quotaRejections) | $(fig too_many_requests) / $(fig quota_rejections) |"
  out
  bound "slowest small job, seconds from submit to final" "$slowest" "<= 30"
  bound "reviews the big job delivered (of $fetchable)" "$big_delivered" "== $fetchable"
  bound "big job completed" "$([ "$big_status" = completed ] && echo 1 || echo 0)" "== 1"
  bound "calls in the emptiest full minute after the first, % of quota" "$(fig steady_min_utilization_pct)" ">= 95"
  bound "most calls in any 60 s window, emulator" "$(fig peak60_emulator)" "<= $QUOTA_QPM"
  bound "429s answered by the emulator" "$(fig too_many_requests)" "== 0"
  out
  plot_calls "$REPORT_BASE.png" "$REPORT_BASE-plot.dat" "A big job and $small small ones, quota $QUOTA_QPM/min"
  finish_mode fairness
}

# ----------------------------------------------------------------------------------------------------------------
# --- notifications ------------------------------------------------------------------------------------------------
# Seconds-fresh for one call per change. The demo business, connected as a managed client, synced once in full (as a
# client's first sync leaves the review store); an incremental run over it then shows what one poll costs. With
# notifications on, reviews are written and edited at a steady rate across many locations: each change's time to its
# record on reviews-raw (the broker's timestamp of the record less when the change was made, on one clock) and the
# Google calls per change, beside what polling costs for the 15-minute schedule's freshness and for the same freshness.
await_final() { # await_final <job>: prints its final status
  local status
  while :; do
    status=$(job_status "$1")
    case "$(json "d['status']" <<< "$status")" in completed|completed_with_errors|failed) echo "$status"; return ;; esac
    sleep 1  # the polling interval
  done
}
client_run() { # client_run <name> <client> <mode>: one job for the client's whole business, the emulator's calls kept
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
  local job
  job=$(curl -sf -H "X-API-Key: $INGRESS_API_KEY" -H 'Content-Type: application/json' "$INGRESS/api/v1/review-fetch" \
    -d "{\"client_id\": \"$2\", \"mode\": \"$3\"}" | json "d['job_id']")
  await_final "$job" > "$REPORT_BASE-$1-status.json"
  curl -sf "$GOOGLE/emulator/stats" > "$REPORT_BASE-$1-stats.json"
  out "- $1 run ($3): $(status_of "$1" "d['status']"), $(json "d['googleApiCalls']" < "$REPORT_BASE-$1-stats.json") Google calls,"
  out "  $(status_of "$1" "d['counts']['reviews_delivered']") reviews delivered"
}

notifications() {
  export QUOTA_QPM=300
  unset EMULATOR_QUOTA_QPM
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-4}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-50}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-40}"
  local rate="${NOTIFY_RATE:-2}" seconds="${NOTIFY_SECONDS:-60}"
  need kcat kcat
  report_begin notifications "Notifications benchmark: change to reviews-raw and Google calls per change, against polling"
  restart_stack
  # shellcheck source=deploy/local/lib/demo-client.sh
  . "$LOCAL_DIR/lib/demo-client.sh"
  local client on
  client=$(connect_demo_client "Notifications benchmark")
  out "Configuration: \`$(stack_env)\`; $(truth_totals locations) locations, $(truth_totals fetchableReviews) reviews."
  out
  client_run full "$client" full
  client_run incremental "$client" incremental
  on=$(curl -sf -X POST -H "X-API-Key: $INGRESS_API_KEY" "$INGRESS/api/v1/clients/$client/notifications" | json "d['job_id']")
  out "- notifications on: job $on $(await_final "$on" | json "d['status']"), $(curl -sf -H "X-API-Key: $INGRESS_API_KEY" \
    "$INGRESS/api/v1/clients/$client/notifications" | json "sum(a['state'] == 'on' for a in d['accounts'])") accounts on"
  curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null
  local since
  since=$(now_ms)
  bench_py changes --out "$REPORT_BASE-changes.csv" --rate "$rate" --seconds "$seconds" | out_pipe
  # Every change's record on reviews-raw, or two minutes.
  local deadline=$(($(date +%s) + 120))
  until kcat -b 127.0.0.1:9092 -C -t reviews-raw -o "s@$since" -e -q -f '%T %s\n' > "$REPORT_BASE-arrivals.txt" &&
    bench_py arrivals --changes "$REPORT_BASE-changes.csv" < "$REPORT_BASE-arrivals.txt" > "$REPORT_BASE-arrivals.json"; do
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 2  # the polling interval
  done
  curl -sf "$GOOGLE/emulator/stats" > "$REPORT_BASE-notify-stats.json"
  curl -sf "$GOOGLE/emulator/pushes" > "$REPORT_BASE-pushes.json" || true
  local a="$REPORT_BASE-arrivals.json" changes calls per_change poll p99_s
  changes=$(json "d['changes']" < "$a")
  calls=$(json "d['googleApiCalls']" < "$REPORT_BASE-notify-stats.json")
  per_change=$(calc "round($calls / $changes, 3)")
  poll=$(json "d['googleApiCalls']" < "$REPORT_BASE-incremental-stats.json")
  p99_s=$(calc "max(0.001, $(json "d['p99_ms']" < "$a") / 1000)")
  out
  out "$changes changes ($(json "d['arrived']" < "$a") on reviews-raw, $(json "d['missing']" < "$a") missing, $(json "d['duplicates']" < "$a")"
  out "duplicate records, $(json "d['wrong_change']" < "$a") with the wrong change); Google calls while they came: $calls"
  out "($(calls_of notify reviews.get) reviews.get). Change to record: p50 **$(json "d['p50_ms']" < "$a") ms**, p99"
  out "**$(json "d['p99_ms']" < "$a") ms**, max $(json "d['max_ms']" < "$a") ms. One incremental run of this business costs $poll calls."
  out
  out "| how reviews are kept fresh | change to record | Google calls per minute | share of the quota ($QUOTA_QPM) |"
  out "|---|---|---:|---:|"
  out "| notifications, $rate changes/s | p99 $p99_s s | $(calc "round($calls * 60 / $seconds, 1)") | $(calc "round(100 * $calls * 60 / $seconds / $QUOTA_QPM, 1)") % |"
  out "| incremental run every 15 min | up to 15 min + the run | $(calc "round($poll / 15, 1)") | $(calc "round(100 * $poll / 15 / $QUOTA_QPM, 1)") % |"
  out "| incremental run every $p99_s s (the same freshness) | p99 $p99_s s | $(calc "round($poll * 60 / $p99_s)") | $(calc "round(100 * $poll * 60 / $p99_s / $QUOTA_QPM)") % |"
  out
  out "Notifications cost a call per change, polling a share of the business per run: for this business they cost less"
  out "than even the 15-minute schedule while its reviews change fewer than $(calc "round($poll / 15 / max($per_change, 0.001), 1)") times a minute,"
  out "and polling cannot buy their freshness within the quota at any rate."
  out
  bound "changes missing on reviews-raw" "$(json "d['missing']" < "$a")" "== 0"
  bound "duplicate records" "$(json "d['duplicates']" < "$a")" "== 0"
  bound "records with the wrong change" "$(json "d['wrong_change']" < "$a")" "== 0"
  bound "change to reviews-raw, p99 ms" "$(json "d['p99_ms']" < "$a")" "<= 5000"
  bound "Google calls per change" "$per_change" "<= 1"
  finish_mode notifications
}

usage() { echo "usage: $0 quota|latency|ingress|pipeline|permits|startup|freshness|fairness|notifications|all" >&2; exit 2; }
[ $# -ge 1 ] || usage
[ "${SKIP_BUILD:-}" = 1 ] || build
for mode in "$@"; do
  case "$mode" in
    # Each mode in a subshell: the configuration one exports (pipeline lifts the quota) must not reach the next.
    quota|latency|ingress|pipeline|permits|startup|freshness|fairness|notifications) run_mode "$mode" ;;
    all) for m in startup permits ingress pipeline quota latency freshness fairness notifications; do run_mode "$m"; done ;;
    *) usage ;;
  esac
done
if [ ${#FAILED_MODES[@]} -gt 0 ]; then
  echo "bounds missed in: ${FAILED_MODES[*]}" >&2
  exit 1
fi
