#!/usr/bin/env bash
# ./traffic demo — the whole product on the local stack: PostGIS, a Kafka broker (own JVM), every Flink
# job in one MiniCluster (own JVM), the operator console (when built), and generated ANPR reads.
# Ctrl-C stops every process this script started (and PostGIS if it was not running before).
#
# Structure: the demo is the ordered list of step functions in DEMO_STEPS. To add a step, put a file in
# deploy/local/demo.d/<nn>-<name>.sh that defines a function and inserts it, e.g.
#     my_step() { demo_java my-thing 256m "$(demo_classpath)" pl.kielce.traffic.my.Main --flag; }
#     demo_step_after demo_jobs my_step          # or: DEMO_STEPS+=(my_step)
#     DEMO_SUMMARY+=("my thing: http://127.0.0.1:1234")
# Helpers: demo_spawn NAME CMD… (background, logged, stopped on exit), demo_java NAME HEAP CLASSPATH MAIN ARGS…,
# demo_classpath (stream-jobs jar + dependencies), demo_elapsed, say, die.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export TRAFFIC_ROOT="${TRAFFIC_ROOT:-$ROOT}"
# shellcheck source=lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

DEMO_T0=$(date +%s%N)
DEMO_LOG_DIR="$STATE_DIR/demo"
FLINK_PORT="${TRAFFIC_FLINK_PORT:-58081}"
CONSOLE_PORT="${TRAFFIC_CONSOLE_PORT:-8080}"
DEMO_READY_TIMEOUT="${TRAFFIC_DEMO_TIMEOUT:-150}"
export TRAFFIC_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
export TRAFFIC_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/traffic?user=postgres"
export TRAFFIC_FLINK_PORT="$FLINK_PORT"
export TRAFFIC_CITY_DIR="$TRAFFIC_ROOT/cities/kielce"

DEMO_PIDS=(); DEMO_PID_NAMES=(); DEMO_SUMMARY=(); DEMO_STARTED_PG=0; DEMO_CONSOLE=0

# --- helpers -----------------------------------------------------------------------------------
demo_elapsed() { local ms=$(( ($(date +%s%N) - DEMO_T0) / 1000000 )); printf '%d.%01d s' $((ms / 1000)) $(((ms % 1000) / 100)); }
demo_say() { say "[$(demo_elapsed)] $*"; }

# demo_spawn NAME CMD…: run in the background, output to .traffic/demo/NAME.log, stopped on exit.
demo_spawn() {
  local name="$1"; shift
  "$@" > "$DEMO_LOG_DIR/$name.log" 2>&1 < /dev/null &
  DEMO_PIDS+=($!); DEMO_PID_NAMES+=("$name")
}
# demo_java NAME HEAP CLASSPATH MAIN ARGS…: a JVM with Flink's add-opens (every demo JVM gets them).
demo_java() {
  local name="$1" heap="$2" cp="$3"; shift 3
  # shellcheck disable=SC2046
  demo_spawn "$name" java -Xmx"$heap" $(local_jvm_opts) $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
    -cp "$cp" "$@"
}
# The stream-jobs jar and its runtime + provided dependencies (Flink, connectors, migrations, logging).
demo_classpath() {
  local jar; jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*.jar 2>/dev/null | grep -v -- '-job\.jar$' | head -1)"
  [ -n "$jar" ] || die "stream-jobs jar missing: the build did not produce it"
  echo "$jar:$(module_classpath stream-jobs runtime provided)"
}
# demo_step_after EXISTING NEW: insert step NEW right after EXISTING (at the end when EXISTING is absent).
demo_step_after() {
  local steps=() s found=0
  for s in "${DEMO_STEPS[@]}"; do steps+=("$s"); if [ "$s" = "$1" ]; then steps+=("$2"); found=1; fi; done
  [ $found -eq 1 ] || steps+=("$2")
  DEMO_STEPS=("${steps[@]}")
}
# demo_wait_log NAME PATTERN SECONDS: until the process's log shows PATTERN; fails if it died.
demo_wait_log() {
  local name="$1" pattern="$2" deadline=$(( $(date +%s) + $3 )) i
  while ! grep -q -- "$pattern" "$DEMO_LOG_DIR/$name.log" 2>/dev/null; do
    for i in "${!DEMO_PID_NAMES[@]}"; do
      if [ "${DEMO_PID_NAMES[$i]}" = "$name" ] && ! kill -0 "${DEMO_PIDS[$i]}" 2>/dev/null; then
        tail -n 30 "$DEMO_LOG_DIR/$name.log" >&2; die "$name exited; log: $DEMO_LOG_DIR/$name.log"
      fi
    done
    [ "$(date +%s)" -ge "$deadline" ] && { tail -n 30 "$DEMO_LOG_DIR/$name.log" >&2; die "$name not ready within $3 s; log: $DEMO_LOG_DIR/$name.log"; }
    sleep 0.3
  done
}

