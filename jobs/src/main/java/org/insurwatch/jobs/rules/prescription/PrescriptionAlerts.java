package org.insurwatch.jobs.rules.prescription;

import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Prescription;

/** The common part of every alert about one prescription: where, who, which chain. */
final class PrescriptionAlerts {
    private PrescriptionAlerts() {
    }

    static AlertBuilder about(RuleDefinition rule, Prescription p, Pseudonymiser pseudonymiser, String... judgedFields) {
        String[] fields = new String[judgedFields.length + 2];
        fields[0] = "prescriptionId";
        fields[1] = p.getPrescriptionId();
        System.arraycopy(judgedFields, 0, fields, 2, judgedFields.length);
        return AlertBuilder.of(rule, p.getUploadedAt().toEpochMilli())
                .evidence("prescription", p.getEventId(), p.getUploadedAt(), fields)
                .institution(p.getInstitutionId(), p.getInternetHospitalId(), null)
                .doctor(p.getDoctorId())
                .poolingRegion(p.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(p.getInsuredPersonId()))
                .chain(p.getConsultationId(), p.getPrescriptionId());
    }
}
