#!/usr/bin/env bash
# The local stack: a real Kafka broker (KRaft, from Maven Central jars), Redis, PostgreSQL, the topics,
# and every service as its own JVM process.
#
#   deploy/local/stack.sh up [infra | service...]
#                                      start what is not running: everything, the infrastructure alone
#                                      (Kafka, Redis, PostgreSQL, topics), or it plus the named services
#   deploy/local/stack.sh down         stop what `up` started, and only that
#   deploy/local/stack.sh status       what is up, and whether each service is ready
#   deploy/local/stack.sh logs [name]  the last lines of every log, or follow one (e.g. `logs review-worker-1`)
#   deploy/local/stack.sh empty-review-store
#                                      empty the review store (for a run against a freshly started emulator)
#   deploy/local/stack.sh java-opts    the JVM options each service starts with (SERVICE_JAVA_OPTS or the default)
#
# REPLICAS=N starts N instances of ingress-api and of each worker (they are the services that run as several pods and
# share work through the broker, Redis or PostgreSQL); replica k >= 1 listens on its port + 100*k.
# Every variable of the README's configuration table is passed through to the services.
set -euo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
RUN="$LOCAL_DIR/run"
LOGS="$LOCAL_DIR/logs"
PIDS="$RUN/pids"
KAFKA_DIR="$RUN/kafka"
SECRETS="$LOCAL_DIR/.secrets.env"
TOPICS_FILE="$ROOT/deploy/kafka/topics.txt"

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
REDIS_PORT=6379
PG_PORT=5432
DB_NAME=review_fetcher
DB_USER=review_fetcher

# The services' JVM options. On this 2-core machine the C2 compiler's warm-up competes with the work for the same
# cores: with C1 alone (TieredStopAtLevel=1) one quota-lifted job of 225,000 reviews ran at 3,237 reviews/s instead
# of 1,923-2,010, ingress took 835 jobs/s instead of 470-583, and services start sooner and smaller (bench.sh
# pipeline, ingress and startup, README "Where the time goes"). A 16 MiB initial heap grows as needed.
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--Xms16m -Xmx512m -XX:+UseParallelGC -XX:TieredStopAtLevel=1}"

# service:port, in start order. The ones REPLICAS multiplies are marked with *.
SERVICES=(gbp-emulator:8089 token-service:8081 ingress-api:8080* account-worker:8082* location-worker:8083*
  review-worker:8084* retry-service:8085*)

mkdir -p "$RUN" "$LOGS" "$PIDS"
# shellcheck source=deploy/local/secrets.sh
. "$LOCAL_DIR/secrets.sh"

