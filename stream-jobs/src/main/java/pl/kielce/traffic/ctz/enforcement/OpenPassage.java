package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Keyed state of {@link PassageFunction}: the passage open for one plate in one zone. */
@TypeInfo(CompactTypes.OpenPassageFactory.class)
public record OpenPassage(String passageId, long firstSeenMillis) {
}
