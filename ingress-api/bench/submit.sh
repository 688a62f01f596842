#!/usr/bin/env bash
# Benchmark (not a test): how many jobs per second ingress-api accepts, and at what latency.
#
#   ingress-api/bench/submit.sh [duration, default 30s]
#
# wrk at 50 connections sends POST /api/v1/review-fetch with a client_id body and a valid X-API-Key; every
# 202 means the job is durable on fetch-accounts (acks=all). Prints accepted/s (from the service's own
# ingress_submissions_accepted_total, so only 202s count), the status mix, and p50/p99/max latency.
#
# Target: INGRESS_URL if set (e.g. http://127.0.0.1:8080 for the local stack's ingress-api, started with
# INGRESS_JOBS_PER_MINUTE_PER_KEY=0 and INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL=0, as bench.sh ingress does: one key
# submits every job for one client); otherwise the script starts ingress-api from ingress-api/target/quarkus-app
# (built if missing) on BENCH_PORT (default 18080) with the stack's JVM options and those limits off, and stops that
# process, and only it, at the end.
# Needs Kafka and Redis (deploy/local/stack.sh up infra) and the keys of deploy/local/.secrets.env.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
DURATION="${1:-30s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
PORT="${BENCH_PORT:-18080}"

command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
# shellcheck source=deploy/local/secrets.sh
. "$ROOT/deploy/local/secrets.sh"
if [ -z "${INGRESS_API_KEYS:-}" ] && [ -f "$ROOT/deploy/local/.secrets.env" ]; then
  load_secrets "$ROOT/deploy/local/.secrets.env"
fi
[ -n "${INGRESS_API_KEYS:-}" ] || { echo "INGRESS_API_KEYS is not set (run deploy/local/stack.sh up infra once to generate it)" >&2; exit 1; }
export_caller_key
KEY="$INGRESS_API_KEY"

answers() { curl -fsS -o /dev/null "$1/q/health/ready" 2>/dev/null; }
started_pid=""
cleanup() { if [ -n "$started_pid" ]; then kill "$started_pid" 2>/dev/null || true; wait "$started_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ -n "${INGRESS_URL:-}" ]; then
  URL="$INGRESS_URL"
else
  JAR="$ROOT/ingress-api/target/quarkus-app/quarkus-run.jar"
  [ -f "$JAR" ] || "$ROOT/mvnw" -B -q -pl ingress-api -am -DskipTests package
  URL="http://127.0.0.1:$PORT"
  mkdir -p "$ROOT/ingress-api/target"; LOG="$ROOT/ingress-api/target/ingress-bench.log"
  echo "starting ingress-api on $URL (log: $LOG)"
  # One key submits every job for one client: without lifting the jobs-per-minute limits this would measure 429s.
  INGRESS_JOBS_PER_MINUTE_PER_KEY=0 INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL=0 \
    QUARKUS_HTTP_PORT=$PORT java ${SERVICE_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC} -jar "$JAR" >"$LOG" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 120); do answers "$URL" && break; sleep 0.5; done
  answers "$URL" || { echo "ingress-api did not become ready; see $LOG" >&2; exit 1; }
fi

accepted() {
  curl -fsS "$URL/q/metrics" | awk '/^ingress_submissions_accepted_total/ { sum += $2 } END { printf "%d\n", sum }'
}

SCRIPT="$(mktemp)"
cat >"$SCRIPT" <<LUA
wrk.method = "POST"
wrk.path = "/api/v1/review-fetch"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$KEY"
wrk.body = '{"client_id":"bench-client","mode":"full"}'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
trap 'rm -f "$SCRIPT"; cleanup' EXIT

echo "warm-up: 10 s at $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$SCRIPT" "$URL" >/dev/null
before=$(accepted)
echo "measuring: $DURATION at $CONNECTIONS connections, $THREADS wrk threads, against $URL"
out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$SCRIPT" "$URL")"
after=$(accepted)
result="$(grep '^RESULT' <<<"$out")"
val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${result#RESULT}"; }
seconds=$(val seconds)
echo
echo "ingress-api submissions ($CONNECTIONS connections, $DURATION, client_id jobs, 202 = durable on fetch-accounts with acks=all)"
printf '  requests/s      %10.0f\n' "$(echo "$(val requests) / $seconds" | bc -l)"
printf '  accepted/s      %10.0f   (%d accepted jobs; non-2xx answers: %s; socket errors: %s)\n' \
  "$(echo "($after - $before) / $seconds" | bc -l)" "$((after - before))" "$(val non2xx)" "$(val errors)"
printf '  latency p50     %10s ms\n  latency p90     %10s ms\n  latency p99     %10s ms\n  latency max     %10s ms\n' \
  "$(val p50_ms)" "$(val p90_ms)" "$(val p99_ms)" "$(val max_ms)"
