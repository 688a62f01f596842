# Shared by deploy/local/bench.sh and deploy/local/chaos.sh (sourced, not run): the stack, jobs, reports,
# plots and the machine's description. The number work is in lib/bench.py (standard library only).
# shellcheck shell=bash

LOCAL_DIR="${LOCAL_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ROOT="${ROOT:-$(cd "$LOCAL_DIR/../.." && pwd)}"
LIB_DIR="$LOCAL_DIR/lib"
REPORTS="$LOCAL_DIR/reports"
STACK="$LOCAL_DIR/stack.sh"
PIDS="$LOCAL_DIR/run/pids"
KAFKA_CP="$LOCAL_DIR/run/kafka/lib/*"
GOOGLE=http://127.0.0.1:8089
TOKENS=http://127.0.0.1:8081
INGRESS=http://127.0.0.1:8080
# shellcheck source=deploy/local/secrets.sh
. "$LOCAL_DIR/secrets.sh"
load_secrets "$LOCAL_DIR/.secrets.env"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
bench_py() { python3 "$LIB_DIR/bench.py" "$@"; }
calc() { python3 -c "print($1)"; }
now_ms() { date +%s%3N; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# need <command> <debian package>: installs the package when the command is missing (as stack.sh does for Redis)
need() {
  command -v "$1" >/dev/null && return
  echo "installing $2 with apt-get"
  as_root apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
}

# --- the machine and the report ----------------------------------------------------------------------------
machine_description() {
  local cpu mem os java commit
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  os=$(. /etc/os-release && echo "$PRETTY_NAME")
  java=$(java -version 2>&1 | head -n 1)
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (with uncommitted changes)"; fi
  cat <<MD
| machine | |
|---|---|
| cores (nproc) | $(nproc) |
| CPU | ${cpu:-unknown} |
| memory | $mem |
| OS | $os, kernel $(uname -r) |
| Java | $java |
| git commit | $commit ($(git -C "$ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null)) |
| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |
MD
}

# report_begin <mode> <title>: REPORT (the .md) and REPORT_BASE (for .csv/.png beside it)
report_begin() {
  mkdir -p "$REPORTS"
  REPORT_BASE="$REPORTS/$1-$(date -u +%Y%m%dT%H%M%SZ)"
  REPORT="$REPORT_BASE.md"
  BOUND_FAILURES=0
  { echo "# $2"; echo; echo "Generated $(date -u +%FT%TZ) by \`deploy/local/$(basename "$0") ${BENCH_ARGS:-}\`."; echo
    machine_description; echo; } > "$REPORT"
  echo "== $2 (report: ${REPORT#"$ROOT/"})"
}
# out [text...]: a line to stdout and to the report
out() { printf '%s\n' "$*" | tee -a "$REPORT"; }
# out_cmd: stdin to stdout and the report
out_pipe() { tee -a "$REPORT"; }
# bound <what> <measured> <python comparison, e.g. "<= 300"> : a PASS/FAIL line; FAIL counts
bound() {
  if python3 -c "import sys; sys.exit(0 if ($2) $3 else 1)"; then
    out "- **PASS** $1: $2 (bound $3)"
  else
    out "- **FAIL** $1: $2 (bound $3)"
    BOUND_FAILURES=$((BOUND_FAILURES + 1))
  fi
}
# --- where the time goes ----------------------------------------------------------------------------------------
# stack_cpu_ticks: one line per process of the stack, "<name> <CPU ticks used so far>" (user + system, all threads;
# PostgreSQL's processes together). Two snapshots give each process's share of the machine between them.
stack_cpu_ticks() {
  local file pid
  for file in "$PIDS"/*.pid; do
    pid=$(cat "$file")
    [ -r "/proc/$pid/stat" ] && echo "$(basename "$file" .pid) $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')"
  done
  echo "postgres $(for pid in $(pgrep -x postgres); do sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'; done \
    | awk '{s += $1} END {print s + 0}')"
}
# cpu_by_process <snapshot before> <snapshot after> <seconds between>: a report table, busiest first
cpu_by_process() {
  out "| process | CPU seconds | share of the machine ($(nproc) cores × $3 s) |"
  out "|---|---:|---:|"
  awk -v hz="$(getconf CLK_TCK)" -v secs="$3" -v cores="$(nproc)" 'NR == FNR { before[$1] = $2; next }
    { used = ($2 - before[$1]) / hz; printf "%s %.1f %.1f\n", $1, used, 100 * used / (cores * secs) }' "$1" "$2" \
    | sort -k2 -rn | awk '{ printf "| %s | %s | %s %% |\n", $1, $2, $3 }' | out_pipe
}
# thread_ticks <pid>: "<thread kind>\t<CPU ticks>" per thread of a process (/proc/<pid>/task/*/stat; the numbers
# dropped from thread names, so a pool's threads share a kind); JIT_OR_GC classifies a kind in awk.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | sed -E 's/[#-]?[0-9]+\t/\t/'
}
JIT_OR_GC='function kind(k) { return k ~ /CompilerThre/ ? "jit" : k ~ /^GC Thread|^VM Thread|^G1 / ? "gc" : "" }'
# jvm_cpu <pid>: "<CPU s> <of it JIT compilers s> <of it GC s>" since the process started
jvm_cpu() {
  thread_ticks "$1" | awk -F'\t' -v hz="$(getconf CLK_TCK)" "$JIT_OR_GC"'
    { t[kind($1)] += $2; total += $2 } END { printf "%.1f %.1f %.1f", total / hz, t["jit"] / hz, t["gc"] / hz }'
}
# cpu_by_thread <instance>...: each JVM's CPU since it started, by thread kind: what JFR's samples cannot show, the
# JIT compilers and the collector, beside the busiest other threads.
cpu_by_thread() {
  local instance pid
  out "| instance | CPU s since start | JIT compilers (C1 + C2) | GC | the busiest other threads |"
  out "|---|---:|---:|---:|---|"
  for instance in "$@"; do
    pid=$(cat "$PIDS/$instance.pid" 2>/dev/null) && [ -d "/proc/$pid/task" ] || continue
    thread_ticks "$pid" | awk -F'\t' -v hz="$(getconf CLK_TCK)" -v name="$instance" "$JIT_OR_GC"'
      { ticks[$1] += $2; total += $2 }
      END {
        if (total == 0) exit
        for (k in ticks) { if (kind(k) != "") t[kind(k)] += ticks[k]; else rest[k] = ticks[k] }
        for (n = 0; n < 3; n++) {
          best = ""; for (k in rest) if (best == "" || rest[k] > rest[best]) best = k
          if (best == "") break
          others = others sprintf("%s%s %.0f %%", (n ? ", " : ""), best, 100 * rest[best] / total); delete rest[best]
        }
        printf "| %s | %.1f | %.0f %% | %.0f %% | %s |\n", name, total / hz, 100 * t["jit"] / total, 100 * t["gc"] / total, others
      }' | out_pipe
  done
}
stack_jvms() { (cd "$PIDS" && ls -- *.pid) | sed 's/\.pid$//' | grep -vx redis; }
# profile_start <instance> / profile_stop <instance> <label>: a JFR recording (settings=profile) of one of the stack's
# JVMs, then where its CPU samples went, by library and thread pool (bench.py hot). The .jfr stays with the report.
profile_start() { jcmd "$(cat "$PIDS/$1.pid")" JFR.start name=bench settings=profile >/dev/null; }
profile_stop() {
  local file="$REPORT_BASE-$1.jfr"
  jcmd "$(cat "$PIDS/$1.pid")" JFR.stop name=bench filename="$file" >/dev/null
  out "Where $1's CPU went ($2): \`jcmd <pid> JFR.start settings=profile\`, then"
  out "\`jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.CPULoad ${file#"$ROOT/"} | python3 deploy/local/lib/bench.py hot\`:"
  out
  jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.CPULoad "$file" | bench_py hot --label "$1" | out_pipe
  out
}

report_end() {
  out
  out "Files: ${REPORT_BASE#"$ROOT/"}.* (report, raw CSV, PNG plots)"
  echo "== report written: ${REPORT#"$ROOT/"}"
}

# plot <png> <gnuplot commands>: PNG with pngcairo when this gnuplot has it, else png
plot() {
  need gnuplot gnuplot-nox
  local term=png
  gnuplot -e 'set terminal' 2>&1 | grep -qw pngcairo && term="pngcairo"
  gnuplot <<GP 2>>"$REPORT_BASE.gnuplot.log"
set terminal $term size 1100,500 font ",10"
set output "$1"
set grid
$2
GP
  [ -s "$1" ] && out "![$(basename "$1" .png)]($(basename "$1"))"
}

# --- the stack ----------------------------------------------------------------------------------------------
build() { "$ROOT/mvnw" -B -q -DskipTests package; }
# restart_stack [stack.sh up arguments]: everything down, then up with the caller's environment
# On 2 cores, a dozen JVMs starting at once can starve token-service's first database connection (Flyway
# gives up and the process exits): Google and token-service start first, the rest after them, and a
# service that did not come up gets one more try (stack.sh up starts only what is not running).
# The emulator starts with a fresh data set: the review store, which outlives the stack, is emptied to match it (a new
# Google, so to speak), so that what a run marks new, updated or deleted is about this data set alone.
restart_stack() {
  "$STACK" down >/dev/null
  if [ $# = 0 ]; then "$STACK" up gbp-emulator token-service >/dev/null; fi
  "$STACK" up "$@" >/dev/null || { echo "stack.sh up failed once; trying again" >&2; "$STACK" up "$@" >/dev/null; }
  empty_review_store
}
empty_review_store() { "$STACK" empty-review-store >/dev/null; }
# stack_env: the configuration a report should show
stack_env() {
  local name
  for name in REPLICAS QUOTA_QPM EMULATOR_QUOTA_QPM EMULATOR_ACCOUNTS EMULATOR_LOCATIONS_PER_ACCOUNT \
    EMULATOR_REVIEWS_PER_LOCATION STAGE_CONCURRENCY STAGE_IN_FLIGHT GOOGLE_CALLS_IN_FLIGHT QUOTA_CALL_DELAY_MAX SERVICE_JAVA_OPTS \
    INGRESS_JOBS_PER_MINUTE_PER_KEY INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL; do
    [ -n "${!name:-}" ] && printf '%s=%s ' "$name" "${!name}"
  done
  echo
}
# bucket_pacing_pct: calls a minute the running token-service's bucket paces a backlog at, in % of QUOTA_QPM (its
# refill rate, which allows for the redeem window and QUOTA_CALL_DELAY_MAX: 96.6 % with the defaults)
bucket_pacing_pct() {
  local rate
  rate=$(curl -sf "$TOKENS/q/metrics" | awk '/^token_service_quota_refill_per_second/ {print $2; exit}')
  calc "round(${rate:-0} * 60 * 100 / $QUOTA_QPM, 2)"
}
# worker_instances: "name url" of every running worker instance (for their /q/metrics)
worker_instances() {
  local module port k
  for module in account-worker:8082 location-worker:8083 review-worker:8084 retry-service:8085; do
    port=${module#*:}
    for ((k = 0; k < ${REPLICAS:-1}; k++)); do
      if [ $k = 0 ]; then echo "${module%%:*} http://127.0.0.1:$port"; else echo "${module%%:*}-$k http://127.0.0.1:$((port + 100 * k))"; fi
    done
  done
}

# --- Google data and jobs -------------------------------------------------------------------------------------
emulator_token() { curl -sf -X POST "$GOOGLE/emulator/tokens" | json "d['access_token']"; }
truth_totals() { curl -sf "$GOOGLE/emulator/truth?reviews=false" | json "d['totals']['$1']"; }
# Google calls one full job makes: accounts.list pages + locations.list pages + a reviews.list page per 50
# reviews (at least one) of every location, each location once however many accounts list it.
calls_per_job() {
  curl -sf "$GOOGLE/emulator/truth?reviews=false" | python3 -c "
import json, sys, math
d = json.load(sys.stdin)
accounts = len(d['accounts'])
loc_pages = sum(max(1, math.ceil(len(a.get('locations', [])) / 100)) for a in d['accounts'])
review_pages = sum(max(1, math.ceil(l.get('totalReviewCount', 0) / 50)) if l.get('verified', True) else 1 for l in d['locations'])
print(math.ceil(accounts / 20) + loc_pages + review_pages)"
}
# submit_job <bearer token> [json body]: prints the job id
submit_job() {
  local body="${2:-}"
  [ -n "$body" ] || body='{}'
  curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "$INGRESS/api/v1/review-fetch" \
    -d "$body" | json "d['job_id']"
}
job_status() { curl -sf "$INGRESS/api/v1/review-fetch/$1"; }
# sample_until_final <csv> <jobs file> <expected jobs> [more sampler args]: blocks until every job is final
sample_until_final() {
  local csv=$1 jobs=$2 n=$3; shift 3
  bench_py sample --out "$csv" --jobs-file "$jobs" --expect-jobs "$n" --final-json "${csv%.csv}-jobs.json" "$@"
}
