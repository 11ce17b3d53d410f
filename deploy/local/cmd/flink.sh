#!/usr/bin/env bash
# help: flink up|run <JobClass> [args…]|down|status   a real standalone Flink 2.2 session cluster (JM + TM from Maven jars, REST :58181); run = `flink run` of stream-jobs' job jar
# Proves the shaded job jar runs on a real cluster, as in production. Needs the stack for the jobs' I/O
# (./traffic stack up). Example:
#   ./traffic stack up && ./traffic flink up
#   ./traffic flink run pl.kielce.traffic.counts.PassageCountJob --kafka 127.0.0.1:59092 \
#       --jdbc 'jdbc:postgresql://localhost:55432/traffic?user=postgres'
#   ./traffic flink down
set -euo pipefail
source "$TRAFFIC_ROOT/deploy/local/lib.sh"
DIR="$STATE_DIR/flink"; SRC="$TRAFFIC_ROOT/deploy/local/flink"; REST=58181

dist_classpath() {
  local f="$STATE_DIR/cp/flink-dist.cp"
  mkdir -p "$STATE_DIR/cp"
  if [ ! -s "$f" ] || [ "$SRC/pom.xml" -nt "$f" ] || [ "$TRAFFIC_ROOT/pom.xml" -nt "$f" ]; then
    mvnw -q -o -f "$SRC/pom.xml" dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null 2>&1 \
      || mvnw -q -f "$SRC/pom.xml" dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null || die "cannot resolve Flink"
  fi
  cat "$f"
}
running() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }
# start NAME ENTRYPOINT PARAMS_KIND: JVM args and -D options come from Flink's own BashJavaUtils
start() {
  local name="$1" main="$2" kind="$3" cp out jvm dyn
  cp="$(dist_classpath)"
  out="$(java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$kind" --configDir "$DIR/conf" 2>&1 \
        | grep -A2 BASH_JAVA_UTILS_EXEC_RESULT | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')" || die "BashJavaUtils failed"
  jvm="$(echo "$out" | sed -n 1p)"; dyn="$(echo "$out" | sed -n 2p)"
  # shellcheck disable=SC2086,SC2046
  nohup java $jvm $(flink_jvm_opens) -Dlog.file="$DIR/$name.log" -Dlog4j.configurationFile="$DIR/conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$DIR/conf" $dyn > "$DIR/$name.out" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
}

case "${1:-status}" in
  up)
    mkdir -p "$DIR/conf"; cp "$SRC/config.yaml" "$SRC/log4j.properties" "$DIR/conf/"
    running jobmanager || start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    running taskmanager || start taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
    for _ in $(seq 1 120); do curl -fs "http://localhost:$REST/overview" 2>/dev/null | grep -q '"taskmanagers":1' && break; sleep 0.5; done
    curl -fs "http://localhost:$REST/overview" | grep -q '"taskmanagers":1' || die "Flink cluster not ready; logs in $DIR"
    say "Flink session cluster up: http://localhost:$REST (logs $DIR)" ;;
  run)
    shift; [ $# -ge 1 ] || die "usage: ./traffic flink run <JobClass> [args…]"
    cls="$1"; shift
    jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*-job.jar 2>/dev/null | head -1)"
    [ -n "$jar" ] || { build_quiet; jar="$(ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*-job.jar | head -1)"; }
    # shellcheck disable=SC2046
    rc=0; FLINK_CONF_DIR="$DIR/conf" java $(flink_jvm_opens) -cp "$(dist_classpath)" org.apache.flink.client.cli.CliFrontend \
      run -d -m "localhost:$REST" -c "$cls" "$jar" "$@" > "$DIR/run.log" 2>&1 || rc=$?
    grep -v -i -e 'yarn' -e '^\s*at ' -e '^\s*\.\.\. [0-9]* more' "$DIR/run.log" || true
    exit $rc ;;
  down)
    for n in taskmanager jobmanager; do
      if running "$n"; then kill "$(cat "$DIR/$n.pid")"; fi
      rm -f "$DIR/$n.pid"
    done
    say "Flink cluster stopped" ;;
  status)
    curl -fs "http://localhost:$REST/overview" 2>/dev/null || echo "flink: down"; echo ;;
  *) die "usage: ./traffic flink up|run <JobClass> [args…]|down|status" ;;
esac
