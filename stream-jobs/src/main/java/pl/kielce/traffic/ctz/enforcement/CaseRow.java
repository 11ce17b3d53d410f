package pl.kielce.traffic.ctz.enforcement;

/**
 * A write to the console's case table ({@code ctz_cases}): a new case (the {@code Violation} JSON plus what the
 * console shows beside it) or a further passage attached to an existing case.
 *
 * @param caseId        the case
 * @param violationJson EventCodec JSON of the Violation for a new case; null for an attachment
 * @param cameraId      camera of the first passage (new case)
 * @param confidence    recognition confidence of the first read (new case)
 * @param vehicleJson   register facts the decision used, JSON object (new case; nullable)
 * @param readId        the attached read (attachment)
 * @param evidenceRef   the attached read's image (attachment; nullable)
 */
public record CaseRow(String caseId, String violationJson, String cameraId, double confidence, String vehicleJson,
                      String readId, String evidenceRef) {

    public static CaseRow open(String caseId, String violationJson, String cameraId, double confidence, String vehicleJson) {
        return new CaseRow(caseId, violationJson, cameraId, confidence, vehicleJson, null, null);
    }

    public static CaseRow attach(String caseId, String readId, String evidenceRef) {
        return new CaseRow(caseId, null, null, Double.NaN, null, readId, evidenceRef);
    }

    public boolean isNewCase() {
        return violationJson != null;
    }

    @Override
    public String toString() {
        return (isNewCase() ? "CaseRow.open[" : "CaseRow.attach[") + caseId + "]";
    }
}
