# Cameras in ./traffic demo (sourced by deploy/local/demo.sh): the camera gateway (module anpr) reads plates from
# the REAL photos in ../shared/data/plates and publishes AnprReads to anpr.reads, where the CTZ enforcement job
# decides them. Two cameras of the strict centre (stage 1 in the demo policy) keep sending the photo folders in a
# loop: pl-dev at KCE-CAM-01, eu-dev (foreign plates → REVIEW, never a fine) at KCE-CAM-06.
#
# The register: the city's sample (cities/kielce/register-sample.csv) plus a DEMO register invented here for the
# Polish photos' plates (deterministic by plate: 20 % not registered, 30 % too old for stage 1, 50 % compliant),
# written to .traffic/demo/register-photos.csv and never committed — the photos are real, the vehicle data is not.
# Violations and reviews land in ctz_cases with the evidence photo claimed (the console's review queue); the
# gateway deletes every unclaimed photo after its TTL, so compliant vehicles leave no image behind.
ANPR_PORT="${TRAFFIC_ANPR_PORT:-58088}"

demo_anpr() {
  local data="${TRAFFIC_DATA_DIR:-$TRAFFIC_ROOT/../shared/data}" photos
  photos="$data/plates/pl-dev"
  if [ ! -f "$photos/ground_truth.tsv" ]; then
    DEMO_SUMMARY+=("Cameras   not started: no photos at $photos (the demo's generated reads still feed the jobs)")
    return 0
  fi
  port_in_use "$ANPR_PORT" && die "port $ANPR_PORT (camera gateway) is taken; set TRAFFIC_ANPR_PORT"
  # build, classpath and the glyph classifier (trained once per machine from the photos' dev split)
  if ! "$TRAFFIC_ROOT/traffic" anpr read "$photos/$(sed -n 2p "$photos/ground_truth.tsv" | cut -f1)" \
      >"$DEMO_LOG_DIR/anpr-prepare.log" 2>&1; then
    DEMO_SUMMARY+=("Cameras   not started: the anpr module did not build (see $DEMO_LOG_DIR/anpr-prepare.log)")
    return 0
  fi
  demo_anpr_register "$photos/ground_truth.tsv"

  local cp="$TRAFFIC_ROOT/anpr/target/anpr-0.1.0-SNAPSHOT.jar:$(cat "$STATE_DIR/anpr.classpath")"
  local -a jvm=(java -Xmx512m -Xss4m -Danpr.glyphs="$STATE_DIR/anpr/glyphs-train.bin" -cp "$cp" pl.kielce.traffic.anpr.AnprCli)
  demo_spawn anpr-gateway env OMP_THREAD_LIMIT=1 "${jvm[@]}" serve --port "$ANPR_PORT" --kafka "$TRAFFIC_KAFKA_BOOTSTRAP" \
    --cameras "$TRAFFIC_CITY_DIR/cameras.geojson" --evidence "${CONSOLE_EVIDENCE_DIR:-$STATE_DIR/evidence}"
  demo_wait_log anpr-gateway "anpr gateway on http" 90
  demo_anpr_camera KCE-CAM-01 "$photos" 1 "${jvm[@]}"
  [ -d "$data/plates/eu-dev" ] && demo_anpr_camera KCE-CAM-06 "$data/plates/eu-dev" 0.5 "${jvm[@]}"
  DEMO_SUMMARY+=("Cameras   gateway http://127.0.0.1:$ANPR_PORT/api/cameras/{id}/images; real photos in a loop: pl-dev at KCE-CAM-01 (1/s),"
                 "          eu-dev at KCE-CAM-06 (0.5/s); register: city sample + invented demo data for the photos' plates")
}

# demo_anpr_camera CAMERA DIR RATE JVM…: one camera sending a folder of photos again and again (anpr replay), until
# the demo stops. Replay prints file and HTTP status only.
demo_anpr_camera() {
  local camera="$1" dir="$2" rate="$3"; shift 3
  demo_spawn "anpr-$camera" bash -c 'trap "kill \$pid 2>/dev/null; exit 0" TERM INT
    while :; do "$@" & pid=$!; wait $pid; sleep 5; done' camera-loop \
    "$@" replay "$dir" --camera "$camera" --rate "$rate" --url "http://127.0.0.1:$ANPR_PORT"
}

