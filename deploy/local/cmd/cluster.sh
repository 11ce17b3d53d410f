#!/usr/bin/env bash
# help: cluster up [TMS]|down [--keep-stack]|status   multi-process Flink session cluster (JobManager + TMS TaskManagers, default 2; REST/UI :58281) + its own Kafka broker JVM (:59192) + PostGIS (:55532); checkpoints in .traffic/cluster/checkpoints
# help: cluster submit JOB [--from SAVEPOINT]   `flink run` of the job jar (ClusterJobMain JOB: ctz-enforcement, passage-counts, transit-adherence); parallelism = all slots (TRAFFIC_CLUSTER_PARALLELISM)
# help: cluster upgrade JOB   stop JOB with a savepoint (REST), resubmit the current job jar from it; prints the savepoint and the downtime
# help: cluster cancel JOB | kill-tm N | start-tm N | replay [READS]   cancel a job; kill -9 / start TaskManager N; demo policy + READS replayed reads (default 3000) + one read per register-sample vehicle at a zone camera
# help: cluster restart-kafka | restart-postgis | publish-policy | import-register   restart the cluster's broker / PostGIS; publish the demo policy (stage 1 from 2026-01-01); import the city's register sample (up does it)
# help: cluster bench [READS]   throughput of ctz-enforcement on a fresh cluster: READS (200000) published as a backlog, job timed until all are read
# help: cluster failure-test   kill -9 a TaskManager, restart the broker and PostGIS while reads flow; checks cases (no loss, no duplicates) and lag
#
# Separate JVMs, as in production: JobManager, TaskManager 1..N, the Kafka broker (lib.sh kafka_up), PostgreSQL with
# PostGIS (lib.sh pg_up). Jobs are the shaded stream-jobs job jar, entry point pl.kielce.traffic.streams.ClusterJobMain.
# State: .traffic/cluster/{conf,checkpoints,savepoints,*.log}. See docs/OPERATIONS.md.
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# The cluster has its OWN broker and PostGIS (ports 59192 / 55532, data under .traffic/cluster/), so it never
# touches the demo's stack (59092 / 55432) that may be running beside it.
export TRAFFIC_KAFKA_PORT="${TRAFFIC_CLUSTER_KAFKA_PORT:-59192}"
export TRAFFIC_PG_PORT="${TRAFFIC_CLUSTER_PG_PORT:-55532}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

DIR="${TRAFFIC_CLUSTER_DIR:-$STATE_DIR/cluster}"
KAFKA_DIR="$DIR/kafka"
RPC="${TRAFFIC_CLUSTER_RPC_PORT:-56223}"
PROM="${TRAFFIC_CLUSTER_PROM_PORTS:-59249-59252}"
# A classpath with the stream-jobs classes, Kafka server and their dependencies, given by a caller that has one
# (the failure test passes its own); otherwise resolved from the module poms.
if [ -n "${TRAFFIC_CLUSTER_CP:-}" ]; then
  module_classpath() { echo "$TRAFFIC_CLUSTER_CP"; }
fi
SRC="$TRAFFIC_ROOT/deploy/local/cluster"
REST="${TRAFFIC_CLUSTER_REST_PORT:-58281}"
PARTITIONS="${TRAFFIC_CLUSTER_PARTITIONS:-4}"
MAIN=pl.kielce.traffic.streams.ClusterJobMain
export TRAFFIC_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
export TRAFFIC_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/traffic?user=postgres"
export TRAFFIC_CITY_DIR="${TRAFFIC_CITY_DIR:-$TRAFFIC_ROOT/cities/kielce}"
API="http://localhost:$REST"

# The Flink "distribution" classpath: the same Maven artifacts ./traffic flink uses (deploy/local/flink/pom.xml).
dist_classpath() {
  local f="$STATE_DIR/cp/flink-dist.cp" pom="$TRAFFIC_ROOT/deploy/local/flink/pom.xml"
  mkdir -p "$STATE_DIR/cp"
  if [ ! -s "$f" ] || [ "$pom" -nt "$f" ] || [ "$TRAFFIC_ROOT/pom.xml" -nt "$f" ]; then
    mvnw -q -o -f "$pom" dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null 2>&1 \
      || mvnw -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null || die "cannot resolve Flink"
  fi
  cat "$f"
}
job_jar() {
  local jar; jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*-job.jar 2>/dev/null | head -1)"
  [ -n "$jar" ] || { build_quiet; jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*-job.jar | head -1)"; }
  echo "$jar"
}
# The stream-jobs jar + dependencies, for client-side tools (prepare, replay, policy publishing).
tools_classpath() {
  [ -n "${TRAFFIC_CLUSTER_CP:-}" ] && { echo "$TRAFFIC_CLUSTER_CP"; return 0; }
  local jar; jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*.jar 2>/dev/null | grep -v -- '-job\.jar$' | head -1)"
  [ -n "$jar" ] || die "stream-jobs jar missing: ./traffic setup"
  echo "$jar:$(module_classpath stream-jobs runtime provided)"
}

