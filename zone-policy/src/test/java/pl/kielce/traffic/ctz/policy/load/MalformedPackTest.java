package pl.kielce.traffic.ctz.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.CityPacks;

/** A clerk edits the pack by hand; every mistake must come back as a message that says where and what to do. */
class MalformedPackTest {

    private static Map<String, String> kielce() { return new TreeMap<>(CityPacks.strings("kielce")); }

    /** Loads with one edit of one file and returns the problem messages. */
    private static List<String> problems(String file, String from, String to) {
        Map<String, String> files = kielce();
        String text = files.get(file);
        assertThat(text).as("fixture text to edit in " + file).contains(from);
        files.put(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        try {
            PolicyPacks.fromStrings(files);
        } catch (PolicyPackException e) {
            return e.problems().stream().map(PackProblem::message).toList();
        }
        throw new AssertionError("the pack loaded despite: " + from + " → " + to);
    }

    private static int lineOf(String file, String text) {
        String all = kielce().get(file);
        return all.substring(0, all.indexOf(text)).split("\n", -1).length;
    }

    @Test
    void badDate() {
        int line = lineOf("policy.yaml", "validFrom: 2029-01-01");
        assertThat(problems("policy.yaml", "validFrom: 2029-01-01", "validFrom: 2029-13-01")).containsExactly(
                "policy.yaml:" + line + ": stages[1] \"stage-2\".validFrom: \"2029-13-01\" is not a date. Fix: write the date as YYYY-MM-DD, e.g. 2026-07-01");
    }

    @Test
    void unknownZone() {
        int line = lineOf("policy.yaml", "zone: kielce-centre");
        assertThat(problems("policy.yaml", "zone: kielce-centre", "zone: kielce-center")).containsExactly(
                "policy.yaml:" + line + ": stages[0] \"stage-1\".zone: zone \"kielce-center\" is not in zones.geojson. "
                        + "Fix: use one of: kielce-centre, kielce-inner, kielce-downtown — or add a feature with properties.id \"kielce-center\" to zones.geojson");
    }

    @Test
    void notAEuroNorm() {
        int line = lineOf("policy.yaml", "minEuro: Euro 4");
        assertThat(problems("policy.yaml", "minEuro: Euro 4", "minEuro: Euro 8")).containsExactly(
                "policy.yaml:" + line + ": stages[0] \"stage-1\".requirements[1] \"s1-diesel\".minEuro: \"Euro 8\" is not a Euro norm. "
                        + "Fix: use one of Euro 0, Euro 1, Euro 2, Euro 3, Euro 4, Euro 5, Euro 6, Euro 6c, Euro 6d-TEMP, Euro 6d, Euro 6e, Euro 7 "
                        + "(Roman numerals Euro I…VI for heavy vehicles also work)");
    }

    @Test
    void misspeltFieldSuggestsTheRightOne() {
        int line = lineOf("policy.yaml", "validFrom: 2031-01-01");
        List<String> p = problems("policy.yaml", "validFrom: 2031-01-01", "vaildFrom: 2031-01-01");
        assertThat(p).contains("policy.yaml:" + line + ": stages[2]: unknown field \"vaildFrom\". Fix: did you mean \"validFrom\"? "
                + "Allowed fields here: id, name, validFrom, validTo, zone, zones, schedule, requirements, notes");
        assertThat(p).anySatisfy(m -> assertThat(m).contains("stages[2] \"stage-3\": the field \"validFrom\" is missing. Fix: add \"validFrom: YYYY-MM-DD\""));
    }

    @Test
    void overlappingStages() {
        assertThat(problems("policy.yaml", "validFrom: 2027-07-01\n", "validFrom: 2027-07-01\n    validTo: 2029-06-30\n"))
                .containsExactly("policy.yaml:" + lineOf("policy.yaml", "- id: stage-1") + ": stages \"stage-1\".validTo: ends on 2029-06-30, after stage \"stage-2\" begins (2029-01-01). "
                        + "Fix: set validTo to 2028-12-31 or leave it out (a stage ends when the next one begins)");
    }

    @Test
    void requirementWithoutAMinimum() {
        List<String> p = problems("policy.yaml", "        minEuro: Euro 2\n        minYear: 1997\n", "");
        assertThat(p).containsExactly("policy.yaml:" + lineOf("policy.yaml", "- id: s1-petrol") + ": stages[0] \"stage-1\".requirements[0] \"s1-petrol\": the row sets no requirement. "
                + "Fix: add minEuro (e.g. \"Euro 4\"), minYear (e.g. 2005), both (either satisfies), or banned: true");
    }

    @Test
    void unknownExemptionType() {
        int line = lineOf("policy.yaml", "type: resident");
        assertThat(problems("policy.yaml", "type: resident", "type: residnet")).containsExactly(
                "policy.yaml:" + line + ": exemptions[4] \"residents\".type: \"residnet\" is not an exemption type. Fix: did you mean \"resident\"? "
                        + "Use one of special-service, fuel, historic, disabled-card, resident, permit, paid-entry, occasional-entries");
    }

    @Test
    void optionOfAnotherExemptionType() {
        assertThat(problems("policy.yaml", "    daysPerYear: 6", "    daysPerYear: 6\n    ownedBefore: 2027-01-01")).containsExactly(
                "policy.yaml:" + (lineOf("policy.yaml", "    daysPerYear: 6") + 1) + ": exemptions[7] \"occasional-entries\".ownedBefore: \"ownedBefore\" does not apply to a occasional-entries exemption. "
                        + "Fix: remove it; this type takes: daysPerYear");
    }

    @Test
    void yamlSyntaxError() {
        List<String> p = problems("policy.yaml", "version: \"2026.11.1-illustrative\"", "version: \"2026.11.1-illustrative");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("policy.yaml:").contains("(syntax): the file cannot be read")
                .endsWith("Fix: check indentation, colons and quotes on this line and the one above it");
    }

    @Test
    void selfCrossingZone() {
        // swap two corners of the strict centre: the ring becomes a bow tie
        List<String> p = problems("zones.geojson", "[\n       20.6352,\n       50.8722\n      ],\n      [\n       20.6345,\n       50.8686\n      ]",
                "[\n       20.6345,\n       50.8686\n      ],\n      [\n       20.6352,\n       50.8722\n      ]");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("zones.geojson:").contains("feature #1 \"kielce-centre\".geometry: the boundary is not a valid area: Self-intersection near lon")
                .endsWith("Fix: redraw the boundary so its edges do not cross and each ring ends where it starts");
    }

    @Test
    void swappedCoordinatesAreOutsideTheGlobe() {
        List<String> p = problems("cameras.geojson", "20.62395,\n     50.872", "120.62395,\n     150.872");
        assertThat(p).containsExactly("cameras.geojson:" + lineOf("cameras.geojson", "\"coordinates\": [\n     20.62395") + ": feature #1 \"KCE-CAM-01\".geometry.coordinates: position [120.62395, 150.872] is outside the globe. "
                + "Fix: GeoJSON wants [longitude, latitude] in degrees (WGS 84), e.g. [20.6286, 50.8703] for Kielce");
    }

    @Test
    void missingCamerasFile() {
        Map<String, String> files = kielce();
        files.remove("cameras.geojson");
        assertThatThrownBy(() -> PolicyPacks.fromStrings(files)).isInstanceOf(PolicyPackException.class)
                .hasMessageContaining("policy.yaml:" + lineOf("policy.yaml", "cameras: cameras.geojson") + ": cameras: the file \"cameras.geojson\" is not in the pack. "
                        + "Fix: put the camera positions (GeoJSON FeatureCollection of Points with properties.id, name, street, direction) in cameras.geojson");
    }

    @Test
    void duplicateCameraId() {
        List<String> p = problems("cameras.geojson", "\"id\": \"KCE-CAM-02\",\n    \"name\"", "\"id\": \"KCE-CAM-01\",\n    \"name\"");
        assertThat(p).singleElement().asString().contains("feature #2 \"KCE-CAM-01\": the camera id \"KCE-CAM-01\" is used by an earlier feature too. Fix: give every camera its own id");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> files = kielce();
        files.put("policy.yaml", files.get("policy.yaml").replaceFirst("minEuro: Euro 4", "minEuro: Euro 8").replace("validFrom: 2029-01-01", "validFrom: soon"));
        assertThatThrownBy(() -> PolicyPacks.fromStrings(files)).isInstanceOfSatisfying(PolicyPackException.class,
                e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void validateADirectory() {
        assertThat(PolicyPacks.validate(CityPacks.dir("kielce"))).isEmpty();
        assertThat(PolicyPacks.validate(CityPacks.dir("no-such-city"))).singleElement().asString().contains("the directory does not exist");
    }
}
