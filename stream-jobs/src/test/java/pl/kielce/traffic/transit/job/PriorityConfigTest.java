package pl.kielce.traffic.transit.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.transit.KielceTspNetwork;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the job finds the intersection model for signal priority, and that a wrong path is an error, not silence. */
class PriorityConfigTest {
    static final TransitPrioritySettings S = TransitPrioritySettings.DEFAULTS;

    @Test
    void optionThenEnvThenTheKielceModelUnderTrafficRoot(@TempDir Path empty) throws Exception {
        Path model = new KielceTspNetwork().intersectionsFile;
        Path root = model.getParent().getParent().getParent();
        assertThat(TransitAdherenceCommand.priorityConfig(model.toString(), Map.of(), S).intersectionsPath())
                .isEqualTo(model.toAbsolutePath().toString());
        assertThat(TransitAdherenceCommand.priorityConfig(null, Map.of("TRAFFIC_SIGNALS_INTERSECTIONS", model.toString()), S))
                .isNotNull();
        assertThat(TransitAdherenceCommand.priorityConfig(null, Map.of("TRAFFIC_ROOT", root.toString()), S).intersectionsPath())
                .endsWith("cities/kielce/intersections.xml");
        assertThat(TransitAdherenceCommand.priorityConfig("none", Map.of("TRAFFIC_ROOT", root.toString()), S)).isNull();
        assertThat(TransitAdherenceCommand.priorityConfig(null, Map.of("TRAFFIC_ROOT", empty.toString()), S)).isNull();
        assertThatThrownBy(() -> TransitAdherenceCommand.priorityConfig(empty.resolve("nope.xml").toString(), Map.of(), S))
                .hasMessageContaining("intersection model not found");
        // the model loads: every Kielce junction can ask priority
        assertThat(TransitAdherenceCommand.priorityConfig(model.toString(), Map.of(), S).junctions().junctions()).isNotEmpty();
    }
}
