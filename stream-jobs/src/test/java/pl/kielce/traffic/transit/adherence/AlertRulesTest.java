package pl.kielce.traffic.transit.adherence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.at;
import static pl.kielce.traffic.transit.TinyNetwork.feed;
import static pl.kielce.traffic.transit.TinyNetwork.seen;

class AlertRulesTest {
    // threshold 300 s, hysteresis 60 s, bunching below 0.25 × scheduled headway
    private final AlertRules rules = new AlertRules(AdherenceSettings.DEFAULTS);
    private final TripMatcher matcher = new TripMatcher(feed(), AdherenceSettings.DEFAULTS);

    private TripProgress t1WithDelay(int seconds) {
        // halfway B→C is scheduled at 08:03:00
        long t = at("08:03:00") + seconds;
        String hhmmss = java.time.Instant.ofEpochSecond(t).atZone(pl.kielce.traffic.transit.TinyNetwork.ZONE)
                .toLocalTime().toString();
        TripProgress p = matcher.match(seen("bus-1", "T1", null, 20.015, hhmmss.length() == 5 ? hhmmss + ":00" : hhmmss),
                null).value();
        assertThat(p.delaySeconds()).isEqualTo(seconds);
        return p;
    }

    @Test
    void largeDelayAlertsOnceAndReArmsBelowTheHysteresis() {
        var d = rules.largeDelay(false, t1WithDelay(299), "bus-1", 0);
        assertThat(d.active()).isFalse();
        assertThat(d.alert()).isEmpty();

        d = rules.largeDelay(false, t1WithDelay(300), "bus-1", 0);
        assertThat(d.active()).isTrue();
        assertThat(d.alert()).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(TransitAlert.Kind.TRANSIT_LARGE_DELAY);
            assertThat(a.delaySeconds()).isEqualTo(300);
            assertThat(a.toJson()).contains("\"kind\":\"TRANSIT_LARGE_DELAY\"").contains("\"schemaVersion\":\"1.0\"");
        });

        assertThat(rules.largeDelay(true, t1WithDelay(400), "bus-1", 0).alert()).isEmpty();
        // 250 ≥ 300 − 60: still active, quiet
        assertThat(rules.largeDelay(true, t1WithDelay(250), "bus-1", 0).active()).isTrue();
        // 239 < 240: re-armed
        assertThat(rules.largeDelay(true, t1WithDelay(239), "bus-1", 0).active()).isFalse();
    }

    private static StopPassage passage(String trip, String actual, String scheduled) {
        return new StopPassage("R1/dir0", "R1", trip, "veh-" + trip, "C", at(actual), at(scheduled));
    }

    @Test
    void bunchingWhenTheHeadwayFallsBelowAQuarterOfTheScheduledOne() {
        // T1 and T2 are scheduled at C at 08:04 and 08:14: 600 s apart; limit 0.25 × 600 = 150 s
        StopPassage t1LateAtC = passage("T1", "08:09:00", "08:04:00");

        // T2 at 08:10:00 → 60 s behind T1 → bunching
        assertThat(rules.bunching(t1LateAtC, passage("T2", "08:10:00", "08:14:00"), -240))
                .hasValueSatisfying(a -> {
                    assertThat(a.kind()).isEqualTo(TransitAlert.Kind.TRANSIT_BUNCHING);
                    assertThat(a.headwaySeconds()).isEqualTo(60);
                    assertThat(a.scheduledHeadwaySeconds()).isEqualTo(600);
                    assertThat(a.precedingTripId()).isEqualTo("T1");
                });
        // T2 at 08:11:31 → 151 s ≥ 150 → fine
        assertThat(rules.bunching(t1LateAtC, passage("T2", "08:11:31", "08:14:00"), 0)).isEmpty();
        // scheduled in the other order (T2 before T1): not compared
        assertThat(rules.bunching(passage("T2", "08:10:00", "08:14:00"), passage("T1", "08:10:30", "08:04:00"), 0))
                .isEmpty();
        // the same trip twice: not compared
        assertThat(rules.bunching(t1LateAtC, passage("T1", "08:09:10", "08:04:00"), 0)).isEmpty();
    }

    @Test
    void alertJsonEscapesText() {
        var a = new TransitAlert(TransitAlert.Kind.TRANSIT_BUNCHING, "R\"1", "k", "t", "v", null, 0, 5, 10, "p", 0,
                "a\nb");
        assertThat(a.toJson()).contains("\"routeId\":\"R\\\"1\"").contains("\"message\":\"a\\nb\"")
                .contains("\"stopId\":null");
    }
}
