package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Keyed state of {@link CaseFunction}: a case id and the event time after which the entry is dropped. */
@TypeInfo(CompactTypes.CaseRefFactory.class)
public record CaseRef(String caseId, long expiresAtMillis) {
}
