#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, starts the local stack and shows it
# healthy. (The pipeline issue extends this to submit a fetch job for the emulator's demo business.)
set -euo pipefail
LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"

command -v kcat >/dev/null || {
  echo "installing kcat (to read topics) with apt-get"
  apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat >/dev/null
}

echo "== building the services"
"$ROOT/mvnw" -B -q -DskipTests package

echo "== starting the local stack"
"$LOCAL_DIR/stack.sh" up

echo "== status"
"$LOCAL_DIR/stack.sh" status

echo "== topics on the broker"
kcat -b 127.0.0.1:9092 -L | grep -E '^\s+topic "(fetch|reviews|job)-' || true

cat <<TXT

The stack is up. Read the product's output with:
  kcat -b 127.0.0.1:9092 -C -t reviews-raw -o beginning -f '%k %s\n'
Logs: deploy/local/logs/   Stop everything: deploy/local/stack.sh down
TXT
