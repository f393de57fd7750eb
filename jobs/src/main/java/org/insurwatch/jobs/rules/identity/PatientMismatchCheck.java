package org.insurwatch.jobs.rules.identity;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.traceability.ChainAlerts;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.StepPairCheck;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.util.List;
import java.util.Objects;

/**
 * ID-PATIENT-MISMATCH (人证不符): the insured person charged must be the patient seen, and whoever settles for
 * the patient must be a guardian authorised at the visit (000 art.3(三); 001 §4; 003 art.22). Compared on
 * pseudonyms, which are equal exactly when the insured person ids are.
 */
public final class PatientMismatchCheck implements StepPairCheck {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("ID-PATIENT-MISMATCH", "1", Severity.CRITICAL, RuleCategory.IDENTITY,
            "人证不符：结算人非就诊人 Insured person settling is not the patient seen", "000 art.3(三); 001 §4; 003 art.22");

    @Override
    public void check(ChainEvent consultation, ChainEvent settlement, Collector<Alert> out) {
        boolean samePatient = Objects.equals(consultation.patientPseudonym, settlement.patientPseudonym);
        boolean authorisedPayer = settlement.payerPseudonym == null || (consultation.guardianPseudonyms != null
                && List.of(consultation.guardianPseudonyms.split(",")).contains(settlement.payerPseudonym));
        if (!samePatient || !authorisedPayer) {
            out.collect(ChainAlerts.alert(RULE, Math.max(consultation.eventTime, settlement.eventTime), consultation, settlement));
        }
    }
}
