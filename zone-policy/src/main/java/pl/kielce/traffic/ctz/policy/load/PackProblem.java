package pl.kielce.traffic.ctz.policy.load;

/**
 * One thing wrong with a policy pack, phrased for the city clerk who edits it.
 *
 * @param file     the pack file, e.g. {@code policy.yaml}
 * @param line     1-based line, or 0 when not known
 * @param where    the place in the file: a field path ({@code stages[2].requirements[0].minEuro}) or a
 *                 GeoJSON feature ({@code feature #3 "centre"})
 * @param problem  what is wrong
 * @param fix      what to do about it
 */
public record PackProblem(String file, int line, String where, String problem, String fix) {

    /** {@code policy.yaml:14: stages[1].validFrom: "2026-13-01" is not a date. Fix: write …} */
    public String message() {
        return file + (line > 0 ? ":" + line : "") + ": " + where + ": " + problem + (fix == null ? "" : ". Fix: " + fix);
    }

    @Override public String toString() { return message(); }
}
