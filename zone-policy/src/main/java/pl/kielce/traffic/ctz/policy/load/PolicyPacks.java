package pl.kielce.traffic.ctz.policy.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import pl.kielce.traffic.ctz.policy.Camera;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.ExemptionRule;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.PolicySettings;
import pl.kielce.traffic.ctz.policy.Requirement;
import pl.kielce.traffic.ctz.policy.Schedule;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.Stage;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.YearBasis;
import pl.kielce.traffic.ctz.policy.Zone;

/**
 * Loads a policy pack — {@code policy.yaml} (or {@code policy.json}) plus the zones and cameras GeoJSON it
 * names — from a directory or from strings (for broadcast updates), validating everything and reporting
 * every problem at once with the file, line, field and the fix.
 */
public final class PolicyPacks {
    public static final List<String> POLICY_FILE_NAMES = List.of("policy.yaml", "policy.yml", "policy.json");

    private static final Set<String> TOP = ordered("id", "version", "name", "description", "illustrative", "timeZone", "zones", "cameras",
            "settings", "schedule", "stages", "exemptions", "sources", "notes");
    private static final Set<String> SETTINGS = ordered("reviewConfidenceBelow", "domesticPlateCountries");
    private static final Set<String> SCHEDULE = ordered("days", "from", "to", "closedDates", "closedEveryYear", "closedOnPublicHolidays");
    private static final Set<String> STAGE = ordered("id", "name", "validFrom", "validTo", "zone", "zones", "schedule", "requirements", "notes");
    private static final Set<String> REQUIREMENT = ordered("id", "categories", "fuels", "minEuro", "minYear", "yearBasis",
            "grossMassOverKg", "grossMassUpToKg", "registeredAfter", "banned", "note");
    private static final Set<String> EXEMPTION = ordered("id", "type", "label", "legalBasis", "validFrom", "validTo", "stages",
            "services", "fuels", "taxPayingResident", "ownedBefore", "ownerMinAgeYears", "kinds", "products", "daysPerYear", "tariff", "note");
    private static final List<String> EXEMPTION_TYPES = List.of("special-service", "fuel", "historic", "disabled-card", "resident",
            "permit", "paid-entry", "occasional-entries");
    private static final String EURO_CHOICES = Arrays.stream(EuroNorm.values()).map(EuroNorm::label).collect(Collectors.joining(", "))
            + " (Roman numerals Euro I…VI for heavy vehicles also work)";
    private static final String CATEGORY_CHOICES = Arrays.stream(VehicleCategory.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final String FUEL_CHOICES = Arrays.stream(Fuel.values()).map(Fuel::code).collect(Collectors.joining(", "));
    private static final String SERVICE_CHOICES = Arrays.stream(ServiceKind.values()).map(ServiceKind::code).collect(Collectors.joining(", "));

    private PolicyPacks() {}

    /** Loads the pack in {@code dir}. Throws {@link PolicyPackException} listing every problem. */
    public static Policy load(Path dir) {
        return fromStrings(readDir(dir), dir.toString());
    }

    /**
     * Loads a pack from file name → text (names as the policy file refers to them, e.g. {@code policy.yaml},
     * {@code zones.geojson}, {@code cameras.geojson}). Used for broadcast updates to running jobs.
     */
    public static Policy fromStrings(Map<String, String> files) {
        return fromStrings(files, null);
    }

    /** Every problem of the pack in {@code dir}; empty when it loads. */
    public static List<PackProblem> validate(Path dir) {
        try {
            load(dir);
            return List.of();
        } catch (PolicyPackException e) {
            return e.problems();
        }
    }

    /** Reads the pack files of a directory (the policy file and every *.geojson) into name → text. */
    public static Map<String, String> readDir(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new PolicyPackException(List.of(new PackProblem(dir.toString(), 0, "(pack)", "the directory does not exist",
                    "give the path of a city pack directory, e.g. cities/kielce")));
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (POLICY_FILE_NAMES.contains(n) || n.endsWith(".geojson") || n.endsWith(".json")) {
                    files.put(n, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new PolicyPackException(List.of(new PackProblem(dir.toString(), 0, "(pack)", "cannot read the directory: " + e.getMessage(),
                    "check the path and the file permissions")));
        }
        return files;
    }

    private static Policy fromStrings(Map<String, String> files, String dirLabel) {
        List<PackProblem> problems = new ArrayList<>();
        String prefix = dirLabel == null ? "" : dirLabel + "/";
        String policyFile = POLICY_FILE_NAMES.stream().filter(files::containsKey).findFirst().orElse(null);
        if (policyFile == null) {
            throw new PolicyPackException(List.of(new PackProblem(prefix + "policy.yaml", 0, "(pack)", "the pack has no policy file",
                    "add policy.yaml (see zone-policy/README.md for its fields)")));
        }
        Builder b = new Builder(new Nodes(prefix + policyFile, problems), files, prefix, problems);
        Policy policy = b.build(files.get(policyFile));
        if (!problems.isEmpty() || policy == null) throw new PolicyPackException(problems);
        return policy;
    }

    private static Set<String> ordered(String... s) { return new LinkedHashSet<>(List.of(s)); }

    /** One load. */
    private static final class Builder {
        private final Nodes n;
        private final Map<String, String> files;
        private final String prefix;
        private final List<PackProblem> problems;

        Builder(Nodes n, Map<String, String> files, String prefix, List<PackProblem> problems) {
            this.n = n;
            this.files = files;
            this.prefix = prefix;
            this.problems = problems;
        }

        Policy build(String text) {
            Node root = n.parse(text);
            if (root == null) return null;
            Map<String, Node> top = n.fields(root, "(top level)", TOP);
            if (top == null) return null;
            String id = n.requiredText(top, root, "id", "(top level)", "add \"id: kielce-sct\" — a short name without spaces");
            if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                n.problem(top.get("id"), "id", "\"" + id + "\" contains spaces or symbols", "use letters, digits, dots and dashes only, e.g. kielce-sct");
            }
            String version = n.requiredText(top, root, "version", "(top level)", "add \"version: \\\"2026.1\\\"\" and raise it with every change");
            String name = n.optionalText(top, "name", "(top level)");
            Boolean illustrative = top.get("illustrative") == null ? Boolean.FALSE : n.bool(top.get("illustrative"), "illustrative");
            ZoneId tz = ZoneId.of("Europe/Warsaw");
            if (top.get("timeZone") != null) {
                String t = n.text(top.get("timeZone"), "timeZone");
                try {
                    if (t != null) tz = ZoneId.of(t);
                } catch (RuntimeException e) {
                    n.problem(top.get("timeZone"), "timeZone", "\"" + t + "\" is not a time zone", "use a region id such as Europe/Warsaw");
                }
            }
            PolicySettings settings = settings(top.get("settings"));
            Schedule defaultSchedule = top.get("schedule") == null ? Schedule.ALWAYS : schedule(top.get("schedule"), "schedule");
            if (defaultSchedule == null) defaultSchedule = Schedule.ALWAYS;

            String zonesFile = top.get("zones") == null ? "zones.geojson" : n.text(top.get("zones"), "zones");
            String camerasFile = top.get("cameras") == null ? "cameras.geojson" : n.text(top.get("cameras"), "cameras");
            List<Zone> zones = geo(zonesFile, top.get("zones"), true);
            Set<String> rejectedZoneIds = new HashSet<>(declaredZoneIds);
            zones.forEach(z -> rejectedZoneIds.remove(z.id()));
            List<Camera> cameras = geo(camerasFile, top.get("cameras"), false);
            Set<String> zoneIds = zones.stream().map(Zone::id).collect(Collectors.toCollection(LinkedHashSet::new));

            List<Stage> stages = new ArrayList<>();
            Set<String> ruleIds = new HashSet<>();
            Node stagesNode = top.get("stages");
            if (stagesNode == null) {
                n.problem(root, "(top level)", "the policy has no stages", "add \"stages:\" with at least one stage (id, validFrom, zone, requirements)");
            } else {
                List<Node> list = n.list(stagesNode, "stages");
                if (list != null) {
                    if (list.isEmpty()) n.problem(stagesNode, "stages", "the list of stages is empty", "add at least one stage");
                    for (int i = 0; i < list.size(); i++) {
                        Stage s = stage(list.get(i), "stages[" + i + "]", zoneIds, rejectedZoneIds, zonesFile, ruleIds, defaultSchedule);
                        if (s != null) stages.add(s);
                    }
                    checkStageOrder(stages, list);
                }
            }
            Set<String> stageIds = stages.stream().map(Stage::id).collect(Collectors.toSet());
            List<ExemptionRule> exemptions = new ArrayList<>();
            if (top.get("exemptions") != null) {
                List<Node> list = n.list(top.get("exemptions"), "exemptions");
                Set<String> exIds = new HashSet<>();
                if (list != null) for (int i = 0; i < list.size(); i++) {
                    ExemptionRule r = exemption(list.get(i), "exemptions[" + i + "]", stageIds, exIds);
                    if (r != null) exemptions.add(r);
                }
            }
            if (!problems.isEmpty() || id == null || version == null || illustrative == null) return null;
            Map<String, String> sources = new LinkedHashMap<>(files);
            try {
                return new Policy(id, version, name, illustrative, tz, settings, zones, cameras, stages, exemptions, sources);
            } catch (IllegalArgumentException e) {
                n.problem(root, "(pack)", e.getMessage(), "correct the pack so that stages, zones and cameras agree");
                return null;
            }
        }

        private final Set<String> declaredZoneIds = new LinkedHashSet<>();

        @SuppressWarnings("unchecked")
        private <T> List<T> geo(String file, Node ref, boolean zones) {
            if (file == null) return List.of();
            String text = files.get(file);
            if (text == null) {
                n.problem(ref, zones ? "zones" : "cameras", "the file \"" + file + "\" is not in the pack",
                        zones ? "put the zone boundaries (GeoJSON FeatureCollection of Polygons with properties.id) in " + file
                              : "put the camera positions (GeoJSON FeatureCollection of Points with properties.id, name, street, direction) in " + file);
                return List.of();
            }
            GeoJsonReader r = new GeoJsonReader(new Nodes(prefix + file, problems));
            List<?> out = zones ? r.zones(text) : r.cameras(text);
            if (zones) declaredZoneIds.addAll(r.declaredIds);
            return (List<T>) out;
        }

        private PolicySettings settings(Node node) {
            if (node == null) return PolicySettings.DEFAULTS;
            Map<String, Node> f = n.fields(node, "settings", SETTINGS);
            if (f == null) return PolicySettings.DEFAULTS;
            double threshold = PolicySettings.DEFAULTS.reviewConfidenceBelow();
            if (f.get("reviewConfidenceBelow") != null) {
                Double d = n.decimal(f.get("reviewConfidenceBelow"), "settings.reviewConfidenceBelow");
                if (d != null && (d < 0 || d > 1)) n.problem(f.get("reviewConfidenceBelow"), "settings.reviewConfidenceBelow", d + " is not between 0 and 1", "write a confidence such as 0.9");
                else if (d != null) threshold = d;
            }
            Set<String> domestic = PolicySettings.DEFAULTS.domesticPlateCountries();
            if (f.get("domesticPlateCountries") != null) {
                List<String> l = n.items(f.get("domesticPlateCountries"), "settings.domesticPlateCountries",
                        s -> s.matches("[A-Za-z]{2}") ? Optional.of(s.toUpperCase(Locale.ROOT)) : Optional.empty(),
                        "two-letter country code", "ISO codes such as PL");
                if (l != null && !l.isEmpty()) domestic = new HashSet<>(l);
            }
            return new PolicySettings(threshold, domestic);
        }

        private Schedule schedule(Node node, String where) {
            Map<String, Node> f = n.fields(node, where, SCHEDULE);
            if (f == null) return null;
            Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
            if (f.get("days") != null) {
                List<DayOfWeek> l = n.items(f.get("days"), where + ".days", PolicyPacks::day, "day of the week", "MON, TUE, WED, THU, FRI, SAT, SUN");
                if (l != null && !l.isEmpty()) days = EnumSet.copyOf(l);
            }
            int from = f.get("from") == null ? 0 : time(f.get("from"), where + ".from");
            int to = f.get("to") == null ? 86_400 : time(f.get("to"), where + ".to");
            List<LocalDate> closed = new ArrayList<>();
            if (f.get("closedDates") != null) {
                List<Node> l = n.list(f.get("closedDates"), where + ".closedDates");
                if (l != null) for (Node d : l) { LocalDate ld = n.date(d, where + ".closedDates"); if (ld != null) closed.add(ld); }
            }
            List<MonthDay> yearly = new ArrayList<>();
            if (f.get("closedEveryYear") != null) {
                List<MonthDay> l = n.items(f.get("closedEveryYear"), where + ".closedEveryYear", PolicyPacks::monthDay, "month-day", "MM-DD, e.g. 12-25 for Christmas Day");
                if (l != null) yearly.addAll(l);
            }
            if (f.get("closedOnPublicHolidays") != null) {
                String country = n.text(f.get("closedOnPublicHolidays"), where + ".closedOnPublicHolidays");
                if ("PL".equalsIgnoreCase(country)) {
                    for (int y = 2000; y <= 2100; y++) closed.addAll(pl.kielce.traffic.ctz.policy.PublicHolidays.poland(y));
                } else if (country != null) {
                    n.problem(f.get("closedOnPublicHolidays"), where + ".closedOnPublicHolidays", "public holidays of \"" + country + "\" are not known",
                            "write PL, or list the days in closedDates / closedEveryYear");
                }
            }
            if (from < 0 || to < 0) return null;
            if (from == to || from == 86_400) {
                n.problem(node, where, "the daily window " + f.get("from") + "–" + f.get("to") + " is empty", "give from and to as HH:MM, e.g. from: \"06:00\", to: \"22:00\"");
                return null;
            }
            return new Schedule(days, from, to, closed, yearly);
        }

        private int time(Node node, String where) {
            String t = n.text(node, where);
            if (t == null) return -1;
            if (t.equals("24:00")) return 86_400;
            try {
                return LocalTime.parse(t.length() == 4 ? "0" + t : t).toSecondOfDay();
            } catch (DateTimeParseException e) {
                n.problem(node, where, "\"" + t + "\" is not a time of day", "write HH:MM in quotes, e.g. \"06:00\" (24:00 means midnight at the end of the day)");
                return -1;
            }
        }

        private Stage stage(Node node, String where, Set<String> zoneIds, Set<String> rejectedZoneIds, String zonesFile, Set<String> ruleIds, Schedule defaultSchedule) {
            Map<String, Node> f = n.fields(node, where, STAGE);
            if (f == null) return null;
            String id = n.requiredText(f, node, "id", where, "add \"id: stage-1\"");
            if (id != null) where = where + " \"" + id + "\"";
            String name = n.optionalText(f, "name", where);
            LocalDate from = f.get("validFrom") == null ? null : n.date(f.get("validFrom"), where + ".validFrom");
            if (f.get("validFrom") == null) n.problem(node, where, "the field \"validFrom\" is missing", "add \"validFrom: YYYY-MM-DD\", the first day the stage applies");
            LocalDate to = n.optionalDate(f, "validTo", where);
            if (from != null && to != null && to.isBefore(from)) {
                n.problem(f.get("validTo"), where + ".validTo", "the stage ends (" + to + ") before it starts (" + from + ")", "make validTo the last day of the stage, on or after validFrom");
            }
            List<String> zones = new ArrayList<>();
            if (f.get("zone") != null && f.get("zones") != null) {
                n.problem(f.get("zones"), where, "both \"zone\" and \"zones\" are given", "keep one: zone: <id> or zones: [<id>, …]");
            }
            Node zn = f.get("zone") != null ? f.get("zone") : f.get("zones");
            if (zn == null) {
                n.problem(node, where, "the stage names no zone", "add \"zone: <id>\" with the properties.id of a feature in " + zonesFile);
            } else {
                List<Node> l = n.list(zn, where + ".zone");
                if (l != null) for (Node z : l) {
                    String zid = n.text(z, where + ".zone");
                    if (zid == null) continue;
                    if (rejectedZoneIds.contains(zid)) {
                        zones.add(null); // its geometry problem is already reported
                    } else if (!zoneIds.contains(zid)) {
                        n.problem(z, where + ".zone", "zone \"" + zid + "\" is not in " + zonesFile,
                                (declaredZoneIds.isEmpty() ? "" : "use one of: " + String.join(", ", declaredZoneIds) + " — or ")
                                        + "add a feature with properties.id \"" + zid + "\" to " + zonesFile);
                    } else zones.add(zid);
                }
            }
            Schedule schedule = f.get("schedule") == null ? defaultSchedule : schedule(f.get("schedule"), where + ".schedule");
            List<Requirement> reqs = new ArrayList<>();
            if (f.get("requirements") == null) {
                n.problem(node, where, "the stage has no requirements", "add \"requirements:\" with one row per category/fuel group (minEuro and/or minYear)");
            } else {
                List<Node> l = n.list(f.get("requirements"), where + ".requirements");
                if (l != null) for (int i = 0; i < l.size(); i++) {
                    Requirement r = requirement(l.get(i), where + ".requirements[" + i + "]", ruleIds);
                    if (r != null) reqs.add(r);
                }
            }
            if (id == null || from == null || zones.isEmpty() || zones.contains(null) || schedule == null) return null;
            if (to != null && to.isBefore(from)) return null;
            return new Stage(id, name, from, to, zones, reqs, schedule);
        }

        private void checkStageOrder(List<Stage> stages, List<Node> nodes) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                if (!ids.add(s.id())) n.problem(nodes.get(Math.min(i, nodes.size() - 1)), "stages", "the stage id \"" + s.id() + "\" is used twice", "give every stage its own id");
            }
            List<Stage> sorted = new ArrayList<>(stages);
            sorted.sort((a, b) -> a.validFrom().compareTo(b.validFrom()));
            for (int i = 1; i < sorted.size(); i++) {
                Stage prev = sorted.get(i - 1), cur = sorted.get(i);
                if (prev.validFrom().equals(cur.validFrom())) {
                    n.problem(nodes.get(stages.indexOf(cur)), "stages \"" + cur.id() + "\"", "starts on the same day as stage \"" + prev.id() + "\" (" + cur.validFrom() + ")",
                            "give each stage its own validFrom; a stage that widens the area lists every zone it covers");
                } else if (prev.validTo() != null && !prev.validTo().isBefore(cur.validFrom())) {
                    n.problem(nodes.get(stages.indexOf(prev)), "stages \"" + prev.id() + "\".validTo", "ends on " + prev.validTo() + ", after stage \"" + cur.id() + "\" begins (" + cur.validFrom() + ")",
                            "set validTo to " + cur.validFrom().minusDays(1) + " or leave it out (a stage ends when the next one begins)");
                }
            }
        }

