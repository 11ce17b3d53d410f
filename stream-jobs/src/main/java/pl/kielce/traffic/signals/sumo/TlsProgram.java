package pl.kielce.traffic.signals.sumo;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/** A SUMO {@code <tlLogic>} program. minDur/maxDur are NaN when absent. */
public record TlsProgram(String tlsId, String programId, String type, double offsetSeconds, List<Phase> phases) {
    public record Phase(double durationSeconds, String state, double minDurSeconds, double maxDurSeconds) {}

    public TlsProgram {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) throw new IllegalArgumentException("tlLogic " + tlsId + " has no phases");
        int n = phases.get(0).state().length();
        for (Phase p : phases) {
            if (p.state().length() != n) {
                throw new IllegalArgumentException("tlLogic " + tlsId + ": phase states of different lengths");
            }
        }
    }

    public int linkCount() {
        return phases.get(0).state().length();
    }

    public double cycleSeconds() {
        return phases.stream().mapToDouble(Phase::durationSeconds).sum();
    }

    static Builder builder(XMLStreamReader r) {
        String off = r.getAttributeValue(null, "offset");
        return new Builder(r.getAttributeValue(null, "id"), r.getAttributeValue(null, "programID"),
                r.getAttributeValue(null, "type"), off == null ? 0 : Double.parseDouble(off));
    }

    static final class Builder {
        private final String id;
        private final String programId;
        private final String type;
        private final double offset;
        private final List<Phase> phases = new ArrayList<>();

        Builder(String id, String programId, String type, double offset) {
            this.id = id;
            this.programId = programId;
            this.type = type;
            this.offset = offset;
        }

        void phase(XMLStreamReader r) {
            phases.add(new Phase(Double.parseDouble(r.getAttributeValue(null, "duration")), r.getAttributeValue(null, "state"),
                    num(r.getAttributeValue(null, "minDur")), num(r.getAttributeValue(null, "maxDur"))));
        }

        TlsProgram build() {
            return new TlsProgram(id, programId, type, offset, phases);
        }

        private static double num(String s) {
            return s == null ? Double.NaN : Double.parseDouble(s);
        }
    }
}
