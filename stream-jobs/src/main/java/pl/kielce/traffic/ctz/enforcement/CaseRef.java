package pl.kielce.traffic.ctz.enforcement;

/** Keyed state of {@link CaseFunction}: a case id and the event time after which the entry is dropped. */
public record CaseRef(String caseId, long expiresAtMillis) {
}
