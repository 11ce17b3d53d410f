#!/usr/bin/env bash
# help: signals optimize --sumo-scenario DIR --out OUTDIR [opts]   measure a SUMO scenario like a city, optimise its signal plans, write a scenario copy
# help: signals sumo-eval --scenario DIR                          run a SUMO scenario: mean time loss, waiting, completed trips, teleports
# help: signals bench [--scenario DIR] [--work DIR]               shipped vs SUMO actuated vs Webster vs this optimiser, side by side (default: bologna-acosta)
# help: signals export-geojson [XML [OUT]] [--check]              the intersection model as the console's map layer (default cities/kielce/intersections.xml → .geojson beside it)
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

# The signal-timing code is plain JDK (no dependencies): compile just its packages, so this command
# does not wait for (or depend on) the rest of the stream-jobs module. signals/job is the Flink job (not needed here).
src="$TRAFFIC_ROOT/stream-jobs/src/main/java/pl/kielce/traffic/signals"
classes="$STATE_DIR/signals-classes"
stamp="$classes/.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find "$src" -name '*.java' -newer "$stamp" -print -quit)" ]; then
  rm -rf "$classes"; mkdir -p "$classes"
  javac -d "$classes" $(find "$src" -name '*.java' -not -path '*/signals/job/*') || die "signals: compilation failed"
  touch "$stamp"
fi
[ $# -gt 0 ] || { sed -n 's/^# help: /  /p' "$0"; exit 2; }
if [ "$1" = export-geojson ]; then
  shift; printf '%s\n' "$@" | grep -q -- '\.xml$' || set -- "$TRAFFIC_ROOT/cities/kielce/intersections.xml" "$@"
  exec java -Xmx256m -XX:+UseSerialGC -cp "$classes" pl.kielce.traffic.signals.city.IntersectionsGeoJson "$@"
fi
command -v sumo >/dev/null || [ -x "$SUMO_HOME/bin/sumo" ] || die "SUMO is not installed: ./traffic setup (Debian packages sumo, sumo-tools)"
if [ "$1" = bench ] && ! printf '%s\n' "$@" | grep -q -- '--scenario'; then
  data="${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}"
  set -- "$@" --scenario "$data/sumo/bologna-acosta"
fi
exec java -Xmx1g -XX:+UseSerialGC -cp "$classes" pl.kielce.traffic.signals.sumo.SignalsCommand "$@"
