# Transit in the demo: simulated buses and trams of the RNV timetable (no Kielce GTFS is available offline)
# publish GTFS-RT vehicle positions; the transit-adherence job (in LocalJobsMain) turns them into
# TripUpdates on transit.trip-updates (read by the journey planner) and alerts on traffic.alerts.
demo_transit() {
  local gtfs="${TRAFFIC_TRANSIT_GTFS:-${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}/rnv/rnv.zip}"
  if [ ! -f "$gtfs" ]; then
    DEMO_SUMMARY+=("transit   skipped: no GTFS at $gtfs (set TRAFFIC_TRANSIT_GTFS)")
    return 0
  fi
  demo_java transit-sim 384m "$(demo_classpath)" pl.kielce.traffic.transit.simulation.TransitCli simulate \
    --gtfs "$gtfs" --bootstrap-servers "$TRAFFIC_KAFKA_BOOTSTRAP" --speed "${TRAFFIC_TRANSIT_SPEED:-10}" \
    --minutes "${TRAFFIC_TRANSIT_MINUTES:-240}" --incident-probability 0.1 --seed "$RANDOM"
  DEMO_SUMMARY+=("Transit   simulated RNV fleet (10× time) → transit.vehicle-positions → TripUpdates on transit.trip-updates;"
                 "          follow them: ./traffic transit tail   (simulator log $DEMO_LOG_DIR/transit-sim.log)"
                 "          signal priority runs on the Kielce junction model, but no RNV bus comes near it (858 km):"
                 "          ./traffic transit requests stays silent here (stream-jobs/README-transit.md, TSP)")
  demo_say "transit simulator started ($(basename "$gtfs"))"
}
demo_step_after demo_replay demo_transit
