package pl.kielce.traffic.ctz.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Services the vehicle register flags as special. Art. 39 ust. 3 of the e-mobility act lists police,
 * border guard, road transport inspection (ITD), security services, fire and rescue, road managers,
 * armed forces, environmental inspection (GIOŚ) and ambulances.
 */
public enum ServiceKind {
    POLICE, BORDER_GUARD, ITD, SECURITY_SERVICES, FIRE_RESCUE, ROAD_MANAGER, ARMED_FORCES, GIOS, AMBULANCE, MUNICIPAL_GUARD, OTHER;

    public String code() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static Optional<ServiceKind> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