say() { printf '%s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_until() { # wait_until <seconds> <description> <command...>
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then say "timed out waiting for $what" >&2; return 1; fi
    sleep 0.5
  done
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  say "installing $* with apt-get"
  as_root apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# --- Kafka ------------------------------------------------------------------------------------------------
kafka_cp() { echo "$KAFKA_DIR/lib/*"; }

# The broker's jars, which also carry the admin tools used for the topics (even with a reused broker).
kafka_lib() {
  if [ ! -f "$KAFKA_DIR/lib/kafka_2.13-4.1.1.jar" ]; then
    say "kafka       assembling the broker from Maven Central jars"
    "$ROOT/mvnw" -B -q -f "$LOCAL_DIR/kafka-broker.pom.xml" dependency:copy-dependencies >&2
  fi
}

kafka_up() {
  if port_open $KAFKA_PORT; then
    say "kafka       reusing the broker on 127.0.0.1:$KAFKA_PORT"
    return
  fi
  kafka_lib
  mkdir -p "$KAFKA_DIR/data"
  cat > "$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  cat > "$KAFKA_DIR/log4j2.properties" <<EOF
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.state.name=state.change.logger
logger.state.level=WARN
EOF
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java -cp "$(kafka_cp)" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$(kafka_cp)" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" >> "$LOGS/kafka.log" 2>&1
  fi
  say "kafka       starting on 127.0.0.1:$KAFKA_PORT"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    -cp "$(kafka_cp)" kafka.Kafka "$KAFKA_DIR/server.properties" >> "$LOGS/kafka.log" 2>&1 &
  echo $! > "$PIDS/kafka.pid"
  wait_until 60 "Kafka on :$KAFKA_PORT" port_open $KAFKA_PORT
}

topics_up() {
  local existing name partitions retention
  kafka_lib
  existing=$(java -cp "$(kafka_cp)" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$KAFKA_PORT --list 2>/dev/null)
  while read -r name partitions retention; do
    case "$name" in ''|\#*) continue ;; esac
    if grep -qx "$name" <<< "$existing"; then continue; fi
    java -cp "$(kafka_cp)" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$KAFKA_PORT --create \
      --if-not-exists --topic "$name" --partitions "$partitions" --replication-factor 1 \
      --config retention.ms="$retention" >/dev/null
    say "topic       created $name ($partitions partitions, retention.ms=$retention)"
  done < "$TOPICS_FILE"
}

# --- Redis ------------------------------------------------------------------------------------------------
redis_up() {
  if port_open $REDIS_PORT; then
    say "redis       reusing the server on 127.0.0.1:$REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null || apt_install redis-server redis-tools
  if port_open $REDIS_PORT; then # the package may have started its own server
    say "redis       reusing the server the package started on 127.0.0.1:$REDIS_PORT"
    return
  fi
  mkdir -p "$RUN/redis"
  say "redis       starting on 127.0.0.1:$REDIS_PORT"
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --daemonize yes --dir "$RUN/redis" \
    --pidfile "$PIDS/redis.pid" --logfile "$LOGS/redis.log" --appendonly yes --save ""
  wait_until 20 "Redis on :$REDIS_PORT" port_open $REDIS_PORT
}

# --- PostgreSQL -------------------------------------------------------------------------------------------
pg_local_cluster() { pg_lsclusters --no-header 2>/dev/null | awk -v p=$PG_PORT '$3 == p {print $1, $2; exit}'; }

postgres_up() {
  if ! port_open $PG_PORT; then
    command -v pg_lsclusters >/dev/null && [ -n "$(pg_local_cluster)" ] || apt_install postgresql
    local cluster
    cluster=$(pg_local_cluster)
    if [ -z "$cluster" ]; then
      local version
      version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
      as_root pg_createcluster -p $PG_PORT "$version" main >/dev/null
      cluster="$version main"
    fi
    if ! port_open $PG_PORT; then
      say "postgres    starting cluster $cluster on 127.0.0.1:$PG_PORT"
      # shellcheck disable=SC2086
      as_root pg_ctlcluster $cluster start
      echo "$cluster" > "$RUN/postgres.started-by-stack"
    fi
    wait_until 30 "PostgreSQL on :$PG_PORT" port_open $PG_PORT
  else
    say "postgres    reusing the server on 127.0.0.1:$PG_PORT"
  fi
  postgres_database
}

# Idempotent: the role's password follows .secrets.env; the databases are created once.
postgres_database() {
  if [ -z "$(pg_local_cluster)" ]; then
    say "postgres    not a local cluster: set TOKEN_DB_URL, TOKEN_DB_USER and TOKEN_DB_PASSWORD for it"
    return
  fi
  # From /, since the postgres user may not be allowed into the current directory.
  local psql=(as_root env -C / su postgres -c)
  local password_sql
  password_sql=$(printf "%s" "$TOKEN_DB_PASSWORD" | sed "s/'/''/g")
  "${psql[@]}" "psql -q -v ON_ERROR_STOP=1 -p $PG_PORT" >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN;
  END IF;
END \$\$;
ALTER ROLE $DB_USER PASSWORD '$password_sql';
SQL
  local db
  for db in $DB_NAME ${DB_NAME}_test; do
    if [ "$("${psql[@]}" "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$db'\"")" != 1 ]; then
      "${psql[@]}" "createdb -p $PG_PORT -O $DB_USER $db"
      say "postgres    created database $db"
    fi
  done
}

# --- services ---------------------------------------------------------------------------------------------
instances() { # prints "name port" for every instance to run
  local entry name port k replicas
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}; port=${entry#*:}; replicas=1
    if [[ $port == *\* ]]; then port=${port%\*}; replicas=${REPLICAS:-1}; fi
    for ((k = 0; k < replicas; k++)); do
      if [ $k = 0 ]; then echo "$name $port"; else echo "$name-$k $((port + 100 * k))"; fi
    done
  done
}

health() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/$2" 2>/dev/null || true; }
ready() { [ "$(health "$1" ready)" = 200 ]; }

# The console's pods (ingress-api's CONSOLE_WORKERS): every instance of each service with intake control.
console_workers() {
  local instance port entries=()
  while read -r instance port; do
    case "$instance" in account-worker*|location-worker*|review-worker*|retry-service*)
      entries+=("$(sed -E 's/-[0-9]+$//' <<< "$instance")=http://127.0.0.1:$port") ;;
    esac
  done < <(instances)
  (IFS=,; echo "${entries[*]}")
}

services_up() { # services_up [module...]: all when none is named
  export GOOGLE_API_BASE_URL="${GOOGLE_API_BASE_URL-http://127.0.0.1:8089}"
  CONSOLE_WORKERS="${CONSOLE_WORKERS-$(console_workers)}"
  export CONSOLE_WORKERS
  # Google's review notifications: the emulator pushes to ingress-api as a Pub/Sub push subscription would, with the
  # endpoint's URL as the token's audience; ingress-api checks the tokens against the emulator's keys (its JWKS URL
  # follows GOOGLE_API_BASE_URL).
  export EMULATOR_PUSH_ENDPOINT="${EMULATOR_PUSH_ENDPOINT-http://127.0.0.1:8080/api/v1/google/notifications}"
  export GOOGLE_PUSH_AUDIENCE="${GOOGLE_PUSH_AUDIENCE-$EMULATOR_PUSH_ENDPOINT}"
  export GOOGLE_PUSH_SERVICE_ACCOUNT="${GOOGLE_PUSH_SERVICE_ACCOUNT-review-fetcher-push@emulator-project.iam.gserviceaccount.com}"
  export EMULATOR_PUSH_SERVICE_ACCOUNT="$GOOGLE_PUSH_SERVICE_ACCOUNT"
  local instance port module jar started=()
  while read -r instance port; do
    module=$(sed -E 's/-[0-9]+$//' <<< "$instance")
    if [ $# -gt 0 ] && [[ " $* " != *" $module "* ]]; then continue; fi
    jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
    if pid_alive "$PIDS/$instance.pid" || port_open "$port"; then
      say "$(printf '%-18s' "$instance") already running on :$port"
      continue
    fi
    [ -f "$jar" ] || { say "$module is not built: run ./mvnw -B -DskipTests package first" >&2; exit 1; }
    # Run a copy, so a rebuild (./mvnw verify) cannot swap jars under a running process.
    if [ ! -d "$RUN/apps/$instance" ] || [ "$jar" -nt "$RUN/apps/$instance/quarkus-run.jar" ]; then
      rm -rf "$RUN/apps/$instance" && mkdir -p "$RUN/apps" && cp -r "$ROOT/$module/target/quarkus-app" "$RUN/apps/$instance"
    fi
    # shellcheck disable=SC2086
    QUARKUS_HTTP_PORT=$port nohup java $SERVICE_JAVA_OPTS -jar "$RUN/apps/$instance/quarkus-run.jar" \
      > "$LOGS/$instance.log" 2>&1 &
    echo $! > "$PIDS/$instance.pid"
    started+=("$instance:$port")
  done < <(instances)
  local entry
  for entry in ${started[@]+"${started[@]}"}; do
    instance=${entry%%:*}; port=${entry#*:}
    if wait_until 120 "$instance to be ready on :$port" ready "$port"; then
      say "$(printf '%-18s' "$instance") ready on :$port"
    else
      say "$instance did not get ready; its log: $LOGS/$instance.log" >&2
      tail -n 30 "$LOGS/$instance.log" >&2
      exit 1
    fi
  done
}

# --- commands ---------------------------------------------------------------------------------------------
up() {
  load_secrets "$SECRETS"
  kafka_up
  redis_up
  postgres_up
  topics_up
  case "${1:-all}" in
    infra) ;;
    all) services_up ;;
    *) services_up "$@" ;;
  esac
}

