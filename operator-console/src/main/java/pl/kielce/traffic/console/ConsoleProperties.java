package pl.kielce.traffic.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the console (prefix {@code console}). Every value has a documented default in
 * {@code application.yml}.
 *
 * @param cityDir          folder of the city pack (cameras.geojson, zones, intersections, policy)
 * @param evidenceDir      folder of evidence images, one file per evidence reference
 * @param retention        how long evidence is kept
 * @param login            login throttling
 * @param noticeAmountPln  fine proposed on a notice (art. 96c Kw: up to 500 zł)
 * @param kafkaEnabled     consume/publish Kafka topics (off: plans are logged as not published)
 */
@ConfigurationProperties("console")
public record ConsoleProperties(
        @DefaultValue("cities/kielce") Path cityDir,
        @DefaultValue(".traffic/evidence") Path evidenceDir,
        @DefaultValue Retention retention,
        @DefaultValue Login login,
        @DefaultValue("500") int noticeAmountPln,
        @DefaultValue("false") boolean kafkaEnabled) {

    public ConsoleProperties {
        if (noticeAmountPln < 0 || noticeAmountPln > 500) {
            throw new IllegalArgumentException("console.notice-amount-pln must be 0..500 (art. 96c Kw), was " + noticeAmountPln);
        }
    }

    /**
     * @param rejectedCaseEvidence evidence of a rejected case is deleted this long after the decision
     * @param closedCaseEvidence   evidence of a confirmed/appealed case is deleted this long after the last decision
     */
    public record Retention(@DefaultValue("P30D") Duration rejectedCaseEvidence,
                            @DefaultValue("P365D") Duration closedCaseEvidence) {
    }

    /**
     * @param maxFailures           failed logins per user name before a lock
     * @param maxFailuresPerAddress failed logins per client address before a lock (control rooms share addresses)
     * @param window                the window failures are counted in, and how long a lock lasts
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
                        @DefaultValue("PT15M") Duration window) {
    }
}
