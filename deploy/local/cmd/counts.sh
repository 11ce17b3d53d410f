#!/usr/bin/env bash
# help: counts replay [args…] | bench [reads]                  passage counts: publish ANPR reads to the running stack (replay-reads --help) / job throughput beside a one-thread baseline
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

jar() { ls "$TRAFFIC_ROOT"/stream-jobs/target/stream-jobs-*.jar 2>/dev/null | grep -v -- '-job\.jar$' | head -1; }

case "${1:-help}" in
  replay)
    shift
    [ -n "$(jar)" ] || build_quiet
    # shellcheck disable=SC2046
    exec java -Xmx256m $(flink_jvm_opens) -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
      -cp "$(jar):$(module_classpath stream-jobs runtime provided)" pl.kielce.traffic.counts.replay.ReplayReads \
      --cameras "$TRAFFIC_ROOT/cities/kielce/cameras.geojson" "$@" ;;
  bench)
    shift
    say "building stream-jobs test classes …"
    mvnw -q -o -pl stream-jobs test-compile >/dev/null 2>&1 || mvnw -q -pl stream-jobs test-compile || die "build failed"
    cp="$TRAFFIC_ROOT/stream-jobs/target/test-classes:$TRAFFIC_ROOT/stream-jobs/target/classes:$(module_classpath stream-jobs test)"
    say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
    # shellcheck disable=SC2046
    exec java -Xmx2g $(flink_jvm_opens) -Drepo.root="$TRAFFIC_ROOT" -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
      -cp "$cp" pl.kielce.traffic.counts.PassageCountBench "$@" ;;
  *) die "usage: ./traffic counts replay [replay-reads args…] | bench [reads]" ;;
esac
