#!/usr/bin/env bash
# help: transit simulate [--gtfs ZIP] [--speed N] [--minutes M] [--start HH:MM:SS] [--routes R,..] [--without-trip-ids]   publish simulated GTFS-RT vehicle positions (timetable + random delays)
# help: transit delay-bus --trip ID --date YYYY-MM-DD --delay-seconds S [--stop-index K]   publish one position of a trip running late
# help: transit tail [--from-beginning] [--max N] [--seconds S]   follow TripUpdates on transit.trip-updates and transit alerts
# help: transit requests [--from-beginning] [--max N] [--seconds S]   follow transit signal priority requests on signals.controller-requests
# help: transit job [--gtfs ZIP] [--large-delay-seconds S] [--intersections XML|none]   run the transit adherence job (with signal priority) alone in a local Flink MiniCluster
# help: transit chain [--delay-seconds S]                     the whole chain on private ports: Kafka + transit job + journey planner (RNV); a late bus must change the planner's answer (PASS/FAIL)
# help: transit bench [--gtfs ZIP] [--minutes M]              per-position matching cost and accuracy on a real GTFS vs a brute-force baseline
# help: transit job-bench [--gtfs ZIP] [--minutes M]          positions/s through the whole Flink job, also with signal priority (MiniCluster), vs a decode-only job
# Defaults: --gtfs is TRAFFIC_TRANSIT_GTFS, else rnv/rnv.zip in TRAFFIC_DATA_DIR (../shared/data); Kafka 127.0.0.1:$TRAFFIC_KAFKA_PORT.
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

[ $# -gt 0 ] || { sed -n 's/^# help: /  /p' "$0"; exit 2; }
sub="$1"; shift

mod="$TRAFFIC_ROOT/stream-jobs"
jar="$mod/target/stream-jobs-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$mod/src/main" "$mod/pom.xml" "$TRAFFIC_ROOT/events/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  say "building stream-jobs …"
  mvnw -q -o -pl stream-jobs -am install -DskipTests >/dev/null 2>&1 || mvnw -q -pl stream-jobs -am install -DskipTests || die "stream-jobs build failed"
fi
cp="$jar:$(module_classpath stream-jobs runtime provided)"

gtfs_default="${TRAFFIC_TRANSIT_GTFS:-${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}/rnv/rnv.zip}"

if [ "$sub" = chain ]; then
  # Private broker, job and planner on their own ports and state folder; stops exactly what it started.
  osm="$(dirname "$gtfs_default")/rnv.osm.pbf"
  [ -f "$gtfs_default" ] && [ -f "$osm" ] || die "chain needs the RNV data: $gtfs_default and $osm"
  chain_dir="$STATE_DIR/transit-chain"; kport="${TRAFFIC_TRANSIT_CHAIN_KAFKA_PORT:-59392}"; pport="${TRAFFIC_TRANSIT_CHAIN_PLANNER_PORT:-58390}"
  mkdir -p "$chain_dir"
  port_in_use "$kport" && die "port $kport is taken (TRAFFIC_TRANSIT_CHAIN_KAFKA_PORT)"
  port_in_use "$pport" && die "port $pport is taken (TRAFFIC_TRANSIT_CHAIN_PLANNER_PORT)"
  chain_kafka() { TRAFFIC_KAFKA_PORT="$kport" TRAFFIC_STATE_DIR="$chain_dir" bash -c "source '$TRAFFIC_ROOT/deploy/local/lib.sh'; $1"; }
  pids=()
  chain_stop() {
    local p; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    chain_kafka kafka_down
  }
  trap chain_stop EXIT
  say "Kafka on $kport …"
  chain_kafka "kafka_up >/dev/null; kafka_wait 60" || die "Kafka did not start; see $chain_dir/kafka/broker.log"
  say "transit job (log $chain_dir/job.log) and journey planner on $pport (log $chain_dir/planner.log) …"
  # shellcheck disable=SC2046
  java -Xmx1g $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" -cp "$cp" \
    pl.kielce.traffic.transit.simulation.TransitCli job --gtfs "$gtfs_default" --bootstrap-servers "127.0.0.1:$kport" \
    --parallelism 1 --group-id transit-chain > "$chain_dir/job.log" 2>&1 &
  pids+=($!)
  bash "$TRAFFIC_ROOT/deploy/local/cmd/routing.sh" serve --osm "$osm" --gtfs "$gtfs_default" --port "$pport" \
    --graph-dir "$chain_dir/graph" --routing.realtime.kafka.bootstrap-servers="127.0.0.1:$kport" > "$chain_dir/planner.log" 2>&1 &
  pids+=($!)
  java -cp "$cp" pl.kielce.traffic.transit.simulation.TransitCli chain-check --gtfs "$gtfs_default" \
    --bootstrap-servers "127.0.0.1:$kport" --planner "http://127.0.0.1:$pport" "$@"
  exit $?
fi
args=("$@")
case "$sub" in
  simulate|job|bench|job-bench|delay-bus)
    if [[ " ${args[*]-} " != *" --gtfs"* ]]; then
      [ -f "$gtfs_default" ] || die "no GTFS feed at $gtfs_default: pass --gtfs ZIP or set TRAFFIC_TRANSIT_GTFS"
      args=(--gtfs "$gtfs_default" "${args[@]}")
    fi ;;
esac
case "$sub" in
  simulate|tail|requests|job|delay-bus)
    if [[ " ${args[*]-} " != *" --bootstrap-servers"* ]]; then
      args=(--bootstrap-servers "127.0.0.1:$KAFKA_PORT" "${args[@]}")
    fi ;;
  bench|job-bench) ;;
  *) sed -n 's/^# help: /  /p' "$0"; die "unknown transit command: $sub" ;;
esac
# shellcheck disable=SC2046
exec java -Xmx1g $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
  -cp "$cp" pl.kielce.traffic.transit.simulation.TransitCli "$sub" "${args[@]}"
