package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A loaded, validated Clean Transport Zone policy: immutable, thread-safe and {@link Serializable}
 * (plain Java serialization; or rebuild it from its source text with {@code PolicyPacks.fromStrings}).
 *
 * <p>{@link #decide} is the hot path: no I/O, one small allocation (the {@link Decision}) for a registered
 * vehicle. Camera → zone membership per stage is computed once at construction with JTS prepared geometries.
 */
public final class Policy implements Serializable {
    private static final long serialVersionUID = 1L;
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final String id;
    private final String version;
    private final String name;
    private final boolean illustrative;
    private final ZoneId timeZone;
    private final ZoneRules zoneRules;
    private final PolicySettings settings;
    private final Map<String, Zone> zones;
    private final Map<String, Camera> cameras;
    private final List<Stage> stages;
    private final List<ExemptionRule> exemptionRules;
    private final Map<String, String> sources; // file name → text, for rebuilds and audit

    // hot-path structures
    private final Stage[] stageArray;
    private final long[] stageFromDay;
    private final long[] stageToDay;               // inclusive
    private final HashMap<String, String[]> cameraZoneByStage; // camera id → zone id per stage index (null = outside)
    private final ExemptionRule[] exemptionArray;
    private transient volatile Map<String, PreparedGeometry> prepared;
    // UTC offsets as a flat table of transitions (2000–2100): allocation-free lookups on the hot path
    private final long[] offsetFromEpochSecond;
    private final int[] offsetSeconds;

    public Policy(String id, String version, String name, boolean illustrative, ZoneId timeZone, PolicySettings settings,
                  List<Zone> zones, List<Camera> cameras, List<Stage> stages, List<ExemptionRule> exemptionRules,
                  Map<String, String> sources) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = Objects.requireNonNull(version, "version");
        this.name = name == null ? id : name;
        this.illustrative = illustrative;
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.zoneRules = timeZone.getRules();
        this.settings = settings == null ? PolicySettings.DEFAULTS : settings;
        Map<String, Zone> zm = new LinkedHashMap<>();
        for (Zone z : zones) if (zm.put(z.id(), z) != null) throw new IllegalArgumentException("duplicate zone id " + z.id());
        this.zones = java.util.Collections.unmodifiableMap(zm);
        Map<String, Camera> cm = new LinkedHashMap<>();
        for (Camera c : cameras) if (cm.put(c.id(), c) != null) throw new IllegalArgumentException("duplicate camera id " + c.id());
        this.cameras = java.util.Collections.unmodifiableMap(cm);
        List<Stage> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparing(Stage::validFrom));
        if (sorted.isEmpty()) throw new IllegalArgumentException("a policy needs at least one stage");
        this.stages = List.copyOf(sorted);
        this.exemptionRules = List.copyOf(exemptionRules);
        this.exemptionArray = this.exemptionRules.toArray(new ExemptionRule[0]);
        this.sources = sources == null ? Map.of() : Map.copyOf(sources);

        int n = sorted.size();
        stageArray = sorted.toArray(new Stage[0]);
        stageFromDay = new long[n];
        stageToDay = new long[n];
        for (int i = 0; i < n; i++) {
            Stage s = stageArray[i];
            stageFromDay[i] = s.validFrom().toEpochDay();
            long implicitEnd = i + 1 < n ? stageArray[i + 1].validFrom().toEpochDay() - 1 : Long.MAX_VALUE;
            stageToDay[i] = s.validTo() == null ? implicitEnd : Math.min(s.validTo().toEpochDay(), implicitEnd);
            for (String z : s.zoneIds()) {
                if (!zm.containsKey(z)) throw new IllegalArgumentException("stage " + s.id() + " names unknown zone " + z);
            }
        }
        List<Long> from = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        Instant t = Instant.parse("2000-01-01T00:00:00Z");
        Instant end = Instant.parse("2100-01-01T00:00:00Z");
        from.add(t.getEpochSecond());
        off.add(zoneRules.getOffset(t).getTotalSeconds());
        for (java.time.zone.ZoneOffsetTransition tr = zoneRules.nextTransition(t); tr != null && tr.getInstant().isBefore(end);
             tr = zoneRules.nextTransition(tr.getInstant())) {
            from.add(tr.getInstant().getEpochSecond());
            off.add(tr.getOffsetAfter().getTotalSeconds());
        }
        offsetFromEpochSecond = from.stream().mapToLong(Long::longValue).toArray();
        offsetSeconds = off.stream().mapToInt(Integer::intValue).toArray();

        Map<String, PreparedGeometry> prep = preparedZones();
        cameraZoneByStage = new HashMap<>();
        for (Camera c : cm.values()) {
            Point p = WGS84.createPoint(new Coordinate(c.lon(), c.lat()));
            String[] byStage = new String[n];
            for (int i = 0; i < n; i++) {
                for (String z : stageArray[i].zoneIds()) {
                    if (prep.get(z).covers(p)) { byStage[i] = z; break; }
                }
            }
            cameraZoneByStage.put(c.id(), byStage);
        }
    }

    private Map<String, PreparedGeometry> preparedZones() {
        Map<String, PreparedGeometry> p = prepared;
        if (p == null) {
            Map<String, PreparedGeometry> m = new HashMap<>();
            for (Zone z : zones.values()) m.put(z.id(), PreparedGeometryFactory.prepare(z.geometry()));
            prepared = p = m;
        }
        return p;
    }

    // ------------------------------------------------------------------ decisions

    /**
     * Decides one passage. Pure: reads the policy and the given registers, writes nothing.
     *
     * @param passage    camera, plate (may be null), plate country, confidence, observed body class
     * @param vehicle    the register's facts for the plate, or {@code null} when the register does not know it
     * @param registers  exemption registers ({@link Exemptions#none()} when none are available)
     * @param at         the moment of the passage
     */
    public Decision decide(PassageFacts passage, VehicleFacts vehicle, Exemptions registers, Instant at) {
        long local = at.getEpochSecond() + offsetAt(at);
        long day = Math.floorDiv(local, 86_400L);
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        int s = stageIndexOn(day);
        if (s < 0) return new Decision(Outcome.ALLOWED, ReasonCode.NO_STAGE_IN_FORCE, this, null, null, passage, at, null, null, vehicle, null, false);
        return decideUnder(s, passage, vehicle, registers, at, day, secondOfDay);
    }

    /**
     * Decides as if stage {@code stageId} were in force at {@code at} (what-if replays of history under
     * another stage). The schedule and time of day still come from {@code at}.
     */
    public Decision decideUnderStage(String stageId, PassageFacts passage, VehicleFacts vehicle, Exemptions registers, Instant at) {
        int s = -1;
        for (int i = 0; i < stageArray.length; i++) if (stageArray[i].id().equals(stageId)) s = i;
        if (s < 0) throw new IllegalArgumentException("policy " + id + " has no stage " + stageId + "; stages: " + stageIds());
        long local = at.getEpochSecond() + offsetAt(at);
        return decideUnder(s, passage, vehicle, registers, at, Math.floorDiv(local, 86_400L), (int) Math.floorMod(local, 86_400L));
    }

    /** UTC offset in seconds at an instant, from the precomputed transition table. */
    int offsetAt(Instant at) {
        long e = at.getEpochSecond();
        long[] from = offsetFromEpochSecond;
        if (e < from[0] || e >= 4_102_444_800L) return zoneRules.getOffset(at).getTotalSeconds(); // outside 2000–2100
        int lo = 0, hi = from.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (from[mid] <= e) lo = mid; else hi = mid - 1;
        }
        return offsetSeconds[lo];
    }

    /**
     * Decides for a place instead of a camera — "may this vehicle enter there then?" (journey planner,
     * console). The zone is the first zone of the stage in force covering the WGS 84 point; the decision's
     * camera reads {@code "point <lon>,<lat>"}.
     *
     * @param plate the plate for plate-based exemptions, or {@code null} to judge the vehicle facts alone
     */
    public Decision decideAtLocation(double lon, double lat, String plate, VehicleFacts vehicle, Exemptions registers, Instant at) {
        PassageFacts p = new PassageFacts(String.format(java.util.Locale.ROOT, "point %.6f,%.6f", lon, lat), plate, null, Double.NaN, null);
        long local = at.getEpochSecond() + offsetAt(at);
        long day = Math.floorDiv(local, 86_400L);
        int s = stageIndexOn(day);
        if (s < 0) return new Decision(Outcome.ALLOWED, ReasonCode.NO_STAGE_IN_FORCE, this, null, null, p, at, null, null, vehicle, null, false);
        Point point = WGS84.createPoint(new Coordinate(lon, lat));
        Map<String, PreparedGeometry> prep = preparedZones();
        String zoneId = null;
        for (String z : stageArray[s].zoneIds()) if (prep.get(z).covers(point)) { zoneId = z; break; }
        return decideIn(s, zoneId, p, vehicle, registers, at, day, (int) Math.floorMod(local, 86_400L));
    }

    private Decision decideUnder(int s, PassageFacts p, VehicleFacts v, Exemptions registers, Instant at, long day, int secondOfDay) {
        String[] zoneByStage = cameraZoneByStage.get(p.cameraId());
        if (zoneByStage == null) return new Decision(Outcome.REVIEW, ReasonCode.UNKNOWN_CAMERA, this, stageArray[s], null, p, at, null, null, v, null, false);
        return decideIn(s, zoneByStage[s], p, v, registers, at, day, secondOfDay);
    }

    private Decision decideIn(int s, String zoneId, PassageFacts p, VehicleFacts v, Exemptions registers, Instant at, long day, int secondOfDay) {
        Stage stage = stageArray[s];
        if (zoneId == null) return new Decision(Outcome.ALLOWED, ReasonCode.OUTSIDE_ZONE, this, stage, null, p, at, null, null, v, null, false);
        if (!stage.schedule().isActive(day, secondOfDay)) {
            return new Decision(Outcome.ALLOWED, ReasonCode.OUTSIDE_SCHEDULE, this, stage, zoneId, p, at, null, null, v, null, false);
        }
        Requirement rule = null;
        String missing = null;
        boolean compliant = false;
        if (v != null) {
            if (p.observedBody() != null && v.category() != null && v.category().body() != p.observedBody()) {
                return new Decision(Outcome.REVIEW, ReasonCode.REGISTER_MISMATCH, this, stage, zoneId, p, at, null, null, v, "category", false);
            }
            // First row covering the vehicle decides. A row whose coverage depends on a missing fact (mass,
            // first registration) is skipped when the vehicle would meet it anyway: then only the later rows
            // can make a difference, and if one of them fails the vehicle the answer depends on the missing
            // fact (REVIEW); if none does, it is compliant either way.
            Requirement[] rows = stage.requirementArray();
            Requirement metIfCovered = null;
            for (Requirement row : rows) {
                int c = row.covers(v);
                if (c == Requirement.NO) continue;
                if (c == Requirement.UNKNOWN) {
                    if (row.satisfiedBy(v) == Requirement.YES) {
                        if (metIfCovered == null) metIfCovered = row;
                        continue;
                    }
                    rule = row;
                    missing = row.missingCoverFact(v);
                    break;
                }
                rule = row;
                int sat = row.satisfiedBy(v);
                if (sat == Requirement.YES) compliant = true;
                else if (sat == Requirement.UNKNOWN) missing = row.missingSatisfyFact(v);
                else if (metIfCovered != null) missing = metIfCovered.missingCoverFact(v);
                break;
            }
            if (rule == null && metIfCovered != null) {
                return new Decision(Outcome.ALLOWED, ReasonCode.COMPLIANT, this, stage, zoneId, p, at, metIfCovered, null, v, null, false);
            }
            if (rule == null) return new Decision(Outcome.ALLOWED, ReasonCode.NO_REQUIREMENT, this, stage, zoneId, p, at, null, null, v, null, false);
            if (compliant) return new Decision(Outcome.ALLOWED, ReasonCode.COMPLIANT, this, stage, zoneId, p, at, rule, null, v, null, false);
        }
        // Not (known to be) compliant: try the exemptions in file order.
        if (registers == null) registers = Exemptions.unavailable();
        boolean lowConfidence = !Double.isNaN(p.confidence()) && p.confidence() < settings.reviewConfidenceBelow();
        boolean plateUsable = p.plate() != null && !lowConfidence;
        ExemptionRule unverified = null;
        for (ExemptionRule e : exemptionArray) {
            if (!e.inForce(day, stage)) continue;
            if (e.needsVehicle() && v == null) continue;
            if (e.needsPlate() && !plateUsable) continue;
            if (e.onlyForKnownNonCompliance() && (v == null || missing != null)) continue;
            int r;
            try {
                r = e.applies(p.plate(), v, zoneId, at, day, registers);
            } catch (RuntimeException registerDown) {
                if (unverified == null) unverified = e;
                continue;
            }
            if (r != ExemptionRule.NO) {
                return new Decision(Outcome.EXEMPT, ReasonCode.EXEMPTION, this, stage, zoneId, p, at, rule, e, v, null,
                        r == ExemptionRule.YES_CONSUMES_OCCASIONAL_ENTRY);
            }
        }
        ReasonCode why;
        if (v == null) why = settings.isForeign(p.plateCountry()) ? ReasonCode.FOREIGN_PLATE : ReasonCode.UNKNOWN_VEHICLE;
        else if (unverified != null) why = ReasonCode.EXEMPTION_UNVERIFIED;
        else if (missing != null) why = ReasonCode.MISSING_FACT;
        else if (settings.isForeign(p.plateCountry())) why = ReasonCode.FOREIGN_PLATE;
        else if (lowConfidence) why = ReasonCode.LOW_CONFIDENCE;
        else why = ReasonCode.NON_COMPLIANT;
        if (v == null && unverified != null) why = ReasonCode.EXEMPTION_UNVERIFIED;
        return new Decision(why.outcome(), why, this, stage, zoneId, p, at, rule, why == ReasonCode.EXEMPTION_UNVERIFIED ? unverified : null, v, missing, false);
    }

    // ------------------------------------------------------------------ queries

    /** The stage in force on a local date, if any. */
    public Optional<Stage> stageOn(LocalDate localDate) {
        int i = stageIndexOn(localDate.toEpochDay());
        return i < 0 ? Optional.empty() : Optional.of(stageArray[i]);
    }

    /** The stage in force at an instant (in the policy's time zone), if any. */
    public Optional<Stage> stageAt(Instant at) {
        return stageOn(LocalDate.ofInstant(at, timeZone));
    }

    private int stageIndexOn(long day) {
        for (int i = stageArray.length - 1; i >= 0; i--) {
            if (day >= stageFromDay[i]) return day <= stageToDay[i] ? i : -1;
        }
        return -1;
    }

    /** The zone a camera enforces under a stage, if it is inside the stage's area. */
    public Optional<String> cameraZone(String cameraId, String stageId) {
        String[] byStage = cameraZoneByStage.get(cameraId);
        if (byStage == null) return Optional.empty();
        for (int i = 0; i < stageArray.length; i++) if (stageArray[i].id().equals(stageId)) return Optional.ofNullable(byStage[i]);
        return Optional.empty();
    }

    /** Ids of the zones covering a WGS 84 point (prepared geometries). */
    public List<String> zonesContaining(double lon, double lat) {
        Point p = WGS84.createPoint(new Coordinate(lon, lat));
        List<String> out = new ArrayList<>();
        preparedZones().forEach((zid, g) -> { if (g.covers(p)) out.add(zid); });
        out.sort(Comparator.naturalOrder());
        return out;
    }

    public Stage stage(String stageId) {
        for (Stage s : stageArray) if (s.id().equals(stageId)) return s;
        throw new IllegalArgumentException("policy " + id + " has no stage " + stageId + "; stages: " + stageIds());
    }

    public List<String> stageIds() { return stages.stream().map(Stage::id).toList(); }

    public String id() { return id; }
    public String version() { return version; }
    public String name() { return name; }
    /** True when the zone geometry is not an official boundary (Kielce today). */
    public boolean illustrative() { return illustrative; }
    public ZoneId timeZone() { return timeZone; }
    public PolicySettings settings() { return settings; }
    public Map<String, Zone> zones() { return zones; }
    public Map<String, Camera> cameras() { return cameras; }
    public List<Stage> stages() { return stages; }
    public List<ExemptionRule> exemptionRules() { return exemptionRules; }
    /** The pack's source files (name → text) this policy was loaded from. */
    public Map<String, String> sources() { return sources; }

    @Override public String toString() { return "Policy " + id + " v" + version + " " + stageIds(); }
}
