package org.insurwatch.jobs.rules.followup;

import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.reference.OfflineVisit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The offline visits the insurer knows an insured person made at physical institutions, from its own
 * settlements, up to one consultation: the record an online follow-up is checked against, rather than the
 * hospital's own claim.
 */
public final class OfflineHistory {
    private final List<OfflineVisit> visits;

    /** @param visits the person's visits before the consultation, in any order */
    public OfflineHistory(List<OfflineVisit> visits) {
        this.visits = visits.stream()
                .sorted(Comparator.comparing(OfflineVisit::getVisitedAt).thenComparing(OfflineVisit::getOfflineVisitId))
                .toList();
    }

    public boolean isEmpty() {
        return visits.isEmpty();
    }

    /** The latest visit; the history must not be empty. */
    public OfflineVisit latest() {
        return visits.get(visits.size() - 1);
    }

    /** The latest visit that diagnosed one of the diseases of {@code diagnoses}. */
    public Optional<OfflineVisit> latestDiagnosing(List<Diagnosis> diagnoses) {
        Set<String> diseases = diagnoses.stream().map(d -> disease(d.getIcd10Code())).collect(Collectors.toSet());
        OfflineVisit found = null;
        for (OfflineVisit visit : visits) {
            if (visit.getDiagnoses().stream().anyMatch(d -> diseases.contains(disease(d.getIcd10Code())))) {
                found = visit;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The disease an ICD-10 code names: its category, the code before the dot. E11 and E11.9 are both type 2
     * diabetes, so a follow-up coded more finely than the offline diagnosis still follows it up.
     */
    static String disease(String icd10Code) {
        int dot = icd10Code.indexOf('.');
        return dot < 0 ? icd10Code : icd10Code.substring(0, dot);
    }
}
