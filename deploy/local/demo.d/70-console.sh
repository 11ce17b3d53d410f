# operator-console in ./traffic demo (sourced by deploy/local/demo.sh).
# The demo's own demo_console step starts the console jar; this file gives it the demo profile (labelled
# demo users with fresh passwords), Kafka, the city pack and the evidence folder, and prints the credentials.
export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-demo}"
export CONSOLE_KAFKA_ENABLED=true
export SPRING_KAFKA_BOOTSTRAP_SERVERS="${TRAFFIC_KAFKA_BOOTSTRAP:-127.0.0.1:${KAFKA_PORT:-59092}}"
export CONSOLE_CITY_DIR="${TRAFFIC_CITY_DIR:-$TRAFFIC_ROOT/cities/kielce}"
export CONSOLE_EVIDENCE_DIR="${CONSOLE_EVIDENCE_DIR:-$STATE_DIR/evidence}"
export CONSOLE_DEMO_CREDENTIALS_FILE="$STATE_DIR/demo/console-credentials.txt"
rm -f "$CONSOLE_DEMO_CREDENTIALS_FILE"

demo_console_credentials() {
  [ "${DEMO_CONSOLE:-0}" -eq 1 ] || return 0
  local deadline=$(( $(date +%s) + 90 ))
  until [ -s "$CONSOLE_DEMO_CREDENTIALS_FILE" ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      DEMO_SUMMARY+=("Console   demo users not ready; see $DEMO_LOG_DIR/console.log")
      return 0
    fi
    sleep 0.5
  done
  DEMO_SUMMARY+=("Console   log in at http://127.0.0.1:${CONSOLE_PORT:-8080}/login with a DEMO user (one per role):")
  local line
  while IFS= read -r line; do
    case "$line" in "  demo-"*) DEMO_SUMMARY+=("         $line") ;; esac
  done < "$CONSOLE_DEMO_CREDENTIALS_FILE"
}
demo_step_after demo_wait_counts demo_console_credentials
