package pl.kielce.traffic.ctz.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;

/** Finds the city packs in the checkout ({@code repo.root} set by surefire, else walking up from here). */
public final class CityPacks {
    private CityPacks() {}

    public static Path root() {
        String prop = System.getProperty("repo.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "cities"))) return Paths.get(prop);
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("cities"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the cities/ directory above " + Paths.get("").toAbsolutePath());
        return p;
    }

    public static Path dir(String city) { return root().resolve("cities").resolve(city); }

    public static Policy load(String city) { return PolicyPacks.load(dir(city)); }

    /** The pack's files as name → text (for broadcast-style loading and malformed-pack tests). */
    public static Map<String, String> strings(String city) { return new TreeMap<>(PolicyPacks.readDir(dir(city))); }
}
