package org.insurwatch.traffic;

import java.time.Instant;
import java.util.List;
import org.insurwatch.schema.OfflineDiagnosisRef;
import org.insurwatch.schema.reference.OfflineVisit;

/** The offline visit at a physical institution where an insured person's disease was diagnosed. */
public record OfflineDiagnosis(String offlineVisitId, PhysicalInstitution institution, Disease disease,
                               Instant diagnosedAt) {

    OfflineDiagnosisRef reference() {
        return new OfflineDiagnosisRef(offlineVisitId, institution.id(), disease.diagnosis(), diagnosedAt);
    }

    OfflineVisit visitOf(InsuredPerson person) {
        return new OfflineVisit(offlineVisitId, person.id(), institution.id(), List.of(disease.diagnosis()),
                diagnosedAt);
    }
}
