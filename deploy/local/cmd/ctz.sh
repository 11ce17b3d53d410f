#!/usr/bin/env bash
# help: ctz bench [reads] [latency-seconds]                     CTZ enforcement job vs a pass-through job on the same topics (alternately on one MiniCluster, median after warm-up rounds): reads/s, ratio, p50/p99 at 1,000 reads/s (also ./traffic bench ctz)
# help: ctz publish-policy [DIR]                               send a city pack (default cities/kielce) to topic policy.updates: the running job switches policy without a restart
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

# TRAFFIC_BUILD_SUFFIX=-NAME builds into stream-jobs/target-NAME (several people building one checkout at once)
test_cp() {
  local sfx="${TRAFFIC_BUILD_SUFFIX:-}"
  say "building stream-jobs (and its modules) …"
  mvnw -q -o -pl stream-jobs -am install -DskipTests -Dtraffic.build.suffix="$sfx" >/dev/null 2>&1 \
    || mvnw -q -pl stream-jobs -am install -DskipTests -Dtraffic.build.suffix="$sfx" || die "build failed"
  mvnw -q -o -pl stream-jobs test-compile -Dtraffic.build.suffix="$sfx" >/dev/null 2>&1 \
    || mvnw -q -pl stream-jobs test-compile -Dtraffic.build.suffix="$sfx" || die "build failed"
  echo "$TRAFFIC_ROOT/stream-jobs/target$sfx/test-classes:$TRAFFIC_ROOT/stream-jobs/target$sfx/classes:$(module_classpath stream-jobs test)"
}

case "${1:-help}" in
  bench)
    shift
    cp="$(test_cp)"
    say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
    # shellcheck disable=SC2046
    exec java -Xmx3g $(flink_jvm_opens) -Drepo.root="$TRAFFIC_ROOT" -Dlog4j2.configurationFile="$TRAFFIC_ROOT/deploy/local/log4j2-demo.properties" \
      -cp "$cp" pl.kielce.traffic.ctz.enforcement.bench.CtzBench "$@" ;;
  publish-policy)
    shift
    dir="${1:-$TRAFFIC_ROOT/cities/kielce}"
    cp="$(test_cp)"
    # shellcheck disable=SC2046
    exec java -Xmx256m -cp "$cp" pl.kielce.traffic.ctz.enforcement.PublishPolicy "$dir" "${TRAFFIC_KAFKA_BOOTSTRAP:-127.0.0.1:59092}" ;;
  *) sed -n 's/^# help: /  /p' "$0"; exit 2 ;;
esac
