#!/usr/bin/env bash
# help: data fetch kielce   download Geofabrik's Świętokrzyskie extract (cut to Kielce with osmium) and the ZTM Kielce GTFS (needs internet)
set -euo pipefail
source "$TRAFFIC_ROOT/deploy/local/lib.sh"

# value of 'key: value' in a city's routing.yaml
city_value() { sed -n "s/^$2:[[:space:]]*//p" "$1" | sed 's/[[:space:]]*#.*$//' | head -1; }

sub="${1:-}"; city="${2:-}"
[ "$sub" = fetch ] && [ -n "$city" ] || die "usage: ./traffic data fetch kielce"
conf="$TRAFFIC_ROOT/cities/$city/routing.yaml"
[ -f "$conf" ] || die "no $conf: which network and timetable to fetch for '$city' is not known"
out="$STATE_DIR/cities/$city"; mkdir -p "$out"
osm_url="$(city_value "$conf" osmUrl)"; bbox="$(city_value "$conf" osmBbox)"; osm_file="$(city_value "$conf" osmFile)"
gtfs_url="$(city_value "$conf" gtfsUrl)"; gtfs_file="$(city_value "$conf" gtfsFile)"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"

if ! curl -sfI --max-time 10 "$osm_url" >/dev/null; then
  die "cannot reach $osm_url (no internet here?). Nothing downloaded. Offline, './traffic routing serve' serves the RNV data and says so."
fi
region="$out/region.osm.pbf"
say "downloading $osm_url"
curl -fL --retry 3 -o "$region.part" "$osm_url" && mv "$region.part" "$region"
if ! command -v osmium >/dev/null; then
  ensure_osmium() { apt-get install -y -qq --no-install-recommends osmium-tool >/dev/null 2>&1; }
  { [ "$(id -u)" -eq 0 ] && ensure_osmium; } || die "osmium is missing: apt-get install osmium-tool, then run this again"
fi
say "cutting to the city (bbox $bbox) with osmium"
osmium extract --overwrite -b "$bbox" -s smart -o "$out/$osm_file" "$region"
say "downloading $gtfs_url"
curl -fL --retry 3 -o "$out/$gtfs_file.part" "$gtfs_url" && mv "$out/$gtfs_file.part" "$out/$gtfs_file"
unzip -tq "$out/$gtfs_file" >/dev/null || die "$gtfs_url did not give a valid zip"
say "done: $out/$osm_file and $out/$gtfs_file — './traffic routing serve' now serves Kielce"
