package pl.kielce.traffic.ctz.policy;

/** Why a decision came out as it did; stable codes for dashboards and the console. */
public enum ReasonCode {
    NO_STAGE_IN_FORCE(Outcome.ALLOWED, "no stage of the policy is in force on this date", "w tym dniu nie obowiązuje żaden etap strefy"),
    OUTSIDE_ZONE(Outcome.ALLOWED, "the camera is outside the zone of the stage in force", "kamera jest poza strefą obowiązującego etapu"),
    OUTSIDE_SCHEDULE(Outcome.ALLOWED, "the zone is not in operation at this time", "strefa nie obowiązuje w tym czasie"),
    NO_REQUIREMENT(Outcome.ALLOWED, "no requirement of the stage covers this category and fuel", "etap nie stawia wymagań pojazdom tej kategorii z tym rodzajem paliwa"),
    COMPLIANT(Outcome.ALLOWED, "the vehicle meets the requirement", "pojazd spełnia wymaganie"),
    EXEMPTION(Outcome.EXEMPT, "an exemption of the policy applies", "pojazd jest zwolniony na podstawie przepisu strefy"),
    NON_COMPLIANT(Outcome.VIOLATION, "the vehicle does not meet the requirement and no exemption applies", "pojazd nie spełnia wymagania i nie przysługuje mu zwolnienie"),
    UNKNOWN_CAMERA(Outcome.REVIEW, "the camera is not in the policy pack", "kamery nie ma w pakiecie strefy"),
    UNKNOWN_VEHICLE(Outcome.REVIEW, "the plate is not in the vehicle register", "numeru rejestracyjnego nie ma w rejestrze pojazdów"),
    FOREIGN_PLATE(Outcome.REVIEW, "foreign plate: never an automatic violation", "zagraniczna tablica: nigdy automatyczne naruszenie"),
    REGISTER_MISMATCH(Outcome.REVIEW, "the camera saw a different kind of vehicle than the register holds for this plate", "kamera widzi inny rodzaj pojazdu niż podaje rejestr"),
    LOW_CONFIDENCE(Outcome.REVIEW, "the plate was read with low confidence", "numer odczytano z niską pewnością"),
    MISSING_FACT(Outcome.REVIEW, "the register lacks a fact the requirement needs", "w rejestrze brakuje danej potrzebnej do oceny"),
    EXEMPTION_UNVERIFIED(Outcome.REVIEW, "an exemption register could not be consulted", "nie udało się sprawdzić rejestru zwolnień");

    private final Outcome outcome;
    private final String text;
    private final String textPl;

    ReasonCode(Outcome outcome, String text, String textPl) { this.outcome = outcome; this.text = text; this.textPl = textPl; }

    /** The reason in Polish. */
    public String textPl() { return textPl; }

    public Outcome outcome() { return outcome; }

    public String text() { return text; }
}
