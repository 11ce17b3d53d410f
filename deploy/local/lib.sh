# Shared shell functions for ./traffic. Sourced, not executed.
# Every function here is idempotent: running it twice does no harm.

: "${TRAFFIC_ROOT:?TRAFFIC_ROOT must be set}"
STATE_DIR="${TRAFFIC_STATE_DIR:-$TRAFFIC_ROOT/.traffic}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${TRAFFIC_PG_PORT:-55432}"
KAFKA_PORT="${TRAFFIC_KAFKA_PORT:-59092}"
DEBIAN_PACKAGES=(postgresql-15 postgresql-15-postgis-3 tesseract-ocr tesseract-ocr-eng fonts-dejavu-core fonts-roboto-unhinted sumo sumo-tools chromium chromium-driver)
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"

say() { printf '\033[1m[traffic]\033[0m %s\n' "$*" >&2; }
die() { printf '[traffic] error: %s\n' "$*" >&2; exit 1; }

# Install the Debian packages the product needs, only those that are missing.
ensure_packages() {
  command -v java >/dev/null || die "no 'java' on PATH: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  local missing=() p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing missing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"
    else die "not root and no password-less sudo. Ask an administrator to run:
  apt-get install -y --no-install-recommends ${missing[*]}
then run this command again."; fi
  fi
  command -v apt-get >/dev/null || die "no apt-get: this is not a Debian-like system. Install by hand: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    || die "apt-get update failed (no network to the Debian mirror?). Install by hand: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  say "installed: ${missing[*]}"
}

mvnw() { "$TRAFFIC_ROOT/mvnw" -B -ntp "$@"; }

