package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/**
 * RX-NO-PHARMACIST, the part one prescription shows: no approving pharmacist review was recorded
 * (000 art.7; 002 §4(6)). A review that comes only after the settlement needs the settlement and is judged
 * where prescription and settlement meet.
 */
public final class MissingPharmacistReviewRule implements FlatMapFunction<Prescription, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-NO-PHARMACIST", "1", Severity.HIGH, RuleCategory.PRESCRIPTION,
            "处方未经药师审核 Prescription without pharmacist review", "000 art.7; 001 Linyi art.4; 002 §4(6)");

    private final Pseudonymiser pseudonymiser;

    public MissingPharmacistReviewRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Prescription p, Collector<Alert> out) {
        PharmacistReview review = p.getPharmacistReview();
        if (review == null || !review.getApproved()) {
            out.collect(PrescriptionAlerts.about(RULE, p, pseudonymiser,
                    "pharmacistReview", review == null ? "none" : "not approved").build());
        }
    }
}
