package pl.kielce.traffic.flows;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.HashSet;
import java.util.Set;

/** Sums the observations of one approach in one interval window, then turns the sums into an {@link ApproachFlow}. */
public final class AggregateFlow {
    private AggregateFlow() {
    }

    /** Running sums of one approach-interval. Flink POJO (public fields). */
    public static final class Acc {
        public String intersectionId;
        public String approach;
        public String source;
        public long vehicles;
        /** Σ seconds counted over all sources. */
        public long sourceSeconds;
        /** Σ occupancy × seconds over detector counts. */
        public double occupiedSeconds;
        public long occupancySeconds;
        public Set<String> sources = new HashSet<>();
    }

    public static final class Sum implements AggregateFunction<Observation, Acc, Acc> {
        @Override
        public Acc createAccumulator() {
            return new Acc();
        }

        @Override
        public Acc add(Observation o, Acc a) {
            a.intersectionId = o.intersectionId();
            a.approach = o.approach();
            a.source = o.source();
            a.vehicles += o.vehicles();
            a.sourceSeconds += o.seconds();
            if (!Double.isNaN(o.occupancy())) {
                a.occupiedSeconds += o.occupancy() * o.seconds();
                a.occupancySeconds += o.seconds();
            }
            a.sources.add(o.sourceId());
            return a;
        }

        @Override
        public Acc getResult(Acc a) {
            return a;
        }

        @Override
        public Acc merge(Acc a, Acc b) {
            a.vehicles += b.vehicles;
            a.sourceSeconds += b.sourceSeconds;
            a.occupiedSeconds += b.occupiedSeconds;
            a.occupancySeconds += b.occupancySeconds;
            a.sources.addAll(b.sources);
            if (a.intersectionId == null) {
                a.intersectionId = b.intersectionId;
                a.approach = b.approach;
                a.source = b.source;
            }
            return a;
        }
    }

    /** Sums → flow, occupancy and degree of saturation. */
    public static final class ToFlow extends ProcessWindowFunction<Acc, ApproachFlow, String, TimeWindow> {
        private final ApproachCapacities capacities;

        public ToFlow(ApproachCapacities capacities) {
            this.capacities = capacities;
        }

        @Override
        public void process(String key, Context ctx, Iterable<Acc> sums, Collector<ApproachFlow> out) {
            for (Acc a : sums) {
                out.collect(flow(a, ctx.window().getStart(), ctx.window().getEnd(), capacities));
            }
        }
    }

    /** The flow of one approach-interval [start, end) from its sums. */
    public static ApproachFlow flow(Acc a, long startMs, long endMs, ApproachCapacities capacities) {
        int n = Math.max(1, a.sources.size());
        double intervalSeconds = (endMs - startMs) / 1000.0;
        double meanSecondsPerSource = Math.max(1.0, (double) a.sourceSeconds / n);
        double flow = a.vehicles * 3600.0 / meanSecondsPerSource;
        double occupancy = a.occupancySeconds == 0 ? Double.NaN : a.occupiedSeconds / a.occupancySeconds;
        double capacity = capacities.capacityVehPerHour(a.intersectionId, a.approach, a.source, n);
        double[] where = capacities.location(a.intersectionId);
        return new ApproachFlow(a.intersectionId, a.approach, a.source, startMs, endMs, a.vehicles, flow, occupancy,
                capacity, flow / capacity, n, Math.min(1.0, a.sourceSeconds / (n * intervalSeconds)),
                where == null ? Double.NaN : where[0], where == null ? Double.NaN : where[1]);
    }
}
