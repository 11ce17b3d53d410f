package pl.kielce.traffic.routing.journeys;

import java.util.List;

/** The answer to a journey question: itineraries (earliest first; arrive-by: latest departure first). */
public record JourneyPlan(String timeZone, long realtimeVersion, List<Itinerary> itineraries) {
}
