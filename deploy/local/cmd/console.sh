#!/usr/bin/env bash
# help: console [--demo] [--port N]   run the operator console alone against the local stack (./traffic stack up)
# Without --demo there are no users until the first admin is created: set CONSOLE_ADMIN_USERNAME and
# CONSOLE_ADMIN_PASSWORD, or open /setup with the one-time token the console logs at start.
set -euo pipefail
source "$TRAFFIC_ROOT/deploy/local/lib.sh"
port="${TRAFFIC_CONSOLE_PORT:-8080}" profile=""
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) profile=demo ;;
    --port) port="$2"; shift ;;
    -h|--help) sed -n 's/^# help: //p' "$0"; exit 0 ;;
    *) die "unknown option $1 (usage: ./traffic console [--demo] [--port N])" ;;
  esac
  shift
done
jar="$(ls "$TRAFFIC_ROOT"/operator-console/target/operator-console-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$TRAFFIC_ROOT/operator-console/src" -newer "$jar" -print -quit)" ]; then
  say "building the console (mvn -pl operator-console -am install -DskipTests) …"
  mvnw -q -pl operator-console -am install -DskipTests || die "build failed"
  jar="$(ls "$TRAFFIC_ROOT"/operator-console/target/operator-console-*.jar | head -1)"
fi
pg_up "$STATE_DIR/pg" "$PG_PORT"
kafka_flag=false
if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then kafka_flag=true; else say "no Kafka on $KAFKA_PORT: the console runs without topics (plans are not published)"; fi
mkdir -p "$STATE_DIR"
say "console on http://127.0.0.1:$port (Ctrl-C stops it)"
cd "$TRAFFIC_ROOT"
exec env SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:$PG_PORT/traffic" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_FLYWAY_OUT_OF_ORDER=true SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
  SPRING_PROFILES_ACTIVE="$profile" CONSOLE_KAFKA_ENABLED="$kafka_flag" \
  SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" CONSOLE_CITY_DIR="$TRAFFIC_ROOT/cities/kielce" \
  CONSOLE_EVIDENCE_DIR="$STATE_DIR/evidence" CONSOLE_DEMO_CREDENTIALS_FILE="$STATE_DIR/console-credentials.txt" \
  java -Xmx512m -jar "$jar"
