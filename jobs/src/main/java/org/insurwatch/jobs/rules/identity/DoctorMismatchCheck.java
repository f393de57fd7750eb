package org.insurwatch.jobs.rules.identity;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.traceability.ChainAlerts;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.StepPairCheck;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.util.Objects;

/** ID-DOCTOR-MISMATCH: the doctor who signs the prescription must be the doctor who held the consultation (000 art.7, art.8). */
public final class DoctorMismatchCheck implements StepPairCheck {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("ID-DOCTOR-MISMATCH", "1", Severity.HIGH, RuleCategory.IDENTITY,
            "开方医师非接诊医师 Prescription signed by another doctor than the consulting one", "000 art.7, art.8; 001 §4");

    @Override
    public void check(ChainEvent consultation, ChainEvent prescription, Collector<Alert> out) {
        if (!Objects.equals(consultation.doctorId, prescription.doctorId)) {
            out.collect(ChainAlerts.alert(RULE, Math.max(consultation.eventTime, prescription.eventTime), consultation, prescription));
        }
    }
}
