package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A passage event with the registers' answer (null for attachments: they are not decided).
 */
@TypeInfo(CompactTypes.EnrichedPassageFactory.class)
public record EnrichedPassage(PassageEvent event, RegisterAnswer answer) {
    public String plate() {
        return event.read().plate();
    }

    @Override
    public String toString() {
        return "EnrichedPassage[" + event + ", " + (answer == null ? "-" : answer.status()) + "]";
    }
}
