package pl.kielce.traffic.counts.replay;

import pl.kielce.traffic.events.AnprRead;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic synthetic ANPR reads: a fleet of vehicles (mostly Kielce {@code TK…} plates, some from the
 * region, elsewhere in Poland and abroad) passing the cameras, several times each, with plausible
 * confidences and alternative readings. Deterministic for a seed.
 */
public final class ReadGenerator {
    static final ZoneId KIELCE = ZoneId.of("Europe/Warsaw");
    private static final String[] REGION = {"TKI", "TSK", "TJE", "TBU", "TPI", "TOS", "TKA", "TST", "TSZ", "TLW"};
    private static final String[] POLAND = {"KR", "WA", "WE", "KK", "RZ", "EL", "LU", "SK", "PO", "GD"};
    private static final String[] FOREIGN = {"D", "CZ", "SK", "UA", "LT"};
    private static final String LETTERS = "ACEFGHJKLMNPRSTUVWXY";
    private static final char[][] CONFUSIONS = {{'0', 'O'}, {'1', 'I'}, {'5', 'S'}, {'8', 'B'}, {'2', 'Z'}, {'6', 'G'}};

    private final List<String> cameras;
    private final Random random;
    private final List<String[]> fleet; // {plate, country}

    public ReadGenerator(List<String> cameras, long seed, int fleetSize) {
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("no cameras");
        }
        if (fleetSize <= 0) {
            throw new IllegalArgumentException("fleetSize must be positive");
        }
        this.cameras = List.copyOf(cameras);
        this.random = new Random(seed);
        this.fleet = new ArrayList<>(fleetSize);
        for (int i = 0; i < fleetSize; i++) {
            fleet.add(vehicle());
        }
    }

    /** One read at {@code capturedAt} at a random camera by a random vehicle of the fleet. */
    public AnprRead next(Instant capturedAt) {
        String[] vehicle = fleet.get(random.nextInt(fleet.size()));
        String camera = cameras.get(random.nextInt(cameras.size()));
        double confidence = Math.round((0.62 + 0.37 * Math.sqrt(random.nextDouble())) * 1000) / 1000.0;
        List<AnprRead.PlateCandidate> candidates = new ArrayList<>();
        candidates.add(new AnprRead.PlateCandidate(vehicle[0], confidence));
        String confused = confuse(vehicle[0]);
        if (!confused.equals(vehicle[0])) {
            candidates.add(new AnprRead.PlateCandidate(confused, Math.round(confidence * 0.45 * 1000) / 1000.0));
        }
        OffsetDateTime at = capturedAt.atZone(KIELCE).toOffsetDateTime();
        String readId = new UUID(random.nextLong(), random.nextLong()).toString();
        return new AnprRead(readId, camera, at, vehicle[0], vehicle[1], confidence, candidates,
                "evidence/" + camera + "/" + readId + ".jpg",
                new AnprRead.PlateBox(300 + random.nextInt(900), 400 + random.nextInt(300), 180 + random.nextInt(80), 40 + random.nextInt(20)));
    }

    /** {@code count} reads spread evenly (with jitter) over [from, from + spanSeconds), in time order. */
    public List<AnprRead> between(Instant from, long spanSeconds, int count) {
        List<AnprRead> reads = new ArrayList<>(count);
        double step = count == 0 ? 0 : spanSeconds * 1000.0 / count;
        for (int i = 0; i < count; i++) {
            long ms = (long) (i * step + random.nextDouble() * step);
            reads.add(next(from.plusMillis(ms)));
        }
        return reads;
    }

    private String[] vehicle() {
        double r = random.nextDouble();
        if (r < 0.60) {
            return new String[]{polish("TK"), "PL"};
        } else if (r < 0.80) {
            return new String[]{polish(REGION[random.nextInt(REGION.length)]), "PL"};
        } else if (r < 0.95) {
            return new String[]{polish(POLAND[random.nextInt(POLAND.length)]), "PL"};
        }
        String country = FOREIGN[random.nextInt(FOREIGN.length)];
        return new String[]{letters(2) + digits(4), country};
    }

    private String polish(String district) {
        if (district.length() == 2) {
            return district + (random.nextBoolean() ? digits(5) : digits(4) + letters(1));
        }
        return district + (random.nextBoolean() ? digits(4) : letters(1) + digits(3));
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return s.toString();
    }

    private String confuse(String plate) {
        char[] chars = plate.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            for (char[] pair : CONFUSIONS) {
                if (chars[i] == pair[0]) {
                    chars[i] = pair[1];
                    return new String(chars);
                }
            }
        }
        return plate;
    }
}
