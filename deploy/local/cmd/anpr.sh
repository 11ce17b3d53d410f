#!/usr/bin/env bash
# help: anpr read IMAGE...                         read plates: PATH<TAB>PLATE<TAB>CONFIDENCE per image
# help: anpr eval DIR [--split all|dev|holdout]    accuracy on a labelled folder (ground_truth.tsv or NAME.txt)
# help: anpr replay DIR --camera ID --rate N       send a folder of photos through the camera gateway
# help: anpr train OUT.bin DIR...                 harvest labelled glyphs from the dev split (even positions) of labelled folders
# help: anpr bench [DIR...]                        speed + accuracy beside plain Tesseract (default: the shared pl-dev and eu-dev)
# help: anpr serve [--port N] [--kafka HOST:PORT]  run the camera gateway (POST /api/cameras/{id}/images)
set -euo pipefail
: "${TRAFFIC_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source=../lib.sh
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

jar="$TRAFFIC_ROOT/anpr/target/anpr-0.1.0-SNAPSHOT.jar"
cp_file="$STATE_DIR/anpr.classpath"
mkdir -p "$STATE_DIR"
if [ ! -f "$jar" ] || [ -n "$(find "$TRAFFIC_ROOT/anpr/src/main" "$TRAFFIC_ROOT/anpr/pom.xml" "$TRAFFIC_ROOT/events/src/main" \
      "$TRAFFIC_ROOT/cities/kielce/plate-districts.tsv" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  say "building anpr …"
  mvnw -q -o -pl anpr -am install -DskipTests >/dev/null 2>&1 || mvnw -q -pl anpr -am install -DskipTests || die "anpr build failed"
  rm -f "$cp_file"
fi
if [ ! -s "$cp_file" ]; then
  mvnw -q -o -pl anpr dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null 2>&1 \
    || mvnw -q -pl anpr dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null || die "cannot resolve the anpr classpath"
fi
data="${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}"
[ $# -gt 0 ] || { sed -n 's/^# help: /  /p' "$0"; exit 2; }
if [ "$1" = bench ] && [ $# -eq 1 ]; then
  set -- bench "$data/plates/pl-dev" "$data/plates/eu-dev"
fi
# Labelled real glyphs sharpen the character classifier. They are cut from labelled photos, so they are made on
# each machine from the shared data (dev split only) and never committed; without them the fonts alone are used.
glyphs="${TRAFFIC_ANPR_GLYPHS:-$STATE_DIR/anpr/glyphs-train.bin}"
run_anpr() {
  java -Xss4m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Danpr.glyphs="$glyphs" \
    -cp "$jar:$(cat "$cp_file")" pl.kielce.traffic.anpr.AnprCli "$@"
}
export OMP_THREAD_LIMIT=1  # Tesseract: one thread per handle; the pool gives the parallelism
# harvesting uses the segmentation, so the glyphs are remade when the module jar is newer than them
if [ "$1" != train ] && { [ ! -f "$glyphs" ] || [ "$jar" -nt "$glyphs" ]; } && [ -d "$data/plates/pl-dev" ]; then
  say "training the glyph classifier once from the dev split of $data/plates (→ $glyphs)"
  mkdir -p "$(dirname "$glyphs")"
  run_anpr train "$glyphs" "$data/plates/pl-dev" "$data/plates/eu-dev" >&2 || die "anpr train failed"
fi
run_anpr "$@"
