package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import pl.kielce.traffic.events.AnprRead;

/**
 * A validated read inside the job: the fields the decision needs, flat; serialised by {@link CompactTypes}.
 * {@code toString} leaves the plate out (logs must never carry one).
 *
 * @param readId           the read's id
 * @param cameraId         camera id
 * @param capturedAtMillis when the image was taken (event time), epoch millis
 * @param plate            normalised plate
 * @param country          plate country sign ({@code ZZ} unknown)
 * @param confidence       0..1
 * @param evidenceRef      stored image reference, nullable
 */
@TypeInfo(CompactTypes.PlateReadFactory.class)
public record PlateRead(String readId, String cameraId, long capturedAtMillis, String plate, String country,
                        double confidence, String evidenceRef) {

    public static PlateRead of(AnprRead r) {
        return new PlateRead(r.readId(), r.cameraId(), r.capturedAt().toInstant().toEpochMilli(), r.plate(), r.country(),
                r.confidence(), r.evidenceRef());
    }

    @Override
    public String toString() {
        return "PlateRead[" + readId + ", camera " + cameraId + ", at " + capturedAtMillis + "]";
    }
}