# The demo register for the photos' Polish plates (see the header) + the city's sample, into vehicle_register.
demo_anpr_register() {
  local truth="$1" csv="$STATE_DIR/demo/register-photos.csv"
  python3 - "$truth" "$TRAFFIC_CITY_DIR/register-sample.csv" "$csv" <<'PY'
import csv, sys, zlib
truth, sample, out = sys.argv[1:4]
with open(sample, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, known = rows[0], {r[0] for r in rows[1:]}
with open(truth, encoding="utf-8") as f:
    plates = sorted({line.rstrip("\n").split("\t")[-1].replace(" ", "").upper() for line in list(f)[1:] if line.strip()})
with open(out, "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o)
    w.writerow(header)
    w.writerows(rows[1:])
    for p in plates:
        if p in known:
            continue
        b = zlib.crc32(p.encode()) % 10
        if b < 2:
            continue                                                                 # not registered: REVIEW
        if b < 4:
            w.writerow([p, "M1", "diesel", "Euro 3", "2004", "2004-05-10", "1650", "false", ""])  # stage 1: diesel < Euro 4
        elif b < 5:
            w.writerow([p, "M1", "petrol", "Euro 1", "1995", "1995-03-01", "1200", "false", ""])  # stage 1: petrol < Euro 2
        else:
            w.writerow([p, "M1", "petrol" if b % 2 else "diesel", "Euro 6", "2018", "2018-06-01", "1500", "false", ""])
PY
  if register_import "$csv" "$TRAFFIC_JDBC_URL" "$PG_PORT" "$(demo_classpath)" >>"$DEMO_LOG_DIR/anpr-prepare.log" 2>&1; then
    demo_say "register: $(( $(wc -l < "$csv") - 1 )) vehicles (city sample + demo data for the photos' plates) in vehicle_register"
  else
    DEMO_SUMMARY+=("Register  import failed (see $DEMO_LOG_DIR/anpr-prepare.log): every case will be REVIEW")
  fi
}
demo_step_after demo_wait_stack demo_anpr

# The summary counts the cases made from the photos by this run (a photo's evidence ref is sha256:…; the generated
# reads have none). Waits until the first photo VIOLATION, at most TRAFFIC_DEMO_PHOTO_WAIT seconds (default 45).
demo_anpr_cases() {
  [[ " ${DEMO_PID_NAMES[*]} " == *" anpr-gateway "* ]] || return 0
  local since deadline counts="" query
  since="$(date -u -d "@$(( DEMO_T0 / 1000000000 ))" '+%Y-%m-%d %H:%M:%S+00')"
  deadline=$(( $(date +%s) + ${TRAFFIC_DEMO_PHOTO_WAIT:-45} ))
  query="SELECT kind, reason, count(*) FROM ctz_cases WHERE received_at >= '$since'
         AND EXISTS (SELECT 1 FROM unnest(evidence_refs) e WHERE e LIKE 'sha256:%') GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC"
  while :; do
    counts="$(psql_at "$PG_PORT" traffic -tA -F' ' -c "$query" 2>/dev/null || true)"
    grep -q '^VIOLATION ' <<<"$counts" && break
    [ "$(date +%s)" -ge "$deadline" ] && break
    sleep 2
  done
  local v r detail
  v="$(awk '$1 == "VIOLATION" {n += $3} END {print n + 0}' <<<"$counts")"
  r="$(awk '$1 == "REVIEW" {n += $3} END {print n + 0}' <<<"$counts")"
  detail="$(awk '$1 == "REVIEW" {printf "%s%s %s", sep, $2, $3; sep = ", "}' <<<"$counts")"
  DEMO_SUMMARY+=("Photos    cases from the real photos so far: $v VIOLATION, $r REVIEW${detail:+ ($detail)}; again:"
                 "          psql … -c \"SELECT kind, reason, count(*) FROM ctz_cases WHERE evidence_refs::text LIKE '%sha256:%' GROUP BY 1, 2\"")
}
demo_step_after demo_wait_counts demo_anpr_cases
