package pl.kielce.traffic.anpr.recognition;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.anpr.TestData;
import pl.kielce.traffic.anpr.eval.Evaluation;
import pl.kielce.traffic.anpr.eval.GroundTruth;
import pl.kielce.traffic.anpr.eval.LabelledImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Accuracy floor on a fixed subset of the shared real photos (every third photo, sorted by name), a little under
 * the figure measured when the floor was set (see docs/BENCHMARKS.md). Skips when the photos are absent.
 */
class PlateRecognizerAccuracyTest {
    static PlateRecognizer recognizer;

    @BeforeAll
    static void build() throws Exception {
        // the labelled glyphs come from the dev split (even positions) of the same folders, as `anpr train` makes them
        Path pl = TestData.plates("pl-dev");
        Path eu = TestData.plates("eu-dev");
        List<Path> dirs = new ArrayList<>();
        for (Path d : List.of(pl, eu)) {
            if (TestData.present(d)) {
                dirs.add(d);
            }
        }
        recognizer = PlateRecognizer.create(1, PlateRecognizer.harvestDevSplit(dirs, System.out));
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    static List<LabelledImage> subset(String set) throws Exception {
        Path dir = TestData.plates(set);
        assumeTrue(TestData.present(dir), "plate photos absent (" + dir + "), set TRAFFIC_DATA_DIR: skipping");
        List<LabelledImage> all = GroundTruth.load(dir);
        List<LabelledImage> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            out.add(all.get(i));
        }
        return out;
    }

    @Test
    void polishPhotos() throws Exception {
        Evaluation.Summary s = Evaluation.summarise(Evaluation.run(recognizer, subset("pl-dev"), 1), 1);
        System.out.printf("pl-dev subset: %d photos, exact %.4f, chars %.4f%n", s.images(), s.exactRate(), s.charRate());
        assertThat(s.exactRate()).as("exact plates on %d Polish photos", s.images()).isGreaterThanOrEqualTo(PL_EXACT_FLOOR);
        assertThat(s.charRate()).isGreaterThanOrEqualTo(PL_CHAR_FLOOR);
    }

    @Test
    void europeanPhotos() throws Exception {
        Evaluation.Summary s = Evaluation.summarise(Evaluation.run(recognizer, subset("eu-dev"), 1), 1);
        System.out.printf("eu-dev subset: %d photos, exact %.4f, chars %.4f%n", s.images(), s.exactRate(), s.charRate());
        assertThat(s.exactRate()).as("exact plates on %d European photos", s.images()).isGreaterThanOrEqualTo(EU_EXACT_FLOOR);
        assertThat(s.charRate()).isGreaterThanOrEqualTo(EU_CHAR_FLOOR);
    }

    // floors: measured 2026-11-28 18:00 UTC on this subset (PL 34/34 exact, 100 % chars; EU 22/24, 95.1 % chars)
    // minus a small margin (two plates each)
    static final double PL_EXACT_FLOOR = 0.94;
    static final double PL_CHAR_FLOOR = 0.98;
    static final double EU_EXACT_FLOOR = 0.83;
    static final double EU_CHAR_FLOOR = 0.90;
}
