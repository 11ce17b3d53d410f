# Shared by cmd/routing.sh and cmd/journeys.sh. Sourced, not executed.

# Data folder: $TRAFFIC_DATA_DIR or ../shared/data next to the checkout.
routing_data_dir() { echo "${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}"; }

# Build the routing module when its sources changed; print its runtime classpath (cached under .traffic/).
routing_classpath() {
  local stamp="$STATE_DIR/routing.build.stamp" cpfile="$STATE_DIR/routing.classpath"
  mkdir -p "$STATE_DIR"
  if [ ! -f "$stamp" ] || [ ! -f "$cpfile" ] || [ -n "$(find "$TRAFFIC_ROOT/routing" "$TRAFFIC_ROOT/events/src" \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    say "building routing …" >&2
    (cd "$TRAFFIC_ROOT" && mvnw -q -pl events install -DskipTests >&2 && cd routing && mvnw -q compile >&2 \
      && mvnw -q dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2) || die "routing build failed"
    touch "$stamp"
  fi
  echo "$TRAFFIC_ROOT/routing/target/classes:$(cat "$cpfile")"
}
