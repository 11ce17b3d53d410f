#!/usr/bin/env bash
# help: transit simulate [--gtfs ZIP] [--speed N] [--minutes M] [--start HH:MM:SS] [--routes R,..] [--without-trip-ids]   publish simulated GTFS-RT vehicle positions (timetable + random delays)
# help: transit delay-bus --trip ID --date YYYY-MM-DD --delay-seconds S [--stop-index K]   publish one position of a trip running late
# help: transit tail [--from-beginning] [--max N] [--seconds S]   follow TripUpdates on transit.trip-updates and transit alerts
# help: transit job [--gtfs ZIP] [--large-delay-seconds S]    run the transit adherence job alone in a local Flink MiniCluster
# help: transit bench [--gtfs ZIP] [--minutes M]              per-position matching cost and accuracy on a real GTFS vs a brute-force baseline
# help: transit job-bench [--gtfs ZIP] [--minutes M]          positions/s through the whole Flink job (MiniCluster) vs a decode-only job
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
args=("$@")
case "$sub" in
  simulate|job|bench|job-bench|delay-bus)
    if [[ " ${args[*]-} " != *" --gtfs"* ]]; then
      [ -f "$gtfs_default" ] || die "no GTFS feed at $gtfs_default: pass --gtfs ZIP or set TRAFFIC_TRANSIT_GTFS"
      args=(--gtfs "$gtfs_default" "${args[@]}")
    fi ;;
esac
case "$sub" in
  simulate|tail|job|delay-bus)
    if [[ " ${args[*]-} " != *" --bootstrap-servers"* ]]; then
      args=(--bootstrap-servers "127.0.0.1:$KAFKA_PORT" "${args[@]}")
    fi ;;
  bench|job-bench) ;;
  *) sed -n 's/^# help: /  /p' "$0"; die "unknown transit command: $sub" ;;
esac
# shellcheck disable=SC2046
exec java -Xmx1g $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
  -cp "$cp" pl.kielce.traffic.transit.simulation.TransitCli "$sub" "${args[@]}"