demo_cleanup() {
  trap - EXIT INT TERM
  [ ${#DEMO_PIDS[@]} -gt 0 ] || { [ $DEMO_STARTED_PG -eq 1 ] && pg_down "$STATE_DIR/pg"; return 0; }
  say "stopping: ${DEMO_PID_NAMES[*]}"
  local i pid
  for (( i=${#DEMO_PIDS[@]}-1; i>=0; i-- )); do kill -TERM "${DEMO_PIDS[$i]}" 2>/dev/null || true; done
  for i in $(seq 1 100); do
    local alive=0
    for pid in "${DEMO_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${DEMO_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -f "$KAFKA_DIR/pid"
  if [ $DEMO_STARTED_PG -eq 1 ]; then say "stopping PostGIS"; pg_down "$STATE_DIR/pg"; fi
  say "stopped everything the demo started"
}

# --- steps ---------------------------------------------------------------------------------------
demo_build() {
  if [ "${TRAFFIC_SKIP_BUILD:-0}" = 1 ]; then demo_say "build skipped (TRAFFIC_SKIP_BUILD=1)"; return 0; fi
  build_quiet; demo_say "build ready"
}

demo_postgis() {
  if ! postgis_running; then DEMO_STARTED_PG=1; fi
  postgis_up
}

demo_kafka() {
  if kafka_running; then
    demo_say "Kafka already running on $KAFKA_PORT (started by ./traffic stack up): using it, leaving it running"
    return 0
  fi
  if [ "${TRAFFIC_DEMO_KEEP_KAFKA:-0}" != 1 ] && [ -d "$KAFKA_DIR/data" ]; then
    rm -rf "$KAFKA_DIR/data"   # a fresh log per demo run: the jobs' state starts empty too (TRAFFIC_DEMO_KEEP_KAFKA=1 keeps it)
  fi
  local pid; pid="$(kafka_up)"
  DEMO_PIDS+=("$pid"); DEMO_PID_NAMES+=(kafka)
  demo_say "Kafka broker starting (pid $pid, log $KAFKA_DIR/broker.log)"
}

demo_jobs() {
  port_in_use "$FLINK_PORT" && die "port $FLINK_PORT (Flink REST) is taken; set TRAFFIC_FLINK_PORT"
  demo_java jobs 1g "$(demo_classpath)" pl.kielce.traffic.streams.LocalJobsMain
  demo_say "Flink jobs starting (log $DEMO_LOG_DIR/jobs.log)"
}

demo_console() {
  local jar="" f
  for f in "$TRAFFIC_ROOT"/operator-console/target/*.jar; do
    [ -e "$f" ] || continue
    # a runnable Spring Boot jar: Maven's repackage leaves the plain one as *.jar.original; else look for BOOT-INF/
    if [ -f "$f.original" ] || grep -aq 'BOOT-INF/' "$f"; then jar="$f"; break; fi
  done
  if [ -z "$jar" ]; then
    DEMO_SUMMARY+=("Console   not started: no runnable operator-console/target/*.jar — counts are in PostGIS table passage_counts")
    return 0
  fi
  port_in_use "$CONSOLE_PORT" && die "port $CONSOLE_PORT (console) is taken; set TRAFFIC_CONSOLE_PORT"
  # shellcheck disable=SC2046
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:$PG_PORT/traffic" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD="" SPRING_FLYWAY_OUT_OF_ORDER=true SERVER_PORT="$CONSOLE_PORT" SERVER_ADDRESS=127.0.0.1 \
    demo_spawn console java -Xmx512m $(local_jvm_opts) $(flink_jvm_opens) -jar "$jar"
  DEMO_CONSOLE=1
  demo_say "console starting from $(basename "$jar") (log $DEMO_LOG_DIR/console.log)"
}

demo_wait_stack() {
  kafka_wait 60
  demo_say "Kafka listening on $KAFKA_PORT"
  demo_wait_log jobs "\[jobs\] ready" 120
  demo_say "$(grep '\[jobs\] ready' "$DEMO_LOG_DIR/jobs.log" | tail -1 | sed 's/^\[jobs\] //')"
}

demo_replay() {
  # one JVM: publishes a 30-minute history (so closed windows show at once), then live reads at 5/s
  demo_java replay 256m "$(demo_classpath)" pl.kielce.traffic.counts.replay.ReplayReads \
    --cameras "$TRAFFIC_CITY_DIR/cameras.geojson" --history-reads "${TRAFFIC_DEMO_READS:-3000}" --history-minutes 30 \
    --malformed 2 --live --live-rate 5 --seed "$RANDOM"
  demo_wait_log replay "^\[replay\] published" 60
  demo_say "$(grep '^\[replay\] published' "$DEMO_LOG_DIR/replay.log" | tail -1 | sed 's/^\[replay\] //')"
}

demo_wait_counts() {
  local deadline=$(( $(date +%s) + 90 )) rows=0 since
  since="$(date -u -d "@$(( DEMO_T0 / 1000000000 ))" '+%Y-%m-%d %H:%M:%S+00')"
  while :; do
    rows="$(psql_at "$PG_PORT" traffic -tAc "SELECT count(*) FROM passage_counts WHERE updated_at >= '$since'" 2>/dev/null || echo 0)"
    [ "${rows:-0}" -gt 0 ] && break
    [ "$(date +%s)" -ge "$deadline" ] && die "no passage counts in PostGIS after 90 s; see $DEMO_LOG_DIR/jobs.log"
    sleep 0.5
  done
  demo_say "passage counts visible in PostGIS: $rows rows written by this run (camera × 5-minute window)"
  if [ $DEMO_CONSOLE -eq 1 ]; then
    if demo_wait_http "http://127.0.0.1:$CONSOLE_PORT/api/passage-counts" 90; then
      demo_say "console serves http://127.0.0.1:$CONSOLE_PORT/api/passage-counts"
    else
      say "warning: the console did not answer /api/passage-counts; see $DEMO_LOG_DIR/console.log"
    fi
  fi
  DEMO_READY_AT="$(demo_elapsed)"
}
demo_wait_http() {
  local url="$1" deadline=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

demo_summary() {
  local dlq
  cat >&2 <<TXT

  ==== Kielce traffic demo: ready in ${DEMO_READY_AT:-$(demo_elapsed)} ====
  PostGIS   jdbc:postgresql://localhost:$PG_PORT/traffic?user=postgres
            psql -h localhost -p $PG_PORT -U postgres traffic -c 'SELECT * FROM passage_counts ORDER BY window_start DESC LIMIT 20'
  Kafka     127.0.0.1:$KAFKA_PORT   topics: anpr.reads → counts.passages, anpr.reads.dlq (bad reads with reasons), …
  Flink     http://127.0.0.1:$FLINK_PORT  (MiniCluster REST/UI; jobs log $DEMO_LOG_DIR/jobs.log)
TXT
  if [ $DEMO_CONSOLE -eq 1 ]; then
    printf '  Console   http://127.0.0.1:%s   passage counts: GET http://127.0.0.1:%s/api/passage-counts\n' "$CONSOLE_PORT" "$CONSOLE_PORT" >&2
  fi
  local line; for line in "${DEMO_SUMMARY[@]}"; do printf '  %s\n' "$line" >&2; done
  printf '  Logs      %s/\n  Replay    live reads at 5/s (replay.log); Ctrl-C stops everything.\n\n' "$DEMO_LOG_DIR" >&2
}

demo_monitor() {
  local i reported=()
  while :; do
    for i in "${!DEMO_PIDS[@]}"; do
      if ! kill -0 "${DEMO_PIDS[$i]}" 2>/dev/null && [[ " ${reported[*]} " != *" $i "* ]]; then
        say "warning: ${DEMO_PID_NAMES[$i]} exited; log: $DEMO_LOG_DIR/${DEMO_PID_NAMES[$i]}.log"
        reported+=("$i")
      fi
    done
    sleep 2 & wait $! || true
  done
}

DEMO_STEPS=(demo_build demo_postgis demo_kafka demo_jobs demo_console demo_wait_stack demo_replay demo_wait_counts demo_summary)

# helpers' additions
for f in "$TRAFFIC_ROOT"/deploy/local/demo.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck disable=SC1090
  source "$f"
done

mkdir -p "$DEMO_LOG_DIR"
trap demo_cleanup EXIT
trap 'exit 130' INT TERM
for step in "${DEMO_STEPS[@]}"; do "$step"; done
[ "${TRAFFIC_DEMO_EXIT_WHEN_READY:-0}" = 1 ] && exit 0
demo_monitor