stop_pid() { # stop_pid <name> <pidfile>
  local pid
  pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait_until 30 "$1 (pid $pid) to stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
    say "$(printf '%-18s' "$1") stopped (pid $pid)"
  fi
  rm -f "$2"
}

down() {
  local file name
  for file in "$PIDS"/*.pid; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .pid)
    case "$name" in kafka|redis) continue ;; esac
    stop_pid "$name" "$file" & # in parallel: a worker takes 6-9 s to leave its consumer groups
  done
  wait
  [ -f "$PIDS/kafka.pid" ] && stop_pid kafka "$PIDS/kafka.pid"
  [ -f "$PIDS/redis.pid" ] && stop_pid redis "$PIDS/redis.pid"
  if [ -f "$RUN/postgres.started-by-stack" ]; then
    # shellcheck disable=SC2046
    as_root pg_ctlcluster $(cat "$RUN/postgres.started-by-stack") stop && say "postgres    stopped"
    rm -f "$RUN/postgres.started-by-stack"
  fi
  return 0
}

status() {
  local code=0
  line() { printf '%-18s %-9s %s\n' "$1" "$2" "$3"; }
  line COMPONENT STATE DETAIL
  local part name port owner
  for part in kafka:$KAFKA_PORT redis:$REDIS_PORT postgres:$PG_PORT; do
    name=${part%%:*}; port=${part#*:}
    owner=reused
    if pid_alive "$PIDS/$name.pid" || { [ $name = postgres ] && [ -f "$RUN/postgres.started-by-stack" ]; }; then
      owner="started by stack.sh"
    fi
    if port_open "$port"; then line "$name" up "127.0.0.1:$port, $owner"; else line "$name" down "127.0.0.1:$port"; code=1; fi
  done
  if port_open $KAFKA_PORT && [ -d "$KAFKA_DIR/lib" ]; then
    line topics "$(java -cp "$(kafka_cp)" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$KAFKA_PORT --list 2>/dev/null | grep -cxFf <(awk '!/^#/ && NF {print $1}' "$TOPICS_FILE"))/$(grep -cvE '^#|^$' "$TOPICS_FILE")" "of the contract's topics exist"
  fi
  local instance port
  while read -r instance port; do
    if [ "$(health "$port" ready)" = 200 ]; then
      line "$instance" ready ":$port"
    elif port_open "$port"; then
      line "$instance" "not-ready" ":$port $(curl -s --max-time 2 "http://127.0.0.1:$port/q/health/ready" | tr -d '\n ' | head -c 200)"; code=1
    else
      line "$instance" down ":$port$(pid_alive "$PIDS/$instance.pid" && echo ' (starting)')"; code=1
    fi
  done < <(instances)
  return $code
}

logs() {
  if [ -n "${1:-}" ]; then
    exec tail -n 100 -F "$LOGS/$1.log"
  fi
  local file
  for file in "$LOGS"/*.log; do
    [ -e "$file" ] || continue
    printf '==> %s <==\n' "$file"
    tail -n 20 "$file"
  done
}

# The review store's reviews and locations, emptied. The emulator makes its data set anew at each start (same seed,
# same review ids): a store kept from an earlier run holds edits and deletions its new Google never made.
empty_review_store() {
  as_root env -C / su postgres -c "psql -q -p $PG_PORT -d $DB_NAME" >/dev/null <<'SQL'
DO $$ BEGIN
  IF to_regclass('review_store.reviews') IS NOT NULL THEN
    TRUNCATE review_store.reviews, review_store.locations;
  END IF;
END $$;
SQL
  say "review store emptied"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  empty-review-store) empty_review_store ;;
  java-opts) echo "$SERVICE_JAVA_OPTS" ;;
  down) down ;;
  status) status ;;
  logs) logs "${2:-}" ;;
  *) say "usage: $0 up [infra | service...] | down | status | logs [service] | empty-review-store" >&2; exit 2 ;;
esac
