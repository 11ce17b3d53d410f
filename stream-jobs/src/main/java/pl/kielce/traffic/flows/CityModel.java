package pl.kielce.traffic.flows;

import pl.kielce.traffic.signals.model.Intersection;

import java.util.List;

/**
 * The city's intersection model for the jobs, when one is available. The model is owned by the signals code
 * ({@code cities/kielce/intersections.*}); until it can be loaded here, the jobs run on default capacities.
 */
public final class CityModel {
    private CityModel() {
    }

    /** Intersections of the Kielce model, or an empty list when none can be loaded. */
    public static List<Intersection> kielce() {
        return List.of();
    }

    public static ApproachCapacities capacities(FlowSettings settings) {
        List<Intersection> model = kielce();
        return model.isEmpty() ? ApproachCapacities.defaults(settings) : ApproachCapacities.fromModel(model, settings);
    }
}