        private Requirement requirement(Node node, String where, Set<String> ruleIds) {
            Map<String, Node> f = n.fields(node, where, REQUIREMENT);
            if (f == null) return null;
            String id = n.requiredText(f, node, "id", where, "add \"id: <stage>-<fuel>\"; explanations and violations quote it");
            if (id != null) {
                where = where + " \"" + id + "\"";
                if (!ruleIds.add(id)) n.problem(f.get("id"), where, "the requirement id \"" + id + "\" is used twice in the policy", "give every requirement row its own id");
            }
            List<VehicleCategory> cats = null;
            if (f.get("categories") == null) n.problem(node, where, "the field \"categories\" is missing", "list the vehicle categories the row covers, e.g. categories: [M1, N1]");
            else cats = n.items(f.get("categories"), where + ".categories", VehicleCategory::parse, "vehicle category", CATEGORY_CHOICES);
            List<Fuel> fuels = null;
            if (f.get("fuels") == null) n.problem(node, where, "the field \"fuels\" is missing", "list the fuels the row covers, e.g. fuels: [petrol, lpg]");
            else fuels = n.items(f.get("fuels"), where + ".fuels", Fuel::parse, "fuel", FUEL_CHOICES);
            EuroNorm minEuro = null;
            if (f.get("minEuro") != null) {
                String t = n.text(f.get("minEuro"), where + ".minEuro");
                if (t != null) {
                    minEuro = EuroNorm.parse(t).orElse(null);
                    if (minEuro == null) n.problem(f.get("minEuro"), where + ".minEuro", "\"" + t + "\" is not a Euro norm", "use one of " + EURO_CHOICES);
                }
            }
            Integer minYear = f.get("minYear") == null ? Integer.valueOf(0) : n.integer(f.get("minYear"), where + ".minYear", 1900, 2100, "a year");
            YearBasis basis = YearBasis.PRODUCTION_OR_FIRST_REGISTRATION;
            if (f.get("yearBasis") != null) {
                String t = n.text(f.get("yearBasis"), where + ".yearBasis");
                basis = Arrays.stream(YearBasis.values()).filter(y -> y.code().equals(t)).findFirst().orElse(null);
                if (basis == null) n.problem(f.get("yearBasis"), where + ".yearBasis", "\"" + t + "\" is not a year basis",
                        "use production, first-registration or production-or-first-registration");
            }
            Integer over = f.get("grossMassOverKg") == null ? Integer.valueOf(0) : n.integer(f.get("grossMassOverKg"), where + ".grossMassOverKg", 1, 100_000, "a mass in kg");
            Integer upTo = f.get("grossMassUpToKg") == null ? Integer.valueOf(0) : n.integer(f.get("grossMassUpToKg"), where + ".grossMassUpToKg", 1, 100_000, "a mass in kg");
            if (over != null && upTo != null && over > 0 && upTo > 0 && upTo <= over) {
                n.problem(node, where, "no vehicle is over " + over + " kg and at most " + upTo + " kg", "make grossMassUpToKg larger than grossMassOverKg, or split the row");
            }
            LocalDate after = n.optionalDate(f, "registeredAfter", where);
            Boolean banned = f.get("banned") == null ? Boolean.FALSE : n.bool(f.get("banned"), where + ".banned");
            String note = n.optionalText(f, "note", where);
            if (banned != null && !banned && minEuro == null && minYear != null && minYear == 0 && f.get("minEuro") == null) {
                n.problem(node, where, "the row sets no requirement", "add minEuro (e.g. \"Euro 4\"), minYear (e.g. 2005), both (either satisfies), or banned: true");
            }
            if (banned != null && banned && (minEuro != null || (minYear != null && minYear != 0))) {
                n.problem(f.get("banned"), where + ".banned", "a banned row cannot also set minEuro or minYear", "remove banned: true or the minimums");
            }
            if (id == null || cats == null || fuels == null || cats.isEmpty() || fuels.isEmpty() || minYear == null || basis == null
                    || over == null || upTo == null || banned == null || (f.get("minEuro") != null && minEuro == null)) return null;
            if (!banned && minEuro == null && minYear == 0) return null;
            return new Requirement(id, EnumSet.copyOf(cats), EnumSet.copyOf(fuels), over, upTo, after, minEuro, minYear, basis, banned, note);
        }

