package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.streams.RawRecord;
import pl.kielce.traffic.transit.adherence.VehiclePositionDecoder;

import java.time.Clock;
import java.util.List;

/** GTFS-RT bytes → one {@link ObservedPosition} per good entity; bad messages/entities → dead letters. */
public final class DecodePositionsFunction extends ProcessFunction<RawRecord, ObservedPosition> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("transit-dead-letters") {
    };

    private final Clock clock;
    private transient Counter refused;

    public DecodePositionsFunction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        refused = getRuntimeContext().getMetricGroup().counter("positionsRefused");
    }

    @Override
    public void processElement(RawRecord in, Context ctx, Collector<ObservedPosition> out) {
        Decoded<List<VehiclePositionDecoder.EntityResult>> d = VehiclePositionDecoder.decode(in.value());
        if (!d.isOk()) {
            refused.inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(in.value(), in.topic(), in.partition(), in.offset(), d.reason(), clock));
            return;
        }
        for (VehiclePositionDecoder.EntityResult e : d.value()) {
            if (e.observation().isOk()) {
                out.collect(new ObservedPosition(e.observation().value(), e.entityBytes(), in.topic(), in.partition(),
                        in.offset()));
            } else {
                refused.inc();
                ctx.output(DEAD_LETTERS, DeadLetters.of(e.entityBytes(), in.topic(), in.partition(), in.offset(),
                        e.observation().reason(), clock));
            }
        }
    }
}
