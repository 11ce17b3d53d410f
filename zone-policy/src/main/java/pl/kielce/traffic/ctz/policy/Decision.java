package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer for one passage: an {@link Outcome}, a {@link ReasonCode}, and everything needed to explain
 * it — policy id and version, stage, zone, the requirement row or exemption rule, and the facts used.
 * The plate is deliberately not part of a decision. Creating one costs a single small allocation; the
 * explanation text is built only when asked for.
 */
public final class Decision implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Outcome outcome;
    private final ReasonCode reason;
    private final String policyId;
    private final String policyVersion;
    private final boolean policyIllustrative;
    private final ZoneId timeZone;
    private final Stage stage;                 // null when no stage is in force
    private final String zoneId;               // null when outside
    private final String cameraId;
    private final Instant at;
    private final Requirement requirement;     // the row that covered the vehicle, if any
    private final ExemptionRule exemption;     // the exemption that applied (EXEMPT) or could not be verified (REVIEW)
    private final VehicleFacts vehicle;        // null when unknown
    private final String plateCountry;
    private final double confidence;
    private final String missingFact;          // for MISSING_FACT
    private final boolean consumesOccasionalEntry;

    Decision(Outcome outcome, ReasonCode reason, Policy policy, Stage stage, String zoneId, PassageFacts passage, Instant at,
             Requirement requirement, ExemptionRule exemption, VehicleFacts vehicle, String missingFact, boolean consumesOccasionalEntry) {
        this.outcome = outcome;
        this.reason = reason;
        this.policyId = policy.id();
        this.policyVersion = policy.version();
        this.policyIllustrative = policy.illustrative();
        this.timeZone = policy.timeZone();
        this.stage = stage;
        this.zoneId = zoneId;
        this.cameraId = passage.cameraId();
        this.plateCountry = passage.plateCountry();
        this.confidence = passage.confidence();
        this.at = at;
        this.requirement = requirement;
        this.exemption = exemption;
        this.vehicle = vehicle;
        this.missingFact = missingFact;
        this.consumesOccasionalEntry = consumesOccasionalEntry;
    }

    public Outcome outcome() { return outcome; }
    public ReasonCode reason() { return reason; }
    public String policyId() { return policyId; }
    public String policyVersion() { return policyVersion; }
    public boolean policyIllustrative() { return policyIllustrative; }
    public Stage stage() { return stage; }
    public String stageId() { return stage == null ? null : stage.id(); }
    public String zoneId() { return zoneId; }
    public String cameraId() { return cameraId; }
    public Instant at() { return at; }
    public Requirement requirement() { return requirement; }
    public String ruleId() { return requirement == null ? null : requirement.id(); }
    public ExemptionRule exemption() { return exemption; }
    public String exemptionId() { return exemption == null ? null : exemption.id(); }
    public VehicleFacts vehicle() { return vehicle; }
    public String missingFact() { return missingFact; }

    /** True when the caller must record an occasional entry for this plate and day (see {@link OccasionalEntryRegister#record}). */
    public boolean consumesOccasionalEntry() { return consumesOccasionalEntry; }

    /** The facts the decision used, by name (no plate). */
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("camera", cameraId);
        f.put("localTime", localTime());
        if (plateCountry != null) f.put("plateCountry", plateCountry);
        if (!Double.isNaN(confidence)) f.put("confidence", confidence);
        if (vehicle != null) {
            f.put("category", vehicle.category() == null ? null : vehicle.category().name());
            f.put("fuel", vehicle.fuel() == null ? null : vehicle.fuel().code());
            f.put("euroNorm", vehicle.euroNorm() == null ? null : vehicle.euroNorm().label());
            f.put("productionYear", vehicle.productionYear() == 0 ? null : vehicle.productionYear());
            f.put("firstRegistration", vehicle.firstRegistration() == null ? null : vehicle.firstRegistration().toString());
            f.put("grossMassKg", vehicle.grossMassKg() == 0 ? null : vehicle.grossMassKg());
            if (vehicle.historic()) f.put("historic", true);
            if (vehicle.specialService() != null) f.put("specialService", vehicle.specialService().code());
        }
        return f;
    }

    public String localTime() {
        return ZonedDateTime.ofInstant(at, timeZone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** One paragraph a clerk can read: outcome, policy, stage, rule or exemption, facts. */
    public String explanation() {
        StringBuilder b = new StringBuilder();
        b.append(outcome);
        if (outcome == Outcome.EXEMPT && exemption != null) b.append(" (").append(exemption.id()).append(')');
        if (outcome == Outcome.VIOLATION && requirement != null) b.append(" (").append(requirement.id()).append(')');
        if (outcome == Outcome.REVIEW) b.append(" (").append(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append(')');
        b.append(": ").append(reason.text());
        if (missingFact != null) b.append(" (").append(missingFact).append(')');
        b.append(". Policy ").append(policyId).append(" version ").append(policyVersion);
        if (policyIllustrative) b.append(" (illustrative)");
        if (stage != null) b.append(", stage ").append(stage.id()).append(" \"").append(stage.name()).append("\" in force from ").append(stage.validFrom());
        if (zoneId != null) b.append(", zone ").append(zoneId);
        b.append(", camera ").append(cameraId).append(" at ").append(localTime()).append('.');
        if (requirement != null) b.append(" Rule ").append(requirement.id()).append(": ").append(requirement.describe()).append('.');
        if (exemption != null) {
            b.append(outcome == Outcome.EXEMPT ? " Exemption " : " Exemption not verified: ").append(exemption.id())
                    .append(": ").append(exemption.describe());
            if (exemption.legalBasis() != null) b.append(" [").append(exemption.legalBasis()).append(']');
            b.append('.');
        }
        if (vehicle != null) {
            b.append(" Facts:");
            Map<String, Object> f = facts();
            f.remove("camera");
            f.remove("localTime");
            f.forEach((k, v) -> b.append(' ').append(k).append('=').append(v == null ? "unknown" : v).append(';'));
            b.setLength(b.length() - 1);
            b.append('.');
        }
        return b.toString();
    }

    /** The explanation in Polish (for the city guard's review desk and notices). */
    public String explanationPl() {
        StringBuilder b = new StringBuilder();
        b.append(outcome.labelPl());
        if (outcome == Outcome.EXEMPT && exemption != null) b.append(" (").append(exemption.id()).append(')');
        if (outcome == Outcome.VIOLATION && requirement != null) b.append(" (").append(requirement.id()).append(')');
        b.append(": ").append(reason.textPl());
        if (missingFact != null) b.append(" (").append(missingFact).append(')');
        b.append(". Polityka ").append(policyId).append(" wersja ").append(policyVersion);
        if (policyIllustrative) b.append(" (poglądowa)");
        if (stage != null) b.append(", etap ").append(stage.id()).append(" \"").append(stage.name()).append("\" od ").append(stage.validFrom());
        if (zoneId != null) b.append(", strefa ").append(zoneId);
        b.append(", kamera ").append(cameraId).append(", ").append(localTime()).append('.');
        if (requirement != null) b.append(" Wymaganie ").append(requirement.id()).append(": ").append(requirement.describePl()).append('.');
        if (exemption != null) {
            b.append(outcome == Outcome.EXEMPT ? " Zwolnienie " : " Nie sprawdzono zwolnienia ").append(exemption.id())
                    .append(": ").append(exemption.describePl());
            if (exemption.legalBasis() != null) b.append(" [").append(exemption.legalBasis()).append(']');
            b.append('.');
        }
        if (vehicle != null) {
            b.append(" Dane: kategoria ").append(vehicle.category() == null ? "nieznana" : vehicle.category().name())
                    .append("; paliwo ").append(vehicle.fuel() == null ? "nieznane" : vehicle.fuel().labelPl())
                    .append("; norma ").append(vehicle.euroNorm() == null ? "nieznana" : vehicle.euroNorm().label())
                    .append("; rok produkcji ").append(vehicle.productionYear() == 0 ? "nieznany" : String.valueOf(vehicle.productionYear()))
                    .append("; pierwsza rejestracja ").append(vehicle.firstRegistration() == null ? "nieznana" : vehicle.firstRegistration().toString())
                    .append("; DMC ").append(vehicle.grossMassKg() == 0 ? "nieznana" : vehicle.grossMassKg() + " kg");
            if (vehicle.historic()) b.append("; zabytkowy");
            if (vehicle.specialService() != null) b.append("; służba ").append(vehicle.specialService().code());
            b.append('.');
        }
        return b.toString();
    }

    /** The decision as a JSON-ready map (no plate): outcome, reason, policy, stage, zone, rule, exemption, facts, explanation. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome.name());
        m.put("reason", reason.name());
        Map<String, Object> pol = new LinkedHashMap<>();
        pol.put("id", policyId);
        pol.put("version", policyVersion);
        pol.put("illustrative", policyIllustrative);
        m.put("policy", pol);
        if (stage != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", stage.id());
            s.put("name", stage.name());
            s.put("validFrom", stage.validFrom().toString());
            m.put("stage", s);
        } else m.put("stage", null);
        m.put("zone", zoneId);
        m.put("camera", cameraId);
        m.put("at", at.toString());
        if (requirement != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", requirement.id());
            r.put("text", requirement.describe());
            r.put("textPl", requirement.describePl());
            m.put("rule", r);
        }
        if (exemption != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", exemption.id());
            e.put("type", exemption.type());
            e.put("text", exemption.describe());
            e.put("textPl", exemption.describePl());
            e.put("legalBasis", exemption.legalBasis());
            e.put("verified", outcome == Outcome.EXEMPT);
            m.put("exemption", e);
        }
        if (missingFact != null) m.put("missingFact", missingFact);
        if (consumesOccasionalEntry) m.put("consumesOccasionalEntry", true);
        m.put("facts", facts());
        m.put("explanation", explanation());
        m.put("explanationPl", explanationPl());
        return m;
    }

    /** {@link #toMap()} as compact JSON. */
    public String toJson() { return Json.write(toMap()); }

    @Override public String toString() { return explanation(); }
}
