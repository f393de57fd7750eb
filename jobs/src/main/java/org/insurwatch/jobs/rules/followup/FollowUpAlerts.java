package org.insurwatch.jobs.rules.followup;

import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.reference.OfflineVisit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The follow-up rules and what their alerts cite: the consultation, with what the hospital claimed, and the
 * insurer's own offline visit it was checked against. A consultation carries no money yet; its settlement does.
 */
public final class FollowUpAlerts {
    private static final String CITATION = "000 art.3(五), art.6; 003 art.26; 004";
    public static final RuleDefinition FIRST_VISIT = new RuleDefinition("FU-FIRST-VISIT", "1", Severity.HIGH, RuleCategory.FOLLOW_UP,
            "线上首诊:无线下实体机构诊断 Online visit follows up no offline diagnosis", CITATION);
    public static final RuleDefinition DIAGNOSIS_CHANGED = new RuleDefinition("FU-DIAGNOSIS-CHANGED", "1", Severity.HIGH,
            RuleCategory.FOLLOW_UP, "复诊诊断与线下诊断不符 Online diagnosis is not the disease diagnosed offline", CITATION);
    public static final RuleDefinition WINDOW_EXPIRED = new RuleDefinition("FU-WINDOW-EXPIRED", "1", Severity.MEDIUM,
            RuleCategory.FOLLOW_UP, "线下诊断已超出复诊期限 Offline diagnosis older than the follow-up window", CITATION);

    private FollowUpAlerts() {
    }

    static AlertBuilder about(RuleDefinition rule, Consultation c, Pseudonymiser pseudonymiser, String... judged) {
        String[] fields = new String[8 + judged.length];
        fields[0] = "consultationId";
        fields[1] = c.getConsultationId();
        fields[2] = "visitType";
        fields[3] = c.getVisitType().name();
        fields[4] = "diagnoses";
        fields[5] = codes(c.getDiagnoses());
        fields[6] = "claimedOfflineVisitId";
        fields[7] = c.getFollowUpOf() == null ? null : c.getFollowUpOf().getOfflineVisitId();
        System.arraycopy(judged, 0, fields, 8, judged.length);
        return AlertBuilder.of(rule, c.getEventTime().toEpochMilli())
                .evidence("consultation", c.getEventId(), c.getEventTime(), fields)
                .institution(c.getInstitutionId(), c.getInternetHospitalId(), null)
                .doctor(c.getDoctorId())
                .poolingRegion(c.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(c.getInsuredPersonId()))
                .chain(c.getConsultationId(), null);
    }

    /** Cites the offline visit the consultation was checked against; its id stands for an event id. */
    static AlertBuilder citing(AlertBuilder alert, OfflineVisit visit) {
        return alert.evidence("offline-visit", visit.getOfflineVisitId(), visit.getVisitedAt(),
                "institutionId", visit.getInstitutionId(), "diagnoses", codes(visit.getDiagnoses()));
    }

    static String codes(List<Diagnosis> diagnoses) {
        return diagnoses.stream().map(Diagnosis::getIcd10Code).collect(Collectors.joining(","));
    }
}
