#!/usr/bin/env bash
# help: journeys eval --osm FILE --gtfs FILE --queries CSV [--baseline graphhopper]   share of reference journeys matched (+60 s), no-route count, longest walk, latency p50/p99
# help: journeys load [--url URL] [--clients 50] [--seconds 60]   load test a running journeys API from this (second) process
# help: journeys bench [--clients 50] [--seconds 60]   RNV: eval beside GraphHopper 10.2 PT as shipped, then serve + load test (also ./traffic bench journeys)
set -euo pipefail
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

source "$TRAFFIC_ROOT/deploy/local/routing-lib.sh"

sub="${1:-}"; [ $# -gt 0 ] && shift
case "$sub" in
  eval)
    cp="$(routing_classpath)"
    exec java -Xmx3g -cp "$cp" pl.kielce.traffic.routing.eval.JourneysEval --graph-dir "$STATE_DIR/routing-graph" "$@" ;;
  load)
    cp="$(routing_classpath)"
    data="$(routing_data_dir)/rnv"
    exec java -Xmx512m -cp "$cp" pl.kielce.traffic.routing.eval.LoadClient --queries "$data/journeys-dev.csv" "$@" ;;
  bench)
    clients=50; seconds=60
    while [ $# -gt 0 ]; do
      case "$1" in --clients) clients="$2"; shift 2 ;; --seconds) seconds="$2"; shift 2 ;; *) die "unknown option '$1'" ;; esac
    done
    data="$(routing_data_dir)/rnv"
    [ -f "$data/rnv.osm.pbf" ] || die "no RNV data in $data (set TRAFFIC_DATA_DIR)"
    cp="$(routing_classpath)"
    say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
    say "1/2 quality and single-query latency: GraphHopper 10.2 PT as shipped vs this module, same process, same queries"
    java -Xmx3g -cp "$cp" pl.kielce.traffic.routing.eval.JourneysEval --graph-dir "$STATE_DIR/routing-graph" \
      --osm "$data/rnv.osm.pbf" --gtfs "$data/rnv.zip" --queries "$data/journeys-dev.csv" --baseline graphhopper
    port=18095
    say "2/2 load: API on port $port, $clients clients for $seconds s from a second process"
    java -Xmx3g -cp "$cp" pl.kielce.traffic.routing.RoutingApplication --server.port=$port \
      --routing.osm="$data/rnv.osm.pbf" --routing.gtfs="$data/rnv.zip" --routing.graph-dir="$STATE_DIR/routing-graph" \
      >"$STATE_DIR/journeys-bench-server.log" 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    for _ in $(seq 1 180); do
      curl -sf "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
      kill -0 $server 2>/dev/null || die "API did not start; see $STATE_DIR/journeys-bench-server.log"
      sleep 1
    done
    # warm-up (JIT, per-day connection arrays), then the measured run
    java -Xmx512m -cp "$cp" pl.kielce.traffic.routing.eval.LoadClient --url "http://localhost:$port" --queries "$data/journeys-dev.csv" --clients 4 --seconds 10 >/dev/null
    java -Xmx512m -cp "$cp" pl.kielce.traffic.routing.eval.LoadClient --url "http://localhost:$port" --queries "$data/journeys-dev.csv" --clients "$clients" --seconds "$seconds"
    ;;
  *) die "usage: ./traffic journeys eval --osm FILE --gtfs FILE --queries CSV | journeys load [--url URL] [--clients N] [--seconds S]" ;;
esac
