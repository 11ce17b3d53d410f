package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Output of {@link PassageFunction}: the first read of a passage ({@code start}, to be decided) or a further
 * read of an open passage ({@code !start}, attached to whatever the passage's decision was).
 *
 * @param start     true for the read that opens the passage
 * @param passageId id of the passage (the read id of its first read)
 * @param zoneKey   the zone the camera enforces, or {@code camera:<id>} for a camera outside every zone
 * @param read      the read
 */
@TypeInfo(CompactTypes.PassageEventFactory.class)
public record PassageEvent(boolean start, String passageId, String zoneKey, PlateRead read) {
    @Override
    public String toString() {
        return (start ? "PassageStart[" : "PassageAttach[") + passageId + ", " + zoneKey + ", " + read + "]";
    }
}
