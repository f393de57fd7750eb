package org.insurwatch.jobs.rules.settlement;

import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Settlement;

/** The common part of every alert about one settlement: where, whose insurance, which chain. */
final class SettlementAlerts {
    private SettlementAlerts() {
    }

    static AlertBuilder about(RuleDefinition rule, Settlement s, Pseudonymiser pseudonymiser, String... judgedFields) {
        String[] fields = new String[judgedFields.length + 8];
        fields[0] = "settlementId";
        fields[1] = s.getSettlementId();
        fields[2] = "totalFen";
        fields[3] = Long.toString(s.getTotalFen());
        fields[4] = "fundFen";
        fields[5] = Long.toString(s.getFundFen());
        fields[6] = "personalAccountFen";
        fields[7] = Long.toString(s.getPersonalAccountFen());
        System.arraycopy(judgedFields, 0, fields, 8, judgedFields.length);
        return AlertBuilder.of(rule, s.getSettledAt().toEpochMilli())
                .evidence("settlement", s.getEventId(), s.getSettledAt(), fields)
                .institution(s.getSettlingInstitutionId(), s.getInternetHospitalId(), s.getPharmacyId())
                .poolingRegion(s.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(s.getInsuredPersonId()))
                .chain(s.getConsultationId(), s.getPrescriptionId());
    }
}
