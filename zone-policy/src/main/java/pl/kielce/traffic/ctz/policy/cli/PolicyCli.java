package pl.kielce.traffic.ctz.policy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Json;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PackProblem;
import pl.kielce.traffic.ctz.policy.load.PolicyPackException;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.ctz.policy.register.InMemoryVehicleRegister;
import pl.kielce.traffic.ctz.policy.register.Plates;
import pl.kielce.traffic.ctz.policy.register.RegisterCsv;

/**
 * {@code ./traffic policy validate DIR} and
 * {@code ./traffic policy check --policy DIR --camera ID --at ISO-8601 (--vehicle FILE.json | --plate P --register CSV)}.
 * Exit codes: 0 ok, 1 the pack or input is invalid, 2 usage error.
 */
public final class PolicyCli {
    static final String USAGE = """
            usage:
              policy validate DIR
              policy check --policy DIR --camera ID --at ISO-8601 --vehicle FILE.json
                           [--country PL] [--confidence 0.97]
              policy check --policy DIR --camera ID --at ISO-8601 --plate P --register EXTRACT.csv
                           [--exemptions EXEMPTIONS.yaml]
              policy whatif --policy DIR [--stage ID] --passages PASSAGES.csv
              policy show DIR [--zones]      the rules as JSON (or the zones as GeoJSON)
            --at takes 2027-08-02T10:15:00+02:00, 2027-08-02T08:15:00Z or local 2027-08-02T10:15 (policy time zone).
            EXEMPTIONS.yaml: residents: [{plate, taxPayingResident, ownedSince, ownerBirthDate}],
              cards: [{plate, validFrom, validTo}], permits: [{plate, kind, validFrom, validTo, zones}],
              payments: [{plate, product, validFrom, validTo, zones}], occasionalEntries: [{plate, days: [...]}]
            FILE.json: {"category": "M1", "fuel": "diesel", "euroNorm": "Euro 4", "productionYear": 2006,
                        "firstRegistration": "2006-03-01", "grossMassKg": 1500, "historic": false, "specialService": null}
            """;

    private final PrintStream out;
    private final PrintStream err;

    PolicyCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PolicyCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) { err.print(USAGE); return 2; }
        try {
            switch (args[0]) {
                case "validate": return validate(args);
                case "check": return check(args);
                case "whatif": return whatIf(args);
                case "show": return show(args);
                case "help": case "--help": case "-h": out.print(USAGE); return 0;
                default: err.println("unknown command: " + args[0]); err.print(USAGE); return 2;
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (InputException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int validate(String[] args) {
        if (args.length != 2) throw new UsageException("validate takes one directory");
        Path dir = Path.of(args[1]);
        long t0 = System.nanoTime();
        List<PackProblem> problems = PolicyPacks.validate(dir);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!problems.isEmpty()) {
            err.println(problems.size() + " problem(s) in " + dir + ":");
            for (PackProblem p : problems) err.println("  " + p.message());
            return 1;
        }
        Policy p = PolicyPacks.load(dir);
        for (String w : pl.kielce.traffic.ctz.policy.load.PackWarnings.of(p)) out.println("warning: " + w);
        out.printf("OK %s: policy %s version %s%s — %d stage(s) %s, %d zone(s), %d camera(s), %d exemption rule(s); loaded in %d ms%n",
                dir, p.id(), p.version(), p.illustrative() ? " (illustrative)" : "", p.stages().size(), p.stageIds(),
                p.zones().size(), p.cameras().size(), p.exemptionRules().size(), ms);
        return 0;
    }

    private int check(String[] args) {
        Map<String, String> o = options(args, 1, List.of("--policy", "--camera", "--at", "--vehicle", "--plate", "--register", "--country", "--confidence", "--exemptions"));
        String dir = required(o, "--policy"), camera = required(o, "--camera"), atText = required(o, "--at");
        Policy policy;
        try {
            policy = PolicyPacks.load(Path.of(dir));
        } catch (PolicyPackException e) {
            throw new InputException(e.getMessage());
        }
        Instant at = instant(atText, policy);
        VehicleFacts vehicle;
        String plate = null;
        if (o.containsKey("--vehicle") == o.containsKey("--plate")) throw new UsageException("give either --vehicle FILE.json or --plate P --register CSV");
        if (o.containsKey("--vehicle")) {
            vehicle = vehicleFromJson(Path.of(o.get("--vehicle")));
        } else {
            plate = Plates.normalise(o.get("--plate"));
            Path csv = Path.of(required(o, "--register"));
            try {
                var loaded = InMemoryVehicleRegister.fromCsv(csv);
                for (RegisterCsv.RowProblem p : loaded.getValue()) err.println("warning: " + csv + " " + p.message());
                vehicle = loaded.getKey().find(plate).orElse(null);
            } catch (IOException e) {
                throw new InputException("cannot read " + csv + ": " + e.getMessage());
            }
        }
        double confidence = Double.NaN;
        if (o.containsKey("--confidence")) {
            try { confidence = Double.parseDouble(o.get("--confidence")); } catch (NumberFormatException e) { throw new UsageException("--confidence takes a number 0…1"); }
        }
        PassageFacts passage;
        try {
            passage = new PassageFacts(camera, plate == null ? "CLI" : plate, o.getOrDefault("--country", "PL"), confidence, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Exemptions exemptions = o.containsKey("--exemptions") ? exemptionsFromYaml(Path.of(o.get("--exemptions"))) : Exemptions.none();
        Decision d = policy.decide(passage, vehicle, exemptions, at);
        Map<String, Object> json = new LinkedHashMap<>(d.toMap());
        if (!o.containsKey("--exemptions")) json.put("note", "no exemption registers given (--exemptions FILE.yaml): residents, permits, passes, cards and occasional entries count as empty");
        out.println(Json.pretty(json));
        return 0;
    }

    private int show(String[] args) {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--zones"))) throw new UsageException("show takes DIR [--zones]");
        Policy policy;
        try {
            policy = PolicyPacks.load(Path.of(args[1]));
        } catch (PolicyPackException e) {
            throw new InputException(e.getMessage());
        }
        out.println(args.length == 3 ? Json.write(pl.kielce.traffic.ctz.policy.PolicySummary.zonesGeoJson(policy))
                : Json.pretty(pl.kielce.traffic.ctz.policy.PolicySummary.of(policy)));
        return 0;
    }

    private int whatIf(String[] args) {
        Map<String, String> o = options(args, 1, List.of("--policy", "--stage", "--passages"));
        Policy policy;
        try {
            policy = PolicyPacks.load(Path.of(required(o, "--policy")));
        } catch (PolicyPackException e) {
            throw new InputException(e.getMessage());
        }
        Path csv = Path.of(required(o, "--passages"));
        pl.kielce.traffic.ctz.policy.whatif.ReplayCsv.Result passages;
        try (var in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            passages = pl.kielce.traffic.ctz.policy.whatif.ReplayCsv.parse(in);
        } catch (IOException e) {
            throw new InputException("cannot read " + csv + ": " + e.getMessage());
        }
        for (String p : passages.problems()) err.println("warning: " + csv + " " + p);
        String stage = o.get("--stage");
        if (stage != null && !policy.stageIds().contains(stage)) throw new InputException("policy " + policy.id() + " has no stage " + stage + "; stages: " + policy.stageIds());
        var report = pl.kielce.traffic.ctz.policy.whatif.WhatIf.replay(policy, stage, passages.passages());
        Map<String, Object> json = new LinkedHashMap<>(report.toMap());
        json.put("rejectedRows", passages.problems().size());
        out.println(Json.pretty(json));
        return 0;
    }

    /** Exemption registers from a small YAML file (tests, demos, a clerk's what-if for one vehicle). */
    static Exemptions exemptionsFromYaml(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InputException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters r = new pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters();
        if (root == null) return r.asExemptions();
        if (!(root instanceof Map<?, ?> top)) throw new InputException(file + ": expected residents:, cards:, permits:, payments:, occasionalEntries:");
        try {
            for (Map.Entry<?, ?> e : top.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof List<?> items)) throw new InputException(file + ": " + key + " must be a list");
                for (Object item : items) {
                    if (!(item instanceof Map<?, ?> raw)) throw new InputException(file + ": every entry of " + key + " must be a map");
                    Map<String, Object> m = new HashMap<>();
                    raw.forEach((k, v) -> m.put(String.valueOf(k), v));
                    String plate = str(m, "plate");
                    if (plate == null) throw new InputException(file + ": an entry of " + key + " has no plate");
                    switch (key) {
                        case "residents":
                            r.resident(plate, new pl.kielce.traffic.ctz.policy.ResidentRegister.Resident(
                                    !"false".equals(str(m, "taxPayingResident")), date(m, "ownedSince"), date(m, "ownerBirthDate")));
                            break;
                        case "cards":
                            r.card(plate, date(m, "validFrom"), date(m, "validTo"));
                            break;
                        case "permits":
                            r.permit(new pl.kielce.traffic.ctz.policy.PermitRegister.Permit(plate, str(m, "kind"), moment(m, "validFrom"), moment(m, "validTo"), zones(m)));
                            break;
                        case "payments":
                            r.payment(new pl.kielce.traffic.ctz.policy.PaidEntryRegister.Payment(plate, str(m, "product"), moment(m, "validFrom"), moment(m, "validTo"), zones(m)));
                            break;
                        case "occasionalEntries":
                            if (m.get("days") instanceof List<?> days) for (Object d : days) r.record(plate, LocalDate.parse(String.valueOf(d instanceof java.util.Date dd ? str(Map.of("d", dd), "d") : d)));
                            break;
                        default:
                            throw new InputException(file + ": unknown section \"" + key + "\" (residents, cards, permits, payments, occasionalEntries)");
                    }
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw new InputException(file + ": " + e.getMessage() + " (dates YYYY-MM-DD; moments ISO-8601 with offset, e.g. 2027-08-02T08:00:00+02:00)");
        }
        return r.asExemptions();
    }

    private static LocalDate date(Map<String, Object> m, String k) {
        String s = str(m, k);
        return s == null ? null : LocalDate.parse(s);
    }

    private static Instant moment(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof java.util.Date d) return d.toInstant();
        String s = str(m, k);
        if (s == null) throw new IllegalArgumentException(k + " is missing");
        return OffsetDateTime.parse(s).toInstant();
    }

    private static java.util.Set<String> zones(Map<String, Object> m) {
        Object z = m.get("zones");
        if (z == null) return java.util.Set.of();
        if (z instanceof List<?> l) return l.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        return java.util.Set.of(String.valueOf(z));
    }

    static Instant instant(String text, Policy policy) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(policy.timeZone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UsageException("--at \"" + text + "\" is not an ISO-8601 date-time (e.g. 2027-08-02T10:15:00+02:00)");
            }
        }
    }

    /** Reads a vehicle facts JSON file; every bad field is named. */
    static VehicleFacts vehicleFromJson(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InputException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> m)) throw new InputException(file + ": expected a JSON object with the vehicle facts");
        List<String> errors = new ArrayList<>();
        Map<String, Object> f = new HashMap<>();
        m.forEach((k, v) -> f.put(String.valueOf(k), v));
        VehicleFacts.Builder b = VehicleFacts.builder();
        for (String k : f.keySet()) {
            if (!List.of("category", "fuel", "euroNorm", "productionYear", "firstRegistration", "grossMassKg", "historic", "specialService").contains(k)) {
                errors.add("unknown field \"" + k + "\" (fields: category, fuel, euroNorm, productionYear, firstRegistration, grossMassKg, historic, specialService)");
            }
        }
        String s;
        if ((s = str(f, "category")) != null) VehicleCategory.parse(s).ifPresentOrElse(b::category, () -> errors.add("category \"" + f.get("category") + "\" is not one of M1, M2, M3, N1, N2, N3, L"));
        if ((s = str(f, "fuel")) != null) Fuel.parse(s).ifPresentOrElse(b::fuel, () -> errors.add("fuel \"" + f.get("fuel") + "\" is not one of petrol, diesel, lpg, cng, lng, hybrid, electric, hydrogen"));
        if ((s = str(f, "euroNorm")) != null) EuroNorm.parse(s).ifPresentOrElse(b::euroNorm, () -> errors.add("euroNorm \"" + f.get("euroNorm") + "\" is not a Euro norm (Euro 0 … Euro 7, e.g. \"Euro 6d-TEMP\")"));
        if ((s = str(f, "productionYear")) != null) {
            try { b.productionYear(Integer.parseInt(s)); } catch (NumberFormatException e) { errors.add("productionYear \"" + s + "\" is not a year"); }
        }
        if ((s = str(f, "firstRegistration")) != null) {
            try { b.firstRegistration(LocalDate.parse(s)); } catch (DateTimeParseException e) { errors.add("firstRegistration \"" + s + "\" is not a date YYYY-MM-DD"); }
        }
        if ((s = str(f, "grossMassKg")) != null) {
            try { b.grossMassKg(Integer.parseInt(s)); } catch (NumberFormatException e) { errors.add("grossMassKg \"" + s + "\" is not a whole number of kg"); }
        }
        if ((s = str(f, "historic")) != null) b.historic(Boolean.parseBoolean(s));
        if ((s = str(f, "specialService")) != null) ServiceKind.parse(s).ifPresentOrElse(b::specialService, () -> errors.add("specialService \"" + f.get("specialService") + "\" is not a service (police, fire-rescue, ambulance, …)"));
        if (!errors.isEmpty()) throw new InputException(file + ": " + String.join("; ", errors));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    private static String str(Map<String, Object> f, String k) {
        Object v = f.get(k);
        if (v == null) return null;
        if (v instanceof java.util.Date d) return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private static Map<String, String> options(String[] args, int from, List<String> allowed) {
        Map<String, String> o = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String k = args[i];
            if (!allowed.contains(k)) throw new UsageException("unknown option " + k);
            if (i + 1 >= args.length) throw new UsageException(k + " needs a value");
            o.put(k, args[++i]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String k) {
        String v = o.get(k);
        if (v == null) throw new UsageException("missing " + k);
        return v;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) { super(m); }
    }

    static final class InputException extends RuntimeException {
        InputException(String m) { super(m); }
    }
}
