package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/** RX-NO-SIGNATURE: an e-prescription is valid only with the doctor's electronic signature (000 art.7; 003 art.23). */
public final class MissingSignatureRule implements FlatMapFunction<Prescription, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-NO-SIGNATURE", "1", Severity.HIGH, RuleCategory.PRESCRIPTION,
            "处方无医师电子签名 Prescription without the doctor's e-signature", "000 art.7; 001 §4; 003 art.23");

    private final Pseudonymiser pseudonymiser;

    public MissingSignatureRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Prescription p, Collector<Alert> out) {
        if (p.getESignature() == null || p.getESignature().getCertificateSerial().isBlank()) {
            out.collect(PrescriptionAlerts.about(RULE, p, pseudonymiser, "eSignature", "none").build());
        }
    }
}
