package pl.kielce.traffic.ctz.policy;

/** Which year a requirement's {@code minYear} is compared with. */
public enum YearBasis {
    /** Year of production only. */
    PRODUCTION,
    /** Year of first registration only. */
    FIRST_REGISTRATION,
    /** Year of production; the year of first registration when the register lacks it (default). */
    PRODUCTION_OR_FIRST_REGISTRATION;

    public String code() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
