#!/usr/bin/env bash
# help: routing serve --osm FILE --gtfs FILE [--port N] [--graph-dir DIR]   journey planner API (GraphHopper streets + connection scan over GTFS, GTFS-RT, zone-aware driving)
set -euo pipefail
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

source "$TRAFFIC_ROOT/deploy/local/routing-lib.sh"

sub="${1:-}"; [ $# -gt 0 ] && shift
case "$sub" in
  serve)
    osm=""; gtfs=""; port="8090"; graph_dir="$STATE_DIR/routing-graph"; extra=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --osm) osm="$2"; shift 2 ;;
        --gtfs) gtfs="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --graph-dir) graph_dir="$2"; shift 2 ;;
        --*=*) extra+=("$1"); shift ;;
        *) die "unknown option '$1' (usage: ./traffic routing serve --osm FILE --gtfs FILE [--port N])" ;;
      esac
    done
    if [ -z "$osm" ] && [ -z "$gtfs" ]; then
      city_osm="$STATE_DIR/cities/kielce/kielce.osm.pbf"; city_gtfs="$STATE_DIR/cities/kielce/kielce-gtfs.zip"
      if [ -f "$city_osm" ] && [ -f "$city_gtfs" ]; then
        osm="$city_osm"; gtfs="$city_gtfs"; say "serving Kielce (from ./traffic data fetch kielce)"
      else
        data="$(routing_data_dir)/rnv"
        [ -f "$data/rnv.osm.pbf" ] || die "no --osm/--gtfs given, no Kielce data (./traffic data fetch kielce needs internet) and no RNV data in $data"
        osm="$data/rnv.osm.pbf"; gtfs="$data/rnv.zip"
        say "no Kielce network/timetable here (offline): serving the RNV (Mannheim–Heidelberg, 2016) data instead"
      fi
    fi
    [ -f "$osm" ] || die "--osm $osm: no such file"
    [ -f "$gtfs" ] || die "--gtfs $gtfs: no such file"
    cp="$(routing_classpath)"
    say "journeys API on http://localhost:$port/api/journeys (OpenAPI: /swagger-ui.html, readiness: /actuator/health/readiness)"
    city="$TRAFFIC_ROOT/cities/kielce"
    exec java -Xmx3g -cp "$cp" pl.kielce.traffic.routing.RoutingApplication \
      --server.port="$port" --routing.osm="$(realpath "$osm")" --routing.gtfs="$(realpath "$gtfs")" \
      --routing.graph-dir="$graph_dir" \
      --routing.zone-policy.pack="$city" --routing.park-and-ride="$city/routing.park-and-ride.geojson" \
      ${extra[@]+"${extra[@]}"}
    ;;
  *) die "usage: ./traffic routing serve --osm FILE --gtfs FILE [--port N]" ;;
esac