        private ExemptionRule exemption(Node node, String where, Set<String> stageIds, Set<String> exIds) {
            Map<String, Node> f = n.fields(node, where, EXEMPTION);
            if (f == null) return null;
            String id = n.requiredText(f, node, "id", where, "add \"id: residents\"; exempt decisions quote it");
            if (id != null) {
                where = where + " \"" + id + "\"";
                if (!exIds.add(id)) n.problem(f.get("id"), where, "the exemption id \"" + id + "\" is used twice", "give every exemption its own id");
            }
            String type = n.requiredText(f, node, "type", where, "add \"type:\" with one of " + String.join(", ", EXEMPTION_TYPES));
            if (type != null && !EXEMPTION_TYPES.contains(type)) {
                String guess = Nodes.closest(type, new LinkedHashSet<>(EXEMPTION_TYPES));
                n.problem(f.get("type"), where + ".type", "\"" + type + "\" is not an exemption type",
                        (guess != null ? "did you mean \"" + guess + "\"? " : "") + "Use one of " + String.join(", ", EXEMPTION_TYPES));
                type = null;
            }
            LocalDate from = n.optionalDate(f, "validFrom", where);
            LocalDate to = n.optionalDate(f, "validTo", where);
            Set<String> stages = new LinkedHashSet<>();
            if (f.get("stages") != null) {
                List<Node> l = n.list(f.get("stages"), where + ".stages");
                if (l != null) for (Node s : l) {
                    String sid = n.text(s, where + ".stages");
                    if (sid == null) continue;
                    if (!stageIds.contains(sid)) n.problem(s, where + ".stages", "stage \"" + sid + "\" is not in the policy", "use one of: " + String.join(", ", stageIds));
                    else stages.add(sid);
                }
            }
            ExemptionRule.Common c = new ExemptionRule.Common(id, n.optionalText(f, "label", where), n.optionalText(f, "legalBasis", where), from, to, stages);
            String w = where;
            Set<String> wrong = new LinkedHashSet<>();
            java.util.function.Function<String, Boolean> only = key -> f.containsKey(key);
            Map<String, List<String>> optionsByType = Map.of(
                    "special-service", List.of("services"), "fuel", List.of("fuels"), "historic", List.of(), "disabled-card", List.of(),
                    "resident", List.of("taxPayingResident", "ownedBefore", "ownerMinAgeYears"), "permit", List.of("kinds"),
                    "paid-entry", List.of("products", "tariff"), "occasional-entries", List.of("daysPerYear"));
            if (type != null) {
                for (String k : List.of("services", "fuels", "taxPayingResident", "ownedBefore", "ownerMinAgeYears", "kinds", "products", "tariff", "daysPerYear")) {
                    if (only.apply(k) && !optionsByType.get(type).contains(k)) wrong.add(k);
                }
                for (String k : wrong) n.problem(f.get(k), w + "." + k, "\"" + k + "\" does not apply to a " + type + " exemption",
                        optionsByType.get(type).isEmpty() ? "remove it" : "remove it; this type takes: " + String.join(", ", optionsByType.get(type)));
            }
            if (id == null || type == null) return null;
            try {
                switch (type) {
                    case "special-service": {
                        List<ServiceKind> s = f.get("services") == null ? List.of() : n.items(f.get("services"), w + ".services", ServiceKind::parse, "service", SERVICE_CHOICES);
                        return s == null ? null : new ExemptionRule.SpecialService(c, s.isEmpty() ? EnumSet.noneOf(ServiceKind.class) : EnumSet.copyOf(s));
                    }
                    case "fuel": {
                        if (f.get("fuels") == null) { n.problem(node, w, "a fuel exemption needs \"fuels\"", "list the fuels, e.g. fuels: [electric, hydrogen, cng, lng]"); return null; }
                        List<Fuel> fl = n.items(f.get("fuels"), w + ".fuels", Fuel::parse, "fuel", FUEL_CHOICES);
                        return fl == null || fl.isEmpty() ? null : new ExemptionRule.FuelExempt(c, EnumSet.copyOf(fl));
                    }
                    case "historic": return new ExemptionRule.Historic(c);
                    case "disabled-card": return new ExemptionRule.DisabledCard(c);
                    case "resident": {
                        Boolean tax = f.get("taxPayingResident") == null ? Boolean.TRUE : n.bool(f.get("taxPayingResident"), w + ".taxPayingResident");
                        LocalDate before = n.optionalDate(f, "ownedBefore", w);
                        Integer age = f.get("ownerMinAgeYears") == null ? Integer.valueOf(0) : n.integer(f.get("ownerMinAgeYears"), w + ".ownerMinAgeYears", 1, 120, "an age in years");
                        return tax == null || age == null ? null : new ExemptionRule.ResidentExempt(c, tax, before, age);
                    }
                    case "permit": {
                        List<String> k = f.get("kinds") == null ? List.of() : n.items(f.get("kinds"), w + ".kinds", Optional::of, "kind", "any word");
                        return k == null ? null : new ExemptionRule.PermitExempt(c, new HashSet<>(k));
                    }
                    case "paid-entry": {
                        List<String> p = f.get("products") == null ? List.of() : n.items(f.get("products"), w + ".products", Optional::of, "product", "any word");
                        return p == null ? null : new ExemptionRule.PaidEntry(c, new HashSet<>(p));
                    }
                    case "occasional-entries": {
                        if (f.get("daysPerYear") == null) { n.problem(node, w, "an occasional-entries exemption needs \"daysPerYear\"", "add daysPerYear: 4 (how many days a year)"); return null; }
                        Integer d = n.integer(f.get("daysPerYear"), w + ".daysPerYear", 1, 366, "days a year");
                        return d == null ? null : new ExemptionRule.OccasionalEntries(c, d);
                    }
                    default: return null;
                }
            } catch (IllegalArgumentException e) {
                n.problem(node, w, e.getMessage(), "correct the exemption's fields");
                return null;
            }
        }
    }

    private static Optional<DayOfWeek> day(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) if (d.name().startsWith(t) && t.length() >= 2) return Optional.of(d);
        return Optional.empty();
    }

    private static Optional<MonthDay> monthDay(String s) {
        try {
            return Optional.of(MonthDay.parse("--" + s.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