cluster_stack_up() {
  pg_up "$DIR/pg" "$PG_PORT"
  kafka_up >/dev/null; kafka_wait 90
}
cluster_stack_down() { kafka_down; pg_down "$DIR/pg"; }
cluster_stack_status() {
  if _as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg/data" status >/dev/null 2>&1; then echo "postgis: up on $PG_PORT"; else echo "postgis: down"; fi
  if kafka_running; then echo "kafka: up on $KAFKA_PORT (pid $(kafka_pid))"; else echo "kafka: down"; fi
}

pid_of() { cat "$DIR/$1.pid" 2>/dev/null; }
running() { local p; p="$(pid_of "$1")" && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
# start NAME ENTRYPOINT PARAMS_KIND: JVM memory options and -D dynamic properties from Flink's own BashJavaUtils.
start() {
  local name="$1" main="$2" kind="$3" cp out jvm dyn
  cp="$(dist_classpath)"
  out="$(java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$kind" --configDir "$DIR/conf" 2>&1 \
        | grep -A2 BASH_JAVA_UTILS_EXEC_RESULT | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')" || die "BashJavaUtils failed"
  jvm="$(echo "$out" | sed -n 1p)"; dyn="$(echo "$out" | sed -n 2p)"
  # shellcheck disable=SC2086,SC2046
  nohup java $jvm $(flink_jvm_opens) -XX:TieredStopAtLevel=1 -Dlog.file="$DIR/$name.log" \
    -Dlog4j.configurationFile="$DIR/conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$DIR/conf" $dyn > "$DIR/$name.out" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
}
start_tm() { running "taskmanager-$1" || start "taskmanager-$1" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS; }
kill_tm() { running "taskmanager-$1" && kill -KILL "$(pid_of "taskmanager-$1")"; rm -f "$DIR/taskmanager-$1.pid"; }
taskmanagers() { curl -fs "$API/overview" 2>/dev/null | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'; }
wait_taskmanagers() {
  local want="$1" deadline=$(( $(date +%s) + ${2:-120} ))
  until [ "$(taskmanagers)" = "$want" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

# job_id NAME [STATE…]: the id of the newest job with this name in one of the states (default RUNNING).
job_id() {
  local name="$1"; shift
  local states="${*:-RUNNING}"
  curl -fs "$API/jobs/overview" | python3 -c '
import json, sys
name, states = sys.argv[1], sys.argv[2].split()
jobs = [j for j in json.load(sys.stdin)["jobs"] if j["name"] == name and j["state"] in states]
jobs.sort(key=lambda j: j["start-time"], reverse=True)
print(jobs[0]["jid"] if jobs else "")' "$name" "$states"
}

flink_cli() {
  # shellcheck disable=SC2046
  FLINK_CONF_DIR="$DIR/conf" java -Xmx256m -XX:TieredStopAtLevel=1 $(flink_jvm_opens) -cp "$(dist_classpath)" \
    org.apache.flink.client.cli.CliFrontend "$@"
}
# submit JOB [SAVEPOINT]
submit() {
  local job="$1" from="${2:-}" rc=0 p tmc
  # default parallelism: every slot of the registered TaskManagers (2 each), so each TaskManager runs a share
  tmc="$(taskmanagers)"; [ -n "$tmc" ] && [ "$tmc" -gt 0 ] || tmc=1
  p="${TRAFFIC_CLUSTER_PARALLELISM:-$(( 2 * tmc ))}"
  local args=(run -d -m "localhost:$REST" -p "$p" -c "$MAIN")
  [ -n "$from" ] && args+=(-s "$from")
  flink_cli "${args[@]}" "$(job_jar)" "$job" > "$DIR/submit-$job.log" 2>&1 || rc=$?
  grep -v -i -e 'yarn' -e '^\s*at ' -e '^\s*\.\.\. [0-9]* more' "$DIR/submit-$job.log" >&2 || true
  [ $rc -eq 0 ] || die "submitting $job failed (log $DIR/submit-$job.log)"
  local deadline=$(( $(date +%s) + 90 ))
  until [ -n "$(job_id "$job" RUNNING)" ]; do
    [ "$(date +%s)" -ge "$deadline" ] && die "$job not RUNNING after 90 s; see $API/#/job/running"
    sleep 0.5
  done
  say "$job RUNNING as $(job_id "$job" RUNNING)${from:+ (restored from $from)}"
}

# stop_with_savepoint JOB: prints the savepoint path.
stop_with_savepoint() {
  local job="$1" id trigger status loc deadline
  id="$(job_id "$job")"; [ -n "$id" ] || die "no RUNNING job named $job"
  mkdir -p "$DIR/savepoints"
  trigger="$(curl -fs -X POST -H 'Content-Type: application/json' \
    -d "{\"drain\":false,\"targetDirectory\":\"file://$DIR/savepoints\",\"formatType\":\"CANONICAL\"}" \
    "$API/jobs/$id/stop" | python3 -c 'import json,sys; print(json.load(sys.stdin)["request-id"])')" \
    || die "stop-with-savepoint request for $job failed"
  deadline=$(( $(date +%s) + 180 ))
  while :; do
    status="$(curl -fs "$API/jobs/$id/savepoints/$trigger")"
    loc="$(echo "$status" | python3 -c '
import json, sys
s = json.load(sys.stdin)
if s["status"]["id"] != "COMPLETED": print("")
elif "failure-cause" in s.get("operation", {}): print("FAILED: " + s["operation"]["failure-cause"].get("stack-trace", "")[:400])
else: print(s["operation"]["location"])')"
    case "$loc" in
      FAILED*) die "savepoint of $job failed: $loc" ;;
      "") ;;
      *) echo "$loc"; return 0 ;;
    esac
    [ "$(date +%s)" -ge "$deadline" ] && die "savepoint of $job not done after 180 s"
    sleep 0.5
  done
}

prepare() {
  # shellcheck disable=SC2046
  java -Xmx256m $(local_jvm_opts) -cp "$(tools_classpath)" "$MAIN" --prepare "$PARTITIONS" \
    || die "preparing the database and topics failed"
}

# The demo's policy: the Kielce pack with stage 1 from 2026-01-01 (see deploy/local/demo.d/50-ctz.sh).
publish_demo_policy() {
  local pack="$DIR/ctz-pack" cp
  cp="$(tools_classpath)"
  rm -rf "$pack" && mkdir -p "$pack"
  cp "$TRAFFIC_CITY_DIR"/policy.yaml "$TRAFFIC_CITY_DIR"/*.geojson "$pack"/
  sed -i 's/validFrom: 2027-07-01/validFrom: 2026-01-01/; s/^version: "\(.*\)"/version: "\1-demo"/' "$pack/policy.yaml"
  java -Xmx128m -cp "$cp" pl.kielce.traffic.ctz.enforcement.PublishPolicy "$pack" "$TRAFFIC_KAFKA_BOOTSTRAP" >&2 \
    || die "publishing the demo policy failed"
}
# The city's register extract (cities/kielce/register-sample.csv: synthetic vehicles) into the cluster's PostGIS
# (vehicle_register; lib.sh register_import). Without it every vehicle is UNKNOWN_VEHICLE or a foreign plate and
# every case is REVIEW. Cases keep their deterministic id (plate, zone, day): a repeated replay adds none that day.
import_register() {
  local csv="$TRAFFIC_CITY_DIR/register-sample.csv"
  [ -f "$csv" ] || { say "no $csv: the cluster's register stays empty (every case will be REVIEW)"; return 0; }
  register_import "$csv" "$TRAFFIC_JDBC_URL" "$PG_PORT" "$(tools_classpath)" || die "importing $csv into the cluster's PostGIS failed"
  say "register: $(tail -n +2 "$csv" | grep -c .) sample vehicles in vehicle_register, their 6 occasional days of the year used"
}
# One read (captured now) per vehicle of the register sample, round robin over cameras of the strict centre (the
# cameras ClusterFailureTest uses), as JSONL for ReplayReads --file. The generated reads' plates are random and
# almost never in the register, so these are the reads the register can turn into VIOLATIONs.
REGISTER_CAMERAS="${TRAFFIC_CLUSTER_REGISTER_CAMERAS:-KCE-CAM-01 KCE-CAM-02 KCE-CAM-06}"
register_reads() {
  local csv="$TRAFFIC_CITY_DIR/register-sample.csv" out="$1"
  python3 - "$csv" "$out" "$REGISTER_CAMERAS" <<'PY'
import csv, datetime, json, sys
src, out, cameras = sys.argv[1], sys.argv[2], sys.argv[3].split()
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
run = now.strftime("%Y%m%dT%H%M%S")
with open(src, newline="", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
    for i, row in enumerate(csv.DictReader(f)):
        o.write(json.dumps({"schemaVersion": "1.0", "readId": "cluster-register-%s-%d" % (run, i),
                            "cameraId": cameras[i % len(cameras)],
                            "capturedAt": (now + datetime.timedelta(seconds=i)).isoformat(),
                            "plate": row["plate"], "country": "PL", "confidence": 0.97}) + "\n")
PY
}
# The demo policy + READS generated reads (ReplayReads, the demo's generator) + the register sample's vehicles.
replay() {
  local reads="${1:-3000}" cp
  cp="$(tools_classpath)"
  publish_demo_policy
  sleep "${TRAFFIC_CLUSTER_POLICY_SETTLE_SECONDS:-3}"   # the broadcast policy reaches every subtask before the reads
  # shellcheck disable=SC2046
  java -Xmx256m $(local_jvm_opts) -cp "$cp" pl.kielce.traffic.counts.replay.ReplayReads \
    --cameras "$TRAFFIC_CITY_DIR/cameras.geojson" --history-reads "$reads" --history-minutes 30 --malformed 2 \
    --seed "${TRAFFIC_REPLAY_SEED:-20261128}" >&2
  if [ -f "$TRAFFIC_CITY_DIR/register-sample.csv" ]; then
    register_reads "$DIR/register-reads.jsonl"
    # shellcheck disable=SC2046
    java -Xmx256m $(local_jvm_opts) -cp "$cp" pl.kielce.traffic.counts.replay.ReplayReads \
      --file "$DIR/register-reads.jsonl" >&2
    say "replay: $(wc -l < "$DIR/register-reads.jsonl") reads of register-sample vehicles at $REGISTER_CAMERAS; cases: psql -h localhost -p $PG_PORT -U postgres traffic -c 'SELECT kind, reason, count(*) FROM ctz_cases GROUP BY 1, 2'"
  fi
}

# bench READS: throughput of ctz-enforcement on the running cluster. The reads are published while no job runs
# (a backlog), then the job is submitted and timed until its passages operator has read every one of them
# (Flink REST vertex metric read-records, polled every second). Needs a fresh cluster: ./traffic cluster down,
# rm -rf .traffic/cluster, ./traffic cluster up TMS. Prints reads/s with the number of TaskManagers and slots.
bench() {
  local n="$1" cp t0 id done_at="" got=0 tms first_at=""
  [ -z "$(job_id "$JOB_BENCH" RUNNING)" ] || die "$JOB_BENCH is running already: bench needs a fresh cluster (see ./traffic cluster help)"
  cp="$(tools_classpath)"
  publish_demo_policy
  # shellcheck disable=SC2046
  java -Xmx512m $(local_jvm_opts) -cp "$cp" pl.kielce.traffic.counts.replay.ReplayReads \
    --cameras "$TRAFFIC_CITY_DIR/cameras.geojson" --history-reads "$n" --history-minutes 30 --malformed 0 \
    --fleet 20000 --seed 7 >&2 || die "publishing reads failed"
  tms="$(taskmanagers)"
  t0=$(date +%s%N)
  submit "$JOB_BENCH"
  id="$(job_id "$JOB_BENCH")"
  while :; do
    got="$(curl -fs "$API/jobs/$id" | python3 -c '
import json, sys
for v in json.load(sys.stdin)["vertices"]:
    if v["name"].startswith("passages"): print(v["metrics"]["read-records"]); break
else: print(0)')"
    if [ -z "$first_at" ] && [ "${got:-0}" -gt 1000 ]; then first_at=$(date +%s%N); first_n="$got"; fi
    if [ "${got:-0}" -ge "$n" ]; then done_at=$(date +%s%N); break; fi
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -gt 900 ] && die "bench: only $got of $n reads after 900 s"
    sleep 1
  done
  local ms=$(( (done_at - t0) / 1000000 )) steady_ms=$(( (done_at - ${first_at:-$t0}) / 1000000 ))
  [ "$steady_ms" -gt 0 ] || steady_ms=1
  local steady="n/a (all read before the first poll: use more reads)"
  [ "${first_n:-0}" -lt "$n" ] && steady=$(( (n - ${first_n:-0}) * 1000 / steady_ms ))
  say "bench: $n reads through passages in $ms ms from flink run (job start included) = $(( n * 1000 / ms )) reads/s; running job: $steady reads/s; $tms TaskManager(s), parallelism $(( 2 * tms )), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "taskmanagers=$tms reads=$n ms=$ms reads_per_s=$(( n * 1000 / ms )) steady_reads_per_s=$steady"
}
JOB_BENCH=ctz-enforcement

case "${1:-status}" in
  up)
    tms="${2:-2}"
    mkdir -p "$DIR/conf" "$DIR/checkpoints" "$DIR/savepoints"
    sed -e "s|@STATE@|$DIR|g" -e "s|@REST@|$REST|g" -e "s|@RPC@|$RPC|g" -e "s|@PROM@|$PROM|g" "$SRC/config.yaml" > "$DIR/conf/config.yaml"
    cp "$TRAFFIC_ROOT/deploy/local/flink/log4j.properties" "$DIR/conf/"
    cluster_stack_up
    prepare
    import_register
    running jobmanager || start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    for i in $(seq 1 "$tms"); do start_tm "$i"; done
    wait_taskmanagers "$tms" 150 || die "Flink cluster not ready ($(taskmanagers) TaskManagers); logs in $DIR"
    say "Flink session cluster: JobManager + $tms TaskManagers, $API (logs $DIR); Kafka 127.0.0.1:$KAFKA_PORT; PostGIS :$PG_PORT"
    say "next: ./traffic cluster submit ctz-enforcement && ./traffic cluster replay" ;;
  submit)
    [ $# -ge 2 ] || die "usage: ./traffic cluster submit JOB [--from SAVEPOINT]"
    from=""; [ "${3:-}" = "--from" ] && from="${4:?--from needs a savepoint path}"
    submit "$2" "$from" ;;
  upgrade)
    [ $# -ge 2 ] || die "usage: ./traffic cluster upgrade JOB"
    t0=$(date +%s%N)
    sp="$(stop_with_savepoint "$2")"
    say "savepoint: $sp"
    submit "$2" "$sp"
    say "upgrade of $2 done in $(( ($(date +%s%N) - t0) / 1000000 )) ms (stop with savepoint → RUNNING from it)"
    echo "$sp" ;;
  cancel)
    id="$(job_id "${2:?usage: cancel JOB}")"; [ -n "$id" ] || die "no RUNNING job named $2"
    curl -fs -X PATCH "$API/jobs/$id?mode=cancel" >/dev/null && say "cancelled $2 ($id)" ;;
  kill-tm) kill_tm "${2:?usage: kill-tm N}"; say "TaskManager $2 killed (SIGKILL)" ;;
  start-tm) start_tm "${2:?usage: start-tm N}"; say "TaskManager $2 starting" ;;
  replay) replay "${2:-3000}" ;;
  publish-policy) publish_demo_policy ;;
  import-register) import_register ;;
  restart-kafka)
    t0=$(date +%s%N); kafka_down; kafka_up >/dev/null; kafka_wait 90
    say "broker restarted in $(( ($(date +%s%N) - t0) / 1000000 )) ms" ;;
  restart-postgis)
    t0=$(date +%s%N); pg_down "$DIR/pg"; pg_up "$DIR/pg" "$PG_PORT"
    say "PostGIS restarted in $(( ($(date +%s%N) - t0) / 1000000 )) ms" ;;
  bench) bench "${2:-200000}" ;;
  failure-test)  # the JUnit test of module deploy-check (also in ./traffic test; TRAFFIC_CLUSTER_TESTS=0 skips it there)
    cd "$TRAFFIC_ROOT" && TRAFFIC_CLUSTER_TESTS=1 mvnw -o -pl deploy-check verify -Dtest=ClusterFailureTest -Dsurefire.failIfNoSpecifiedTests=false ;;
  down)
    for f in "$DIR"/taskmanager-*.pid "$DIR"/jobmanager.pid; do
      [ -e "$f" ] || continue
      n="$(basename "$f" .pid)"
      if running "$n"; then kill "$(pid_of "$n")"; fi
      rm -f "$f"
    done
    [ "${2:-}" = "--keep-stack" ] || cluster_stack_down
    say "cluster stopped (checkpoints and savepoints kept in $DIR)" ;;
  status)
    cluster_stack_status
    for f in "$DIR"/jobmanager.pid "$DIR"/taskmanager-*.pid; do
      [ -e "$f" ] || continue
      n="$(basename "$f" .pid)"
      if running "$n"; then echo "$n: up (pid $(pid_of "$n"))"; else echo "$n: down"; fi
    done
    if curl -fs "$API/overview" >/dev/null 2>&1; then
      echo "flink: $(curl -fs "$API/overview")"
      curl -fs "$API/jobs/overview" | python3 -c '
import json, sys
for j in json.load(sys.stdin)["jobs"]: print("job %-20s %-10s %s" % (j["name"], j["state"], j["jid"]))'
    else echo "flink: down"; fi ;;
  *) sed -n 's/^# help: /  /p' "$0"; exit 2 ;;
esac
