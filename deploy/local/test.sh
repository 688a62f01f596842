#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs and starts what the tests need (Kafka, Redis,
# PostgreSQL, the topics, gbp-emulator as "Google" and token-service, through stack.sh), then runs
# `./mvnw -B verify` and prints the test totals. The system tests (module system-tests) start the rest of
# the stack themselves, from the jars this build packages.
# Extra arguments go to Maven, e.g. `deploy/local/test.sh -pl common-events`.
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
# shellcheck source=deploy/local/secrets.sh
. "$LOCAL_DIR/secrets.sh"

started=$SECONDS
"$ROOT/mvnw" -B -q -pl gbp-emulator,token-service -am -DskipTests package
"$LOCAL_DIR/stack.sh" up gbp-emulator token-service
load_secrets "$LOCAL_DIR/.secrets.env"

# The console's browser tests (ConsoleIT): Debian's Chromium, driven by playwright-core from the npm registry (its own
# browser download does not work here; the tests use /usr/bin/chromium).
if ! command -v chromium >/dev/null; then
  echo "installing chromium with apt-get"
  root=(); [ "$(id -u)" = 0 ] || root=(sudo)
  "${root[@]}" apt-get update -qq >/dev/null || true
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --prefix "$ROOT/system-tests/browser" --no-audit --no-fund --loglevel=error

status=0
"$ROOT/mvnw" -B verify "$@" || status=$?

# The totals over every module, from Surefire's (unit and service) and Failsafe's (end-to-end) XML reports.
python3 - "$ROOT" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
rows, total = [], [0, 0, 0, 0]
for module in sorted(glob.glob(sys.argv[1] + "/*/target")):
    counts = [0, 0, 0, 0]
    for report in glob.glob(module + "/surefire-reports/TEST-*.xml") + glob.glob(module + "/failsafe-reports/TEST-*.xml"):
        suite = ET.parse(report).getroot()
        for i, key in enumerate(("tests", "failures", "errors", "skipped")):
            counts[i] += int(suite.get(key, 0))
    if counts[0]:
        rows.append((module.split("/")[-2], counts))
    total = [a + b for a, b in zip(total, counts)]
print("\nTest totals (Surefire and Failsafe reports)")
print(f"{'module':<18}{'tests':>7}{'failures':>10}{'errors':>8}{'skipped':>9}")
for name, c in rows + [("TOTAL", total)]:
    print(f"{name:<18}{c[0]:>7}{c[1]:>10}{c[2]:>8}{c[3]:>9}")
PY
echo "test.sh: $([ $status = 0 ] && echo PASSED || echo FAILED) in $((SECONDS - started)) s (infrastructure left running; stop it with deploy/local/stack.sh down)"
exit $status
