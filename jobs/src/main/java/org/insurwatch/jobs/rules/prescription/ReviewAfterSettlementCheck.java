package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.traceability.ChainAlerts;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.StepPairCheck;
import org.insurwatch.schema.alert.Alert;

/**
 * RX-NO-PHARMACIST, the half that needs the settlement: the review must come before the drugs are paid for,
 * or it reviewed nothing (000 art.7; 002 §4(6)).
 */
public final class ReviewAfterSettlementCheck implements StepPairCheck {
    private static final long serialVersionUID = 1L;

    @Override
    public void check(ChainEvent prescription, ChainEvent settlement, Collector<Alert> out) {
        if (prescription.reviewedAt != 0 && prescription.reviewedAt > settlement.occurredAt) {
            out.collect(ChainAlerts.alert(MissingPharmacistReviewRule.RULE, Math.max(prescription.eventTime, settlement.eventTime),
                    prescription, settlement));
        }
    }
}
