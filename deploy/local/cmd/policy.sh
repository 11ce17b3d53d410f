#!/usr/bin/env bash
# help: policy validate DIR                                   check a city pack (policy.yaml + zones + cameras), clerk-friendly errors
# help: policy check --policy DIR --camera ID --at ISO-8601 --vehicle FILE.json | --plate P --register CSV [--exemptions YAML]   decide one passage, JSON
# help: policy show DIR [--zones]                            the rules as JSON (stages, rows, exemptions, cameras) or the zones as GeoJSON
# help: policy whatif --policy DIR [--stage ID] --passages CSV        what-if replay: who would be affected, by camera/hour/category/fuel/Euro
# help: policy import-register CSV [--db JDBC]                bulk-import a register extract into PostGIS (row-level errors kept)
# help: policy store-zones DIR [--db JDBC]                    store a pack's zones/stages/cameras in PostGIS (SRID 4326)
# help: policy bench                                          JMH: decisions/s and pack load vs baselines (also ./traffic bench policy)
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

mod="$TRAFFIC_ROOT/zone-policy"
jar="$mod/target/zone-policy-0.1.0-SNAPSHOT.jar"
tjar="$mod/target/zone-policy-0.1.0-SNAPSHOT-tests.jar"
cp_file="$STATE_DIR/zone-policy.classpath"
tcp_file="$STATE_DIR/zone-policy-test.classpath"
stamp="$STATE_DIR/zone-policy.stamp"
mkdir -p "$STATE_DIR"

build() {
  if [ ! -f "$jar" ] || [ ! -f "$tjar" ] || [ ! -f "$stamp" ] || [ -n "$(find "$mod/src" "$mod/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    say "building zone-policy …"
    mvnw -q -o -pl zone-policy install -DskipTests >/dev/null 2>&1 || mvnw -q -pl zone-policy install -DskipTests || die "zone-policy build failed"
    rm -f "$cp_file" "$tcp_file"
    touch "$stamp"
  fi
  if [ ! -s "$cp_file" ]; then
    mvnw -q -o -pl zone-policy dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null 2>&1 \
      || mvnw -q -pl zone-policy dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null \
      || die "cannot resolve the zone-policy classpath"
  fi
}

[ $# -gt 0 ] || { sed -n 's/^# help: /  /p' "$0"; exit 2; }
case "$1" in
  import-register|store-zones)
    build
    dbjar="$TRAFFIC_ROOT/db/target/db-0.1.0-SNAPSHOT.jar"
    dbcp="$STATE_DIR/db.classpath"
    dbstamp="$STATE_DIR/db.stamp"
    if [ ! -f "$dbjar" ] || [ ! -f "$dbstamp" ] || [ -n "$(find "$TRAFFIC_ROOT/db/src/main" "$TRAFFIC_ROOT/db/pom.xml" -newer "$dbstamp" -print -quit 2>/dev/null)" ]; then
      say "building db …"
      mvnw -q -o -pl db install -DskipTests >/dev/null 2>&1 || mvnw -q -pl db install -DskipTests || die "db build failed"
      rm -f "$dbcp"; touch "$dbstamp"
    fi
    [ -s "$dbcp" ] || mvnw -q -o -pl db dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$dbcp" >/dev/null 2>&1 \
      || mvnw -q -pl db dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$dbcp" >/dev/null || die "cannot resolve the db classpath"
    exec java -XX:+UseSerialGC -cp "$dbjar:$(cat "$dbcp")" pl.kielce.traffic.store.register.RegisterTool "$@"
    ;;
  bench)
    shift
    build
    if [ ! -s "$tcp_file" ]; then
      mvnw -q -o -pl zone-policy dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tcp_file" >/dev/null 2>&1 \
        || mvnw -q -pl zone-policy dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tcp_file" >/dev/null \
        || die "cannot resolve the zone-policy test classpath"
    fi
    out="$STATE_DIR/bench/policy-$(date -u +%Y%m%dT%H%M%SZ).json"
    mkdir -p "$STATE_DIR/bench"
    say "JMH (1 fork, 1 thread; ~1 minute) → $out"
    exec java -Drepo.root="$TRAFFIC_ROOT" -cp "$tjar:$jar:$(cat "$tcp_file")" pl.kielce.traffic.ctz.policy.bench.BenchMain "$out" "$@"
    ;;
  *)
    build
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$jar:$(cat "$cp_file")" pl.kielce.traffic.ctz.policy.cli.PolicyCli "$@"
    ;;
esac
