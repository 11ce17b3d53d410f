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
