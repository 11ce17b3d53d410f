package pl.kielce.traffic.ctz.policy;

import java.util.Optional;

/** Port: plate → vehicle facts (the central vehicle register, CEP, or an extract of it). */
public interface VehicleRegister {
    /** The facts for a normalised plate (upper case, no spaces), or empty when the register does not know it. */
    Optional<VehicleFacts> find(String plate);
}
