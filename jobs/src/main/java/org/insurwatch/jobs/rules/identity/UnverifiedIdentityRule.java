package org.insurwatch.jobs.rules.identity;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/**
 * ID-UNVERIFIED: the person treated must be proven to be the insured person, by the insurance e-voucher or
 * face recognition; an ID number typed in proves nothing (000 art.3(三), art.8; 001 §4).
 */
public final class UnverifiedIdentityRule implements FlatMapFunction<Consultation, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("ID-UNVERIFIED", "1", Severity.HIGH, RuleCategory.IDENTITY,
            "问诊未经医保电子凭证或人脸识别核验 Consultation identity not verified", "000 art.3(三), art.8; 001 §4; 003 art.22");

    private final Pseudonymiser pseudonymiser;

    public UnverifiedIdentityRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Consultation c, Collector<Alert> out) {
        IdentityVerification how = c.getIdentityVerification();
        if (how == IdentityVerification.INSURANCE_E_VOUCHER || how == IdentityVerification.FACE_RECOGNITION) {
            return;
        }
        out.collect(AlertBuilder.of(RULE, c.getEventTime().toEpochMilli())
                .evidence("consultation", c.getEventId(), c.getEventTime(),
                        "consultationId", c.getConsultationId(), "identityVerification", how.name())
                .institution(c.getInstitutionId(), c.getInternetHospitalId(), null)
                .doctor(c.getDoctorId())
                .poolingRegion(c.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(c.getInsuredPersonId()))
                .chain(c.getConsultationId(), null)
                .build());
    }
}
