package pl.kielce.traffic.ctz.enforcement;

/**
 * An aggregate counter cell: decisions about passages by camera, hour (UTC), stage, outcome and the vehicle's
 * category, fuel and Euro norm. Never a plate: this is all that is kept about ALLOWED and EXEMPT vehicles
 * (input of the what-if and open-data views). {@code ""} stands for unknown.
 */
public record DecisionCount(String cameraId, long hourStartMillis, String policyVersion, String stageId, String outcome,
                            String category, String fuel, String euroNorm, long passages) {

    /** The cell's identity, for keying. */
    public String cell() {
        return cameraId + '|' + hourStartMillis + '|' + policyVersion + '|' + stageId + '|' + outcome + '|' + category + '|'
                + fuel + '|' + euroNorm;
    }

    public DecisionCount withPassages(long n) {
        return new DecisionCount(cameraId, hourStartMillis, policyVersion, stageId, outcome, category, fuel, euroNorm, n);
    }
}
