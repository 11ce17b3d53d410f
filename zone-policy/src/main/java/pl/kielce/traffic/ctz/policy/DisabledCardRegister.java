package pl.kielce.traffic.ctz.policy;

import java.time.LocalDate;

/** Port: vehicles registered as carrying a person with a disability parking card (art. 39). */
public interface DisabledCardRegister {
    boolean hasValidCard(String plate, LocalDate day);
}
