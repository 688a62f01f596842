#!/usr/bin/env bash
# Benchmark (not a test): how many reviews.list pages per second the emulator serves, quota off.
#
# Walks every page of every location once to collect real page URLs (with their page tokens), then
# replays them round-robin with wrk and prints the rate. If no emulator answers at BASE_URL, starts
# the packaged jar with QUOTA_QPM=-1 and 100 locations / 20,000 reviews, and stops it afterwards.
#
#   ./mvnw -B -pl gbp-emulator package -DskipTests && gbp-emulator/bench/pages-per-second.sh
#
# Knobs: BASE_URL (http://127.0.0.1:8089), DURATION (20s), CONNECTIONS (64), THREADS (2), PAGE_SIZE (50).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/quarkus-app/quarkus-run.jar"
BASE_URL="${BASE_URL:-http://127.0.0.1:8089}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PAGE_SIZE="${PAGE_SIZE:-50}"
work="$(mktemp -d)"
started_pid=""

cleanup() {
  if [ -n "$started_pid" ]; then kill "$started_pid" 2>/dev/null || true; wait "$started_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk..." >&2
  apt-get install -y wrk >/dev/null
fi

if ! curl -sf "$BASE_URL/q/health/ready" >/dev/null 2>&1; then
  [ -f "$jar" ] || { echo "no emulator at $BASE_URL and no $jar: run ./mvnw -B -pl gbp-emulator package first" >&2; exit 1; }
  port="${BASE_URL##*:}"
  echo "starting the emulator on port $port (quota off, 100 locations, 20,000 reviews)..." >&2
  QUOTA_QPM=-1 EMULATOR_ACCOUNTS=4 EMULATOR_LOCATIONS_PER_ACCOUNT=25 EMULATOR_REVIEWS_PER_LOCATION=200 \
    java -Dquarkus.http.port="$port" -jar "$jar" >"$work/emulator.log" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 60); do
    curl -sf "$BASE_URL/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$started_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.5
  done
fi

curl -sf -X POST "$BASE_URL/emulator/reset" >/dev/null
if curl -sf "$BASE_URL/emulator/stats" | grep -q '"enabled":true'; then
  echo "the emulator at $BASE_URL enforces a quota; start it with QUOTA_QPM=-1 to benchmark" >&2
  exit 1
fi
token="$(curl -sf -X POST "$BASE_URL/emulator/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

# Every page of every location, as a pipeline would walk them.
python3 - "$BASE_URL" "$token" "$PAGE_SIZE" >"$work/paths.txt" <<'PY'
import json, sys, urllib.parse, urllib.request
base, token, size = sys.argv[1], sys.argv[2], sys.argv[3]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
truth = json.load(urllib.request.urlopen(base + "/emulator/truth?reviews=false"))
for loc in truth["locations"]:
    if not loc["verified"]:
        continue
    path = "/v4/%s/reviews?pageSize=%s" % (loc["v4Name"], size)
    page_path = path
    while True:
        print(page_path)
        nxt = get(page_path).get("nextPageToken")
        if not nxt:
            break
        page_path = path + "&pageToken=" + urllib.parse.quote(nxt)
PY
pages="$(wc -l <"$work/paths.txt")"

{
  echo 'paths = {'
  sed 's/.*/  "&",/' "$work/paths.txt"
  echo '}'
  echo "headers = { [\"Authorization\"] = \"Bearer $token\" }"
  cat <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end
LUA
} >"$work/pages.lua"

echo "warming up over $pages distinct pages..." >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$work/pages.lua" "$BASE_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/pages.lua" "$BASE_URL" | tee "$work/wrk.txt" >&2

if grep -q "Non-2xx" "$work/wrk.txt"; then
  echo "FAILED: some pages were not 200 (see above)" >&2
  exit 1
fi
rate="$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/wrk.txt")"
echo "review pages per second: $rate (pageSize=$PAGE_SIZE, $pages distinct pages, $CONNECTIONS connections, $(nproc) cores)"
