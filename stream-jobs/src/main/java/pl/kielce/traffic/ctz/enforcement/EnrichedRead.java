package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A read with what the registers said about its plate ({@link RegisterEnrichment}; mostly from the cache).
 * {@code toString} leaves the plate out.
 */
@TypeInfo(CompactTypes.EnrichedReadFactory.class)
public record EnrichedRead(PlateRead read, RegisterAnswer answer) {
    public String plate() {
        return read.plate();
    }

    @Override
    public String toString() {
        return "EnrichedRead[" + read + ", " + (answer == null ? "-" : answer.status()) + "]";
    }
}
