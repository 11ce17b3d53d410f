package pl.kielce.traffic.counts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.counts.replay.CameraSites;
import pl.kielce.traffic.counts.replay.ReadGenerator;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayToolsTest {
    static final Instant START = Instant.parse("2026-01-20T07:00:00Z");

    @Test
    void generatedReadsAreValidOrderedAndSpreadOverCameras() {
        List<AnprRead> reads = new ReadGenerator(List.of("c1", "c2", "c3"), 7, 50).between(START, 600, 300);
        assertThat(reads).hasSize(300);
        assertThat(reads).allSatisfy(r -> assertThat(EventCodec.decode(EventCodec.encode(r), AnprRead.class).value()).isEqualTo(r));
        assertThat(reads).extracting(r -> r.capturedAt().toInstant()).isSorted()
                .allSatisfy(t -> assertThat(t).isBetween(START, START.plusSeconds(600)));
        assertThat(reads).extracting(AnprRead::cameraId).contains("c1", "c2", "c3");
        assertThat(reads.stream().map(AnprRead::plate).distinct().count()).isLessThanOrEqualTo(50).isGreaterThan(30);
        assertThat(reads.stream().filter(r -> r.plate().startsWith("TK")).count()).isGreaterThan(100);
        assertThat(reads.get(0).capturedAt().getOffset().getTotalSeconds()).isEqualTo(3600); // Kielce in winter
        assertThat(new ReadGenerator(List.of("c1"), 7, 50).between(START, 600, 5))
                .isEqualTo(new ReadGenerator(List.of("c1"), 7, 50).between(START, 600, 5));
    }

    @Test
    void loadsTheCityCameraFile(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("repo.root", ".."));
        Path city = repo.resolve("cities/kielce/cameras.geojson");
        if (Files.exists(city)) {
            assertThat(CameraSites.load(city)).isNotEmpty().allMatch(id -> !id.isBlank());
        }
        Path bad = dir.resolve("cams.geojson");
        Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[20.6,50.8]}}]}");
        assertThatThrownBy(() -> CameraSites.load(bad)).hasMessageContaining("feature #0 has no properties.id");
        assertThat(CameraSites.loadOrFallback(dir.resolve("missing.geojson"))).isEqualTo(CameraSites.FALLBACK);
    }
}
