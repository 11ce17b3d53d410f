package pl.kielce.traffic.ctz.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.CityPacks;

class PackWarningsTest {

    @Test
    void shippedPacksWarnOnlyAboutTheDeliberatelyOutsideCamera() {
        assertThat(PackWarnings.of(CityPacks.load("kielce"))).containsExactly(
                "camera \"KCE-CAM-13\" is outside the zone of every stage: its reads are always ALLOWED (outside the zone). "
                        + "Fix: check its coordinates [lon, lat] if that is not intended");
        assertThat(PackWarnings.of(CityPacks.load("warszawa"))).singleElement().asString().contains("WAW-CAM-03");
        assertThat(PackWarnings.of(CityPacks.load("krakow-2022"))).singleElement().asString().contains("KRK-CAM-04");
    }

    @Test
    void unreachableRowGapAndUnusedZone() {
        Map<String, String> files = new TreeMap<>(CityPacks.strings("kielce"));
        String yaml = files.get("policy.yaml")
                // a general row above a narrower one
                .replace("      - id: s3-diesel-light\n", "      - id: s3-diesel-all\n        categories: [M1, N1, M2, M3, N2, N3]\n        fuels: [diesel]\n        minEuro: Euro 6\n      - id: s3-diesel-light\n")
                .replace("validFrom: 2027-07-01\n", "validFrom: 2027-07-01\n    validTo: 2027-12-31\n")
                .replace("zone: kielce-downtown", "zone: kielce-inner");
        files.put("policy.yaml", yaml);
        assertThat(PackWarnings.of(PolicyPacks.fromStrings(files))).contains(
                "stage \"stage-3\": requirement \"s3-diesel-light\" can never apply, because \"s3-diesel-all\" above it covers the same vehicles (the first matching row decides). Fix: move the narrower row up, or delete it",
                "zone \"kielce-downtown\" is not used by any stage",
                "no stage is in force from 2028-01-01 to 2028-12-31 (between \"stage-1\" and \"stage-2\"). Fix: remove validTo of \"stage-1\" if the rules should continue");
    }
}
