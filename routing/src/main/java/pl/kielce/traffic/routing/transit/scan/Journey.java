package pl.kielce.traffic.routing.transit.scan;

import java.util.List;

/** One itinerary found by the scan; times are seconds after midnight of the query date. */
public record Journey(List<JourneyLeg> legs) {
    public Journey {
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a journey has at least one leg");
        }
    }

    public int departureSeconds() {
        return legs.get(0).startSeconds();
    }

    public int arrivalSeconds() {
        return legs.get(legs.size() - 1).endSeconds();
    }

    public int rides() {
        return (int) legs.stream().filter(l -> l instanceof JourneyLeg.Ride).count();
    }

    public int transfers() {
        return Math.max(0, rides() - 1);
    }

    public int longestWalkMeters() {
        return legs.stream().filter(l -> l instanceof JourneyLeg.Walk).mapToInt(l -> ((JourneyLeg.Walk) l).distanceMeters())
                .max().orElse(0);
    }

    public int walkMeters() {
        return legs.stream().filter(l -> l instanceof JourneyLeg.Walk).mapToInt(l -> ((JourneyLeg.Walk) l).distanceMeters())
                .sum();
    }
}
