package pl.kielce.traffic.ctz.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import pl.kielce.traffic.ctz.policy.CityPacks;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

class PackFormatsTest {

    @Test
    void thePolicyMayBeJson() {
        Map<String, String> files = new TreeMap<>(CityPacks.strings("kielce"));
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(files.remove("policy.yaml"));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW); // flow style with quoted scalars is JSON-like
        o.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        o.setWidth(10_000);
        String json = new Yaml(o).dump(toStrings(tree));
        files.put("policy.json", json);
        Policy fromJson = PolicyPacks.fromStrings(files);
        Policy fromYaml = CityPacks.load("kielce");
        assertThat(fromJson.stageIds()).isEqualTo(fromYaml.stageIds());
        VehicleFacts v = VehicleFacts.builder().category(VehicleCategory.M1).fuel(Fuel.DIESEL).euroNorm(EuroNorm.EURO_4).productionYear(2008).grossMassKg(1600).build();
        for (String when : new String[] {"2027-08-02T08:00:00Z", "2029-08-02T08:00:00Z", "2031-08-02T08:00:00Z"}) {
            for (String cam : fromYaml.cameras().keySet()) {
                assertThat(fromJson.decide(PassageFacts.of(cam, "TK1"), v, Exemptions.none(), Instant.parse(when)).explanation())
                        .isEqualTo(fromYaml.decide(PassageFacts.of(cam, "TK1"), v, Exemptions.none(), Instant.parse(when)).explanation());
            }
        }
    }

    @Test
    void aPackWithoutAPolicyFile() {
        Map<String, String> files = new TreeMap<>(CityPacks.strings("kielce"));
        files.remove("policy.yaml");
        assertThatThrownBy(() -> PolicyPacks.fromStrings(files)).isInstanceOf(PolicyPackException.class)
                .hasMessageContaining("policy.yaml: (pack): the pack has no policy file. Fix: add policy.yaml (see zone-policy/README.md for its fields)");
    }

    @SuppressWarnings("unchecked")
    private static Object toStrings(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), toStrings(v)));
            return out;
        }
        if (o instanceof java.util.List<?> l) return l.stream().map(PackFormatsTest::toStrings).toList();
        if (o instanceof java.util.Date d) return d.toInstant().toString().substring(0, 10);
        return o == null ? null : String.valueOf(o);
    }
}
