package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.RawRecord;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.job.DecodePositionsFunction;
import pl.kielce.traffic.transit.job.GtfsFeedCache;
import pl.kielce.traffic.transit.job.PriorityConfig;
import pl.kielce.traffic.transit.job.TransitAdherenceCommand;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;
import pl.kielce.traffic.transit.job.TransitAdherenceJob;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsTime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./traffic transit job-bench}: the whole transit job on a local MiniCluster over a bounded stream of
 * simulated RNV positions (generated source, discarding sinks), beside the baseline job that only decodes
 * the same messages. Each is run twice in the same JVM; the second (warm: JIT, GTFS already loaded) counts.
 */
@Command(name = "job-bench", mixinStandardHelpOptions = true,
        description = "Positions per second through the whole Flink job vs a decode-only job (local MiniCluster)")
public final class TransitJobBench implements Callable<Integer> {
    @Option(names = "--gtfs", required = true)
    Path gtfs;

    @Option(names = "--start", defaultValue = "07:00:00")
    String start;

    @Option(names = "--minutes", defaultValue = "120")
    int minutes;

    @Option(names = "--interval", defaultValue = "20", description = "seconds between a vehicle's reports")
    int intervalSeconds;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--intersections", description = "intersection model for the run with signal priority (default: as "
            + "the job finds it: TRAFFIC_SIGNALS_INTERSECTIONS, else $TRAFFIC_ROOT/cities/kielce/intersections.xml; none = skip)")
    String intersections;

    @Override
    public Integer call() throws Exception {
        GtfsFeed feed = GtfsFeedCache.get(gtfs.toString());
        LocalDate date = FleetSimulator.busiestDate(feed, 14);
        int from = GtfsTime.parseSeconds(start);
        int to = from + minutes * 60;
        FleetSimulator fleet = new FleetSimulator(feed, date, from, to, Set.of(), 0, DelayModel.URBAN, 42, true);
        List<RawRecord> records = new ArrayList<>();
        long positions = 0;
        for (int s = from; s <= to; s += intervalSeconds) {
            for (FeedMessage m : fleet.feedsAt(s, 50)) {
                records.add(new RawRecord(Topics.TRANSIT_VEHICLE_POSITIONS, 0, records.size(), null, m.toByteArray()));
                positions += m.getEntityCount();
            }
        }
        System.out.printf("%n%s, %s %s–%s every %d s: %,d positions in %,d messages; parallelism %d%n%n",
                gtfs.getFileName(), date, GtfsTime.format(from), GtfsTime.format(to), intervalSeconds, positions,
                records.size(), parallelism);
        System.out.println("| job | run | wall time | positions/s |");
        System.out.println("|---|---|---|---|");
        PriorityConfig priority = TransitAdherenceCommand.priorityConfig(intersections, System.getenv(),
                TransitPrioritySettings.DEFAULTS);
        for (int run = 1; run <= 2; run++) {
            report("baseline: decode only", run, positions, runDecodeOnly(records));
            // with signal priority first in the warm run, so neither variant always profits from running second
            if (priority != null && run == 2) {
                report("transit adherence + signal priority (" + priority.junctions().junctions().size() + " junctions)", run,
                        positions, runJob(records, priority));
            }
            report("transit adherence (whole job)", run, positions, runJob(records, null));
            if (priority != null && run == 1) {
                report("transit adherence + signal priority (" + priority.junctions().junctions().size() + " junctions)", run,
                        positions, runJob(records, priority));
            }
        }
        return 0;
    }

    private static void report(String name, int run, long positions, double seconds) {
        System.out.printf("| %s | %s | %.1f s | %,.0f |%n", name, run == 1 ? "cold" : "warm", seconds, positions / seconds);
    }

    private DataGeneratorSource<RawRecord> source(List<RawRecord> records) {
        byte[][] values = records.stream().map(RawRecord::value).toArray(byte[][]::new); // serializable, unlike RawRecord
        return new DataGeneratorSource<>(i -> new RawRecord(Topics.TRANSIT_VEHICLE_POSITIONS, 0, i, null, values[(int) (long) i]),
                values.length, TypeInformation.of(RawRecord.class));
    }

    private double runJob(List<RawRecord> records, PriorityConfig priority) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        new TransitAdherenceJob(source(records), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                gtfs.toString(), AdherenceSettings.DEFAULTS, Clock.systemUTC(), priority,
                priority == null ? null : new DiscardingSink<>()).build(env);
        long t0 = System.nanoTime();
        env.execute("transit-job-bench");
        return (System.nanoTime() - t0) / 1e9;
    }

    private double runDecodeOnly(List<RawRecord> records) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.fromSource(source(records), WatermarkStrategy.noWatermarks(), "positions")
                .process(new DecodePositionsFunction(Clock.systemUTC())).name("decode")
                .sinkTo(new DiscardingSink<>()).name("discard");
        long t0 = System.nanoTime();
        env.execute("transit-decode-bench");
        return (System.nanoTime() - t0) / 1e9;
    }
}