# Build all modules (no tests) unless the jars are newer than every source file.
build_quiet() {
  local stamp="$STATE_DIR/build.stamp"
  mkdir -p "$STATE_DIR"
  if [ -f "$stamp" ] && [ -z "$(find "$TRAFFIC_ROOT" -path "$TRAFFIC_ROOT/.traffic" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  say "building (mvn install -DskipTests) …"
  mvnw -q install -DskipTests || die "build failed"
  touch "$stamp"
}

# --- PostgreSQL + PostGIS: a private cluster in a project folder on a non-default port ---
_as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# pg_up DIR PORT [extra postgres -c options…]: init (once) and start a cluster; create db 'traffic' with PostGIS.
pg_up() {
  local dir="$1" port="$2"; shift 2
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    _as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed in $dir"
  fi
  if ! _as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    _as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
      -o "-p $port -k $dir -c listen_addresses=localhost $*" start >/dev/null \
      || die "PostgreSQL did not start; see $dir/postgres.log"
  fi
  psql_at "$port" postgres -tAc "SELECT 1 FROM pg_database WHERE datname='traffic'" | grep -q 1 \
    || psql_at "$port" postgres -qc "CREATE DATABASE traffic" >/dev/null
  psql_at "$port" traffic -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}
pg_down() { local dir="$1"; [ -f "$dir/data/PG_VERSION" ] && _as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; }
psql_at() { local port="$1" db="$2"; shift 2; "$PG_BIN/psql" -h localhost -p "$port" -U postgres -d "$db" "$@"; }

# --- tests ---
# One PostGIS cluster for the whole run; every test JVM makes its own database in it
# (see test-support's PostgisExtension). Kafka runs in-process, one broker per test JVM.
run_tests() {
  local dir="$STATE_DIR/test-pg" port="${TRAFFIC_TEST_PG_PORT:-55433}"
  pg_down "$dir"; rm -rf "$dir"
  say "starting the test PostGIS cluster on port $port"
  pg_up "$dir" "$port" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
  trap 'pg_down "'"$dir"'"' EXIT
  export TRAFFIC_TEST_PG_URL="jdbc:postgresql://localhost:$port/postgres?user=postgres"
  mvnw verify "$@"
}

# --- JVMs: classpaths and options ---
# The add-opens/exports list Flink needs on JDK 17 (single source: root pom property flink.jvm.opens).
flink_jvm_opens() { sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$TRAFFIC_ROOT/pom.xml"; }

# module_classpath MODULE [SCOPE…]: the module's dependency classpath (default scope runtime; several scopes
# are joined, e.g. "runtime provided"), resolved once with dependency:build-classpath and cached under
# .traffic/cp/ until the root or module pom.xml content changes. Sibling modules come from ~/.m2 (build_quiet installs them).
module_classpath() {
  local module="$1"; shift
  local scopes=("${@:-runtime}") scope f parts=() key
  mkdir -p "$STATE_DIR/cp"
  # cache key: the content (not the mtime) of the root and module poms
  key="$(cat "$TRAFFIC_ROOT/pom.xml" "$TRAFFIC_ROOT/$module/pom.xml" | sha1sum | cut -c1-12)"
  for scope in "${scopes[@]}"; do
    f="$STATE_DIR/cp/$module.$scope.cp"
    if [ ! -s "$f" ] || [ "$(cat "$f.key" 2>/dev/null)" != "$key" ]; then
      mvnw -q -o -pl "$module" dependency:build-classpath -DincludeScope="$scope" -Dmdep.outputFile="$f" >/dev/null 2>&1 \
        || mvnw -q -pl "$module" dependency:build-classpath -DincludeScope="$scope" -Dmdep.outputFile="$f" >/dev/null \
        || die "cannot resolve the $scope classpath of $module"
      echo "$key" > "$f.key"
    fi
    parts+=("$(cat "$f")")
  done
  (IFS=:; echo "${parts[*]}")
}

# wait_port PORT SECONDS: until something listens on 127.0.0.1:PORT.
wait_port() {
  local port="$1" deadline=$(( $(date +%s) + ${2:-30} ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# JVM options for short-lived local processes (demo, stack): C1 only and the serial collector cost far
# less CPU while starting on a 2-core machine; override with TRAFFIC_JVM_OPTS.
local_jvm_opts() { echo "${TRAFFIC_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}"; }

# --- Kafka: a real Apache Kafka 4.2 broker (KRaft, one node) in its own JVM; see deploy/local/kafka/ ---
KAFKA_DIR="$STATE_DIR/kafka"
kafka_pid() { [ -f "$KAFKA_DIR/pid" ] && cat "$KAFKA_DIR/pid"; }
kafka_running() {
  local pid; pid="$(kafka_pid 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}
# kafka_up: start the broker in the background (returns at once; prints its pid); kafka_wait: until it listens.
kafka_up() {
  if kafka_running; then kafka_pid; return 0; fi
  port_in_use "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; set TRAFFIC_KAFKA_PORT"
  local cp props="$KAFKA_DIR/server.properties"
  cp="$(module_classpath test-support runtime)"
  mkdir -p "$KAFKA_DIR"
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$((KAFKA_PORT + 1))|g" -e "s|@LOG_DIR@|$KAFKA_DIR/data|g" \
    "$TRAFFIC_ROOT/deploy/local/kafka/server.properties.template" > "$props"
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id; cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    java -cp "$cp" -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/kafka/log4j2.properties" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted > "$KAFKA_DIR/format.log" 2>&1 \
      || die "formatting Kafka storage failed; see $KAFKA_DIR/format.log"
  fi
  # shellcheck disable=SC2046
  nohup java -Xms128m -Xmx512m $(local_jvm_opts) $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/kafka/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$props" > "$KAFKA_DIR/broker.log" 2>&1 < /dev/null &
  echo $! > "$KAFKA_DIR/pid"
  echo $!
}
kafka_wait() { wait_port "$KAFKA_PORT" "${1:-60}" || die "Kafka did not listen on $KAFKA_PORT; see $KAFKA_DIR/broker.log"; }
kafka_down() {
  kafka_running || { rm -f "$KAFKA_DIR/pid"; return 0; }
  local pid; pid="$(kafka_pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i; for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$KAFKA_DIR/pid"
}

# --- local stack for the demo and manual use ---
postgis_up()   { pg_up "$STATE_DIR/pg" "$PG_PORT"; say "PostGIS: jdbc:postgresql://localhost:$PG_PORT/traffic (user postgres)"; }
postgis_running() { _as_pg "$PG_BIN/pg_ctl" -D "$STATE_DIR/pg/data" status >/dev/null 2>&1; }
stack_up()     { postgis_up; kafka_up >/dev/null; kafka_wait; say "Kafka: 127.0.0.1:$KAFKA_PORT (log $KAFKA_DIR/broker.log)"; }
stack_down()   { kafka_down; pg_down "$STATE_DIR/pg"; }
stack_status() {
  if postgis_running; then echo "postgis: up on $PG_PORT"; else echo "postgis: down"; fi
  if kafka_running; then echo "kafka: up on $KAFKA_PORT (pid $(kafka_pid))"; else echo "kafka: down"; fi
}

# register_import CSV JDBC_URL PG_PORT CLASSPATH: a register extract (plate,category,fuel,euro_norm,…) into
# vehicle_register (RegisterTool: upsert by plate, row errors kept), and its vehicles recorded as having used the
# policy's 6 occasional entries of the year already (2–7 January, table occasional_entries), so that a
# non-compliant one entering today is a VIOLATION instead of a free day. Used by the demo and the cluster.
register_import() {
  local csv="$1" jdbc="$2" port="$3" cp="$4" plates
  java -Xmx128m -XX:TieredStopAtLevel=1 -cp "$cp" pl.kielce.traffic.store.register.RegisterTool \
    import-register "$csv" --db "$jdbc" >&2 || return 1
  plates="$(tail -n +2 "$csv" | cut -d, -f1 | grep -E '^[A-Z0-9]+$' | sed "s/.*/'&'/" | paste -sd, -)"
  [ -n "$plates" ] || return 0
  psql_at "$port" traffic -qv ON_ERROR_STOP=1 >/dev/null <<SQL
BEGIN;
DELETE FROM occasional_entries WHERE plate IN ($plates);
INSERT INTO occasional_entries (plate, day)
  SELECT p, (date_trunc('year', now())::date + d) FROM unnest(ARRAY[$plates]) p, generate_series(1, 6) d;
COMMIT;
SQL
}
