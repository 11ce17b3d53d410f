package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.events.Violation;

/**
 * A write to the console's case table ({@code ctz_cases}): a new case (the {@code Violation} plus what the
 * console shows beside it) or a further passage attached to an existing case. Handed to the chained case sink as
 * an object (it was the Violation's JSON until 2026-11-29: the sink parsed it again, a tenth of the deciding task).
 *
 * @param caseId        the case
 * @param violation     the Violation of a new case; null for an attachment
 * @param cameraId      camera of the first passage (new case)
 * @param confidence    recognition confidence of the first read (new case)
 * @param vehicleJson   register facts the decision used, JSON object (new case; nullable)
 * @param readId        the attached read (attachment)
 * @param evidenceRef   the attached read's image (attachment; nullable)
 */
public record CaseRow(String caseId, Violation violation, String cameraId, double confidence, String vehicleJson,
                      String readId, String evidenceRef) {

    public static CaseRow open(String caseId, Violation violation, String cameraId, double confidence, String vehicleJson) {
        return new CaseRow(caseId, violation, cameraId, confidence, vehicleJson, null, null);
    }

    public static CaseRow attach(String caseId, String readId, String evidenceRef) {
        return new CaseRow(caseId, null, null, Double.NaN, null, readId, evidenceRef);
    }

    public boolean isNewCase() {
        return violation != null;
    }

    @Override
    public String toString() {
        return (isNewCase() ? "CaseRow.open[" : "CaseRow.attach[") + caseId + "]";
    }
}
