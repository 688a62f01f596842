#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, starts the local stack with the
# emulator's demo business, connects the business through the OAuth flow (token-service ⇄ emulated Google),
# submits one fetch job for it, shows progress while it runs and ends with a summary.
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
# shellcheck source=deploy/local/secrets.sh
. "$LOCAL_DIR/secrets.sh"

INGRESS=http://127.0.0.1:8080
TOKENS=http://127.0.0.1:8081
GOOGLE=http://127.0.0.1:8089
# The demo business: a few accounts, ~50 locations, several thousand reviews, Google's quota of 300 a minute.
export EMULATOR_ACCOUNTS="${EMULATOR_ACCOUNTS:-3}"
export EMULATOR_LOCATIONS_PER_ACCOUNT="${EMULATOR_LOCATIONS_PER_ACCOUNT:-17}"
export EMULATOR_REVIEWS_PER_LOCATION="${EMULATOR_REVIEWS_PER_LOCATION:-100}"
export QUOTA_QPM="${QUOTA_QPM:-300}"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
# shellcheck source=deploy/local/lib/demo-client.sh
. "$LOCAL_DIR/lib/demo-client.sh"

for tool in kcat curl python3; do
  command -v $tool >/dev/null || {
    echo "installing $tool with apt-get"
    apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
  }
done

echo "== building the services"
"$ROOT/mvnw" -B -q -DskipTests package

echo "== starting the local stack"
"$LOCAL_DIR/stack.sh" up
load_secrets "$LOCAL_DIR/.secrets.env"

echo "== connecting the demo business through Google's OAuth flow"
client=$(connect_demo_client)
echo "client $client connected (refresh token kept encrypted in PostgreSQL)"

curl -sf -X POST "$GOOGLE/emulator/reset" >/dev/null   # count only this job's calls
truth=$(curl -sf "$GOOGLE/emulator/truth?reviews=false" | json "d['totals']['fetchableReviews']")

echo "== submitting a fetch job for client $client"
started=$(date +%s)
job=$(curl -sf -H "X-API-Key: $INGRESS_API_KEY" -H 'Content-Type: application/json' \
  "$INGRESS/api/v1/review-fetch" -d "{\"client_id\": \"$client\"}" | json "d['job_id']")
echo "job $job accepted"

while :; do
  status=$(curl -sf "$INGRESS/api/v1/review-fetch/$job")
  calls=$(curl -sf "$GOOGLE/emulator/stats" | json "d['googleApiCalls']")
  state=$(json "d['status']" <<< "$status")
  printf '\r%-22s %s  %5s Google calls  %3ss ' "$state" \
    "$(json "'accounts %d · locations %d (%d done) · reviews %d · retries %d' % (d['counts']['accounts'], d['counts']['locations'], d['counts']['locations_done'], d['counts']['reviews_delivered'], d['counts']['retries'])" <<< "$status")" \
    "$calls" $(($(date +%s) - started))
  case "$state" in completed|completed_with_errors|failed) break ;; esac
  sleep 1
done
echo

stats=$(curl -sf "$GOOGLE/emulator/stats")
cat <<TXT

== summary of job $job ($state)
accounts            $(json "d['counts']['accounts']" <<< "$status")
locations           $(json "d['counts']['locations']" <<< "$status")
reviews delivered   $(json "d['counts']['reviews_delivered']" <<< "$status") (the emulator holds $truth fetchable reviews)
duplicates skipped  $(json "d['counts']['duplicates_skipped']" <<< "$status")
dead-lettered       $(json "d['counts']['dead_lettered']" <<< "$status")
Google calls made   $(json "d['googleApiCalls']" <<< "$stats") ($(json "d['tooManyRequests']" <<< "$stats") answered 429)
peak in any 60 s    $(json "d['peakCallsIn60s']" <<< "$stats") calls, quota $(json "d['quota']['qpm']" <<< "$stats")
duration            $(($(date +%s) - started)) s

Read the reviews of this job from reviews-raw:
  kcat -b 127.0.0.1:9092 -C -t reviews-raw -o beginning -e -f '%s\n' | grep '"job_id":"$job"'
Job status: curl -s $INGRESS/api/v1/review-fetch/$job
Operator console: $INGRESS/console/ (log in with ADMIN_API_KEY from deploy/local/.secrets.env)
TXT

# Seconds-fresh: Google's review notifications for the same client (the emulator pushes as Pub/Sub would), one review
# written at the emulator and timed to the review store; then off again, so that later changes push nothing.
notifications() { # notifications POST|DELETE: turns them on or off, waits for the job
  local job
  job=$(curl -sf -X "$1" -H "X-API-Key: $INGRESS_API_KEY" "$INGRESS/api/v1/clients/$client/notifications" | json "d['job_id']")
  until json "d['status'] in ('completed', 'completed_with_errors', 'failed')" <<< "$(curl -sf "$INGRESS/api/v1/review-fetch/$job")" | grep -q True; do
    sleep 0.5  # the polling interval
  done
}
echo "== Google's review notifications: on for client $client, a review written at Google (the emulator)"
notifications POST
location=$(curl -sf "$GOOGLE/emulator/truth?reviews=false" | json "next(l['name'].split('/')[-1] for l in d['locations'] if l['verified'])")
written=$(date +%s%3N)
review=$(curl -sf -H 'Content-Type: application/json' "$GOOGLE/emulator/locations/$location/reviews" \
  -d '{"comment": "Written during the demo", "starRating": 5}' | json "d[0]['reviewId']")
until curl -sf -H "X-API-Key: $INGRESS_API_KEY" "$INGRESS/api/v1/reviews?location_id=$location&limit=100&updated_since=$(date -u -d @$((written / 1000 - 1)) +%FT%TZ)" \
  | grep -q "$review"; do
  [ $(($(date +%s%3N) - written)) -lt 60000 ] || { echo "review $review not delivered within 60 s" >&2; exit 1; }
  sleep 0.1  # the polling interval
done
echo "review $review of location $location in the review store and on reviews-raw $(($(date +%s%3N) - written)) ms after it was written"
notifications DELETE
echo "notifications off again (POST /api/v1/clients/$client/notifications turns them on)"
echo "Logs: deploy/local/logs/   Stop everything: deploy/local/stack.sh down"
[ "$state" = completed ]
