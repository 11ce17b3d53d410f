package pl.kielce.traffic.ctz.policy.bench;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.yaml.snakeyaml.Yaml;
import pl.kielce.traffic.ctz.policy.CityPacks;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters;
import pl.kielce.traffic.ctz.policy.register.InMemoryVehicleRegister;

/**
 * The hot path of the enforcement job: one decision per read, for a registered vehicle, single thread.
 * Baselines in the same run: a hand-coded check of the same rule (camera map + date + Euro/year compare),
 * and for loading, parsing the YAML alone.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC"})
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecideBenchmark {
    static final int N = 1024; // distinct passages cycled through, so nothing folds to a constant

    Policy kielce;
    Map<String, String> packSources;
    InMemoryVehicleRegister register;
    Exemptions exemptions;
    PassageFacts[] passages;
    Instant[] times;
    String[] plates;
    int i;
    PassageFacts[] oldPassages;
    static final VehicleFacts OLD_DIESEL = VehicleFacts.builder().category(VehicleCategory.M1).fuel(Fuel.DIESEL)
            .euroNorm(EuroNorm.EURO_3).productionYear(2003).grossMassKg(1700).build();

    // baseline state
    Map<String, Boolean> cameraInZone;
    long stageFromEpochSecond;

    @Setup
    public void setup() {
        kielce = CityPacks.load("kielce");
        packSources = CityPacks.strings("kielce");
        register = new InMemoryVehicleRegister();
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters();
        exemptions = regs.asExemptions();
        List<String> cameras = List.copyOf(kielce.cameras().keySet());
        Fuel[] fuels = {Fuel.PETROL, Fuel.DIESEL, Fuel.LPG, Fuel.HYBRID};
        EuroNorm[] norms = EuroNorm.values();
        passages = new PassageFacts[N];
        times = new Instant[N];
        plates = new String[N];
        Instant base = LocalDateTime.parse("2031-03-03T07:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();
        java.util.Random rnd = new java.util.Random(42);
        for (int k = 0; k < N; k++) {
            plates[k] = "TK" + (10000 + k);
            // mostly compliant traffic, as on a real street: Euro 5 or newer for 4 in 5 vehicles
            EuroNorm e = rnd.nextInt(5) == 0 ? norms[1 + rnd.nextInt(4)] : norms[5 + rnd.nextInt(norms.length - 5)];
            register.put(plates[k], VehicleFacts.builder().category(k % 10 == 0 ? VehicleCategory.N1 : VehicleCategory.M1)
                    .fuel(fuels[rnd.nextInt(fuels.length)]).euroNorm(e).productionYear(1995 + rnd.nextInt(30))
                    .grossMassKg(1200 + rnd.nextInt(2000)).build());
            passages[k] = new PassageFacts(cameras.get(k % cameras.size()), plates[k], "PL", 0.95 + rnd.nextDouble() * 0.05, null);
            times[k] = base.plusSeconds(rnd.nextInt(12 * 3600));
        }
        oldPassages = new PassageFacts[N];
        for (int k = 0; k < N; k++) {
            String plate = "TK9" + (1000 + k);
            for (int d = 1; d <= 6; d++) regs.record(plate, java.time.LocalDate.of(2031, 1, d)); // allowance used up
            oldPassages[k] = new PassageFacts(inZone(cameras, kielce, k), plate, "PL", 0.99, null);
        }
        cameraInZone = new HashMap<>();
        for (String c : cameras) cameraInZone.put(c, kielce.cameraZone(c, "stage-3").isPresent());
        stageFromEpochSecond = LocalDateTime.parse("2031-01-01T00:00").atZone(ZoneId.of("Europe/Warsaw")).toEpochSecond();
    }

    /** Register lookup + decide, as the enforcement job does per read. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision registeredVehicleDecision() {
        int k = i++ & (N - 1);
        PassageFacts p = passages[k];
        VehicleFacts v = register.find(p.plate()).orElse(null);
        return kielce.decide(p, v, exemptions, times[k]);
    }

    /**
     * The slow path: a non-compliant registered vehicle, so every exemption rule is tried (in-memory
     * registers holding nothing for it; the occasional-entry allowance is used up).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision nonCompliantVehicleAllExemptionsTried() {
        int k = i++ & (N - 1);
        return kielce.decide(oldPassages[k], OLD_DIESEL, exemptions, times[k]);
    }

    /** Baseline: the same rule hand-coded (camera map, stage date, Euro-or-year), no explanation, no exemptions. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int baselineHandCodedRule() {
        int k = i++ & (N - 1);
        PassageFacts p = passages[k];
        VehicleFacts v = register.find(p.plate()).orElse(null);
        if (v == null) return 3;
        Boolean in = cameraInZone.get(p.cameraId());
        if (in == null || !in || times[k].getEpochSecond() < stageFromEpochSecond) return 0;
        boolean ok = v.fuel() == Fuel.DIESEL
                ? v.euroNorm().atLeast(EuroNorm.EURO_6) || v.productionYear() >= 2015
                : v.euroNorm().atLeast(EuroNorm.EURO_4) || v.productionYear() >= 2006;
        return ok ? 0 : 2;
    }

    /** Loading and validating the Kielce pack from its source text (policy + zones + cameras). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Policy loadPack() {
        return PolicyPacks.fromStrings(packSources);
    }

    /** Baseline for loading: only parsing the three files with SnakeYAML, no validation or geometry. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public int baselineParseOnly() {
        int n = 0;
        for (String text : packSources.values()) if (new Yaml().compose(new StringReader(text)) != null) n++;
        return n;
    }

    private static String inZone(List<String> cameras, Policy p, int k) {
        List<String> in = cameras.stream().filter(c -> p.cameraZone(c, "stage-3").isPresent()).toList();
        return in.get(k % in.size());
    }

    /** Cold load: a fresh JVM's first pack load (what a clerk or a restarting job sees). */
    public static long coldLoadMillis() {
        long t0 = System.nanoTime();
        PolicyPacks.load(CityPacks.dir("kielce"));
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
