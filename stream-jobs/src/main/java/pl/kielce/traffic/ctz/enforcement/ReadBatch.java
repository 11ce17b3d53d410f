package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.List;

/**
 * Consecutive reads of one subtask, asked about together by {@link RegisterEnrichment} ({@link ReadBatcher}).
 * {@code toString} leaves the plates out.
 */
@TypeInfo(CompactTypes.ReadBatchFactory.class)
public record ReadBatch(List<PlateRead> reads) {
    public ReadBatch {
        reads = List.copyOf(reads);
    }

    @Override
    public String toString() {
        return "ReadBatch[" + reads.size() + " reads]";
    }
}
