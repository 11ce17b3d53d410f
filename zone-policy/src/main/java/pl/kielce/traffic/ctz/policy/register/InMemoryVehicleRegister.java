package pl.kielce.traffic.ctz.policy.register;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.VehicleRegister;

/** A vehicle register held in memory (tests, the CLI, small extracts). Thread-safe. */
public final class InMemoryVehicleRegister implements VehicleRegister {
    private final Map<String, VehicleFacts> byPlate = new ConcurrentHashMap<>();

    public InMemoryVehicleRegister put(String plate, VehicleFacts facts) {
        byPlate.put(Plates.normalise(plate), facts);
        return this;
    }

    @Override public Optional<VehicleFacts> find(String plate) {
        return plate == null ? Optional.empty() : Optional.ofNullable(byPlate.get(plate));
    }

    public int size() { return byPlate.size(); }

    /** Loads a register extract CSV ({@link RegisterCsv}); rejected rows are returned, good ones loaded. */
    public static Map.Entry<InMemoryVehicleRegister, List<RegisterCsv.RowProblem>> fromCsv(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            InMemoryVehicleRegister reg = new InMemoryVehicleRegister();
            List<RegisterCsv.RowProblem> problems = new java.util.ArrayList<>();
            RegisterCsv.parse(in, row -> reg.put(row.plate(), row.facts()), problems::add);
            return Map.entry(reg, problems);
        }
    }
}
