package pl.kielce.traffic.counts;

import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test factories: named times and reads. */
final class Reads {
    static final ZoneOffset WARSAW_WINTER = ZoneOffset.ofHours(1);
    /** 12:00 UTC = 13:00 in Kielce (winter); a window boundary. */
    static final OffsetDateTime NOON = OffsetDateTime.of(2026, 1, 20, 13, 0, 0, 0, WARSAW_WINTER);
    static final OffsetDateTime ONE_MINUTE_LATER = NOON.plusMinutes(1);
    static final OffsetDateTime FIVE_MINUTES_LATER = NOON.plusMinutes(5);
    private static final AtomicInteger IDS = new AtomicInteger();

    private Reads() {
    }

    static AnprRead read(String cameraId, OffsetDateTime capturedAt, String plate) {
        return new AnprRead("read-" + IDS.incrementAndGet(), cameraId, capturedAt, plate, "PL", 0.9,
                List.of(new AnprRead.PlateCandidate(plate, 0.9)), null, null);
    }

    static byte[] json(String cameraId, OffsetDateTime capturedAt, String plate) {
        return EventCodec.encode(read(cameraId, capturedAt, plate));
    }
}
