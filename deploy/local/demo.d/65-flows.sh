# Traffic flows in the demo: simulated detector counts for the detectors of cities/kielce/intersections.xml
# (evening-peak demand, Poisson noise, one overloaded approach, one detector that falls silent) → the flow job
# (in LocalJobsMain) → traffic.flows + PostGIS traffic_flows, CONGESTION / SILENT_DETECTOR alerts on traffic.alerts
# (console) → the signal-timing job proposes plans from these flows.
# Short settings so flows show within a minute or two (the jobs JVM inherits them; read by FlowSettings.fromEnvironment):
export TRAFFIC_FLOW_INTERVAL_SECONDS="${TRAFFIC_FLOW_INTERVAL_SECONDS:-60}"
export TRAFFIC_FLOW_OUT_OF_ORDER_SECONDS="${TRAFFIC_FLOW_OUT_OF_ORDER_SECONDS:-10}"
export TRAFFIC_FLOW_SILENT_AFTER_SECONDS="${TRAFFIC_FLOW_SILENT_AFTER_SECONDS:-120}"
# cameras send one passage count per 5-min window: a shorter threshold would call every camera silent
export TRAFFIC_FLOW_CAMERA_SILENT_AFTER_SECONDS="${TRAFFIC_FLOW_CAMERA_SILENT_AFTER_SECONDS:-600}"

demo_flows() {
  # 10 minutes back-filled at once (flows and a congestion alert at once), then one count per detector every 15 s
  demo_java flows-sim 192m "$(demo_classpath)" pl.kielce.traffic.flows.simulation.FlowsCli simulate \
    --city-dir "$TRAFFIC_CITY_DIR" --bootstrap-servers "$TRAFFIC_KAFKA_BOOTSTRAP" --period-seconds 15 \
    --backfill-minutes "${TRAFFIC_FLOWS_BACKFILL_MINUTES:-10}" --time-of-day "${TRAFFIC_FLOWS_TIME_OF_DAY:-16:30}" \
    --silent-detector last --silent-after-minutes "${TRAFFIC_FLOWS_SILENT_AFTER_MINUTES:-3}" --seed "$RANDOM"
  demo_wait_log flows-sim "^\[flows-sim\] " 60
  demo_say "flows: $(grep -m1 '^\[flows-sim\] ' "$DEMO_LOG_DIR/flows-sim.log" | sed 's/^\[flows-sim\] //')"
  DEMO_SUMMARY+=("Flows     simulated detector counts (${TRAFFIC_FLOW_INTERVAL_SECONDS}-s flow intervals) → traffic.flows, PostGIS traffic_flows,"
                 "          CONGESTION / SILENT_DETECTOR alerts on traffic.alerts; follow them: ./traffic flows tail"
                 "          psql -h localhost -p $PG_PORT -U postgres traffic -c 'SELECT intersection_id, approach, interval_start, flow_veh_per_hour, degree_of_saturation FROM traffic_flows ORDER BY interval_start DESC LIMIT 20'")
}
demo_step_after demo_replay demo_flows
