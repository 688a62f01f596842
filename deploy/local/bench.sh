#!/usr/bin/env bash
# Benchmarks that print their figures (not tests).
#
#   deploy/local/bench.sh pipeline    end-to-end reviews per second through the three stages, quota lifted
#
# pipeline: restarts the local stack with the quota lifted (token-service's bucket far above any rate this
# machine reaches, the emulator's quota off, no latency), a data set of EMULATOR_ACCOUNTS ×
# EMULATOR_LOCATIONS_PER_ACCOUNT × EMULATOR_REVIEWS_PER_LOCATION reviews (default 3 × 60 × 400 ≈ 72,000)
# and REPLICAS of each worker (default 1), submits one job and times it from submission to `completed`.
# The stack is left running with that configuration; `stack.sh down` and `up` restore the defaults.
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
# shellcheck source=deploy/local/secrets.sh
. "$LOCAL_DIR/secrets.sh"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }

pipeline() {
  export QUOTA_QPM=6000000 EMULATOR_QUOTA_QPM=-1
  export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-3}" EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-60}"
  export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-400}" REPLICAS="${REPLICAS:-1}"
  "$ROOT/mvnw" -B -q -DskipTests package
  "$LOCAL_DIR/stack.sh" down >/dev/null
  "$LOCAL_DIR/stack.sh" up >/dev/null
  load_secrets "$LOCAL_DIR/.secrets.env"

  local google=http://127.0.0.1:8089 ingress=http://127.0.0.1:8080 token job started status state
  local truth
  truth=$(curl -sf "$google/emulator/truth?reviews=false" | json "d['totals']['fetchableReviews']")
  token=$(curl -sf -X POST "$google/emulator/tokens" | json "d['access_token']")
  started=$(date +%s.%N)
  job=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$ingress/api/v1/review-fetch" -d '{}' \
    | json "d['job_id']")
  while :; do
    status=$(curl -sf "$ingress/api/v1/review-fetch/$job")
    state=$(json "d['status']" <<< "$status")
    case "$state" in completed|completed_with_errors|failed) break ;; esac
    sleep 0.2
  done
  local seconds delivered
  seconds=$(python3 -c "import time; print(round(time.time() - $started, 2))")
  delivered=$(json "d['counts']['reviews_delivered']" <<< "$status")
  cat <<TXT
pipeline benchmark ($(nproc) cores, REPLICAS=$REPLICAS, STAGE_CONCURRENCY=${STAGE_CONCURRENCY:-3}, quota lifted, emulator at zero latency)
  job                $job ($state)
  reviews delivered  $delivered of $truth in the emulator's truth
  Google calls       $(curl -sf "$google/emulator/stats" | json "d['googleApiCalls']")
  duration           $seconds s (submission to completed)
  throughput         $(python3 -c "print(round($delivered / $seconds))") reviews/s end to end
TXT
}

case "${1:-}" in
  pipeline) pipeline ;;
  *) echo "usage: $0 pipeline" >&2; exit 2 ;;
esac
