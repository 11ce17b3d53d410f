# CTZ enforcement in the demo. The job runs in LocalJobsMain ("ctz-enforcement") with the Kielce pack, whose first
# stage starts on 2027-07-01 — so today every passage would be "no stage in force". This step publishes the same
# pack with stage 1 moved to 2026-01-01 (version "…-demo") on policy.updates: the running job switches policy
# without a restart, and replayed reads at cameras of the centre become decisions; VIOLATION/REVIEW cases land in
# PostGIS ctz_cases (the console's review queue), counters in ctz_decision_counts.
demo_ctz_policy() {
  local dir="$STATE_DIR/demo/ctz-pack"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$TRAFFIC_ROOT"/cities/kielce/policy.yaml "$TRAFFIC_ROOT"/cities/kielce/*.geojson "$dir"/
  sed -i 's/validFrom: 2027-07-01/validFrom: 2026-01-01/; s/^version: "\(.*\)"/version: "\1-demo"/' "$dir/policy.yaml"
  if java -Xmx128m -cp "$(demo_classpath)" pl.kielce.traffic.ctz.enforcement.PublishPolicy "$dir" "$TRAFFIC_KAFKA_BOOTSTRAP" \
      >>"$DEMO_LOG_DIR/ctz-policy.log" 2>&1; then
    DEMO_SUMMARY+=("CTZ       Kielce pack with stage 1 from 2026-01-01 published to policy.updates; cases → PostGIS ctz_cases,"
                   "          counters → ctz_decision_counts (psql: SELECT kind, reason, count(*) FROM ctz_cases GROUP BY 1, 2)")
  else
    DEMO_SUMMARY+=("CTZ       could not publish the demo policy (see $DEMO_LOG_DIR/ctz-policy.log); the job keeps the shipped pack")
  fi
}
demo_step_after demo_jobs demo_ctz_policy

# The case store starts fresh with the job's state. The demo wipes the Kafka log (and so the enforcement job's
# state) at every start but keeps PostGIS; a case id is a name-based UUID of policy, plate, country, zone and local
# day, so the same photo plate on the same day got the id of the earlier run's case, and the job's INSERT … ON CONFLICT
# (id) DO NOTHING kept the earlier row: a run with reviewConfidenceBelow 0.80 decided 26 VIOLATIONs at KCE-CAM-01
# (ctz_decision_counts) while ctz_cases still showed the 0.90 run's REVIEW/LOW_CONFIDENCE rows with the new passages
# attached. So when the job starts without state, the cases and counters of earlier runs go too (the console's
# reviews and notices of them cascade). With TRAFFIC_DEMO_KEEP_KAFKA=1 or a broker of ./traffic stack up the job
# keeps its state, and the cases are kept.
demo_ctz_fresh_cases() {
  if kafka_running || [ "${TRAFFIC_DEMO_KEEP_KAFKA:-0}" = 1 ]; then
    demo_say "CTZ: the job keeps its state (Kafka kept), so the cases of earlier runs stay in ctz_cases"
    return 0
  fi
  [ "$(psql_at "$PG_PORT" traffic -tAc "SELECT to_regclass('public.ctz_cases') IS NOT NULL" 2>/dev/null)" = t ] || return 0
  local removed
  removed="$(psql_at "$PG_PORT" traffic -v ON_ERROR_STOP=1 -tAq <<'SQL'
BEGIN;
DELETE FROM ctz_decision_counts;
WITH gone AS (DELETE FROM ctz_cases RETURNING 1) SELECT count(*) FROM gone;
COMMIT;
SQL
)" || die "cannot clear the CTZ cases of earlier demo runs (PostGIS on $PG_PORT)"
  demo_say "CTZ: the job starts without state, so the $removed case(s) of earlier demo runs were removed from ctz_cases"
}
demo_step_after demo_postgis demo_ctz_fresh_cases
