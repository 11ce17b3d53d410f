#!/usr/bin/env bash
# help: flows simulate [--time-of-day HH:MM] [--backfill-minutes M] [--minutes M] [--silent-detector ID|last] [--dry-run]   publish simulated detector counts for the detectors in cities/kielce/intersections.xml (time-of-day profile, Poisson noise, one overloaded approach)
# help: flows tail [--from-beginning] [--alerts-only] [--max N] [--seconds S]   follow traffic.flows and the flow job's alerts (congestion, silent detector/camera)
# help: flows bench [--rate N] [--seconds S] [--intersections 200] [--detectors 8] [--rounds 3]   flow job vs a pass-through job on the same topics (2 cores): max sustained counts/s, ratio, lag at 1,600 counts/s (also ./traffic bench flows)
# Defaults: Kafka 127.0.0.1:$TRAFFIC_KAFKA_PORT; the city folder is TRAFFIC_CITY_DIR, else cities/kielce.
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

[ $# -gt 0 ] || { sed -n 's/^# help: /  /p' "$0"; exit 2; }
sub="$1"; shift
export TRAFFIC_CITY_DIR="${TRAFFIC_CITY_DIR:-$TRAFFIC_ROOT/cities/kielce}"
mod="$TRAFFIC_ROOT/stream-jobs"

case "$sub" in
  simulate|tail)
    jar="$mod/target/stream-jobs-0.1.0-SNAPSHOT.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$mod/src/main" "$mod/pom.xml" "$TRAFFIC_ROOT/events/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      say "building stream-jobs …"
      mvnw -q -o -pl stream-jobs -am install -DskipTests >/dev/null 2>&1 || mvnw -q -pl stream-jobs -am install -DskipTests || die "stream-jobs build failed"
    fi
    args=("$@")
    if [[ " ${args[*]-} " != *" --bootstrap-servers"* ]]; then
      args=(--bootstrap-servers "127.0.0.1:$KAFKA_PORT" "${args[@]}")
    fi
    # shellcheck disable=SC2046
    exec java -Xmx256m $(local_jvm_opts) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
      -cp "$jar:$(module_classpath stream-jobs runtime provided)" pl.kielce.traffic.flows.simulation.FlowsCli "$sub" "${args[@]}" ;;
  bench)
    say "building stream-jobs test classes …"
    mvnw -q -o -pl stream-jobs -am install -DskipTests >/dev/null 2>&1 || mvnw -q -pl stream-jobs -am install -DskipTests || die "stream-jobs build failed"
    mvnw -q -o -pl stream-jobs test-compile >/dev/null 2>&1 || mvnw -q -pl stream-jobs test-compile || die "build failed"
    cp="$mod/target/test-classes:$mod/target/classes:$(module_classpath stream-jobs test)"
    say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
    # shellcheck disable=SC2046
    exec java -Xmx3g $(flink_jvm_opens) -Drepo.root="$TRAFFIC_ROOT" -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
      -cp "$cp" pl.kielce.traffic.flows.FlowJobBench "$@" ;;
  *) sed -n 's/^# help: /  /p' "$0"; die "unknown flows command: $sub" ;;
esac
