package pl.kielce.traffic.anpr.recognition;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlateGrammarTest {
    private final PlateGrammar grammar = PlateGrammar.polishDefault();

    /** Per-position probabilities that are confident about {@code text} (0.9) with the rest spread thinly. */
    static double[][] confident(String text) {
        double[][] p = new double[text.length()][Glyphs.ALPHABET.length()];
        for (int i = 0; i < text.length(); i++) {
            java.util.Arrays.fill(p[i], 0.1 / (Glyphs.ALPHABET.length() - 1));
            p[i][Glyphs.ALPHABET.indexOf(text.charAt(i))] = 0.9;
        }
        return p;
    }

    @Test
    void districtFixesLookAlikeDigitsInTheCountyPart() {
        assertThat(grammar.decode(confident("5K321LE")).get(0).text()).isEqualTo("SK321LE");
    }

    @Test
    void vehiclePartDigitsReplaceLookAlikeLetters() {
        assertThat(grammar.decode(confident("SK3B9LE")).get(0).text()).isEqualTo("SK389LE");
    }

    @Test
    void vehiclePartNeverHoldsForbiddenLettersInPolishLayouts() {
        List<PlateGrammar.Reading> r = grammar.decode(confident("TK12340"));
        assertThat(r.get(0).text()).isEqualTo("TK12340");
    }

    @Test
    void slovakLayoutKeepsLettersThatPolandForbids() {
        assertThat(grammar.decode(confident("RK340AO")).get(0).text()).isEqualTo("RK340AO");
    }

    @Test
    void anEmblemAfterTheDistrictFavoursTheSlovakScheme() {
        assertThat(grammar.decode(confident("RK34040"), -1).get(0).text()).isEqualTo("RK34040");
        assertThat(grammar.decode(confident("RK34040"), 2).get(0).text()).isEqualTo("RK340AO");
    }

    @Test
    void unknownPatternsStayAsRead() {
        assertThat(grammar.decode(confident("XQ7")).get(0).text()).isEqualTo("XQ7");
    }

    @Test
    void junkGlyphAtTheStartIsDropped() {
        double[][] p = confident("#SK321LE".replace('#', 'X'));
        java.util.Arrays.fill(p[0], 1.0 / Glyphs.ALPHABET.length());
        assertThat(grammar.decode(p).get(0).text()).isEqualTo("SK321LE");
    }

    @Test
    void theGapAfterThreeCharactersMakesItACzechPlateNotAPolishDistrict() {
        assertThat(grammar.decode(confident("LB25790"), -1, -1).get(0).text()).isEqualTo("LB25790");
        assertThat(grammar.decode(confident("LB25790"), -1, 3).get(0).text()).isEqualTo("1B25790");
        assertThat(grammar.decode(confident("LB25790"), -1, 2).get(0).text()).isEqualTo("LB25790");
    }

    @Test
    void theGapAfterTwoCharactersRulesOutAThreeLetterDistrict() {
        assertThat(grammar.decode(confident("TSZ60AK"), -1, 2).get(0).text()).isEqualTo("TS260AK");
        assertThat(grammar.decode(confident("SLU7XA8"), -1, 3).get(0).text()).isEqualTo("SLU7XA8");
    }

    @Test
    void aHyphenInTheGapRulesOutThePolishScheme() {
        assertThat(grammar.decode(confident("PP587A0"), -1, 2, false).get(0).text()).isEqualTo("PP58740");
        assertThat(grammar.decode(confident("PP587A0"), -1, 2, true).get(0).text()).isEqualTo("PP587AO");
    }
}
