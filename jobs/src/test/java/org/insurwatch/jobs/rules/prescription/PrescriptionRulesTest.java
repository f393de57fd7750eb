package org.insurwatch.jobs.rules.prescription;

import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.schema.ESignature;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.alerts;

class PrescriptionRulesTest {
    private final MissingSignatureRule signature = new MissingSignatureRule(PSEUDONYMISER);
    private final MissingPharmacistReviewRule review = new MissingPharmacistReviewRule(PSEUDONYMISER);

    private static Prescription signedAndReviewed() {
        return new ChainFixture("1").prescription(T0, T0.plusSeconds(20));
    }

    @Test
    void aSignedAndApprovedPrescriptionRaisesNothing() throws Exception {
        assertThat(alerts(signature, signedAndReviewed())).isEmpty();
        assertThat(alerts(review, signedAndReviewed())).isEmpty();
    }

    @Test
    void aPrescriptionWithoutSignatureOrWithAnEmptyCertificateIsReported() throws Exception {
        Prescription unsigned = signedAndReviewed();
        unsigned.setESignature(null);
        assertThat(alerts(signature, unsigned)).extracting(a -> a.getRuleId()).containsExactly("RX-NO-SIGNATURE");
        Prescription blank = signedAndReviewed();
        blank.setESignature(new ESignature(" ", T0));
        assertThat(alerts(signature, blank)).hasSize(1);
    }

    @Test
    void aMissingOrRejectingReviewIsReported() throws Exception {
        Prescription unreviewed = signedAndReviewed();
        unreviewed.setPharmacistReview(null);
        assertThat(alerts(review, unreviewed)).singleElement()
                .satisfies(a -> assertThat(a.getEvidence().get(0).getFields()).containsEntry("pharmacistReview", "none"));
        Prescription rejected = signedAndReviewed();
        rejected.setPharmacistReview(new PharmacistReview("PH-1", T0.plusSeconds(60), false));
        assertThat(alerts(review, rejected)).singleElement()
                .satisfies(a -> assertThat(a.getEvidence().get(0).getFields()).containsEntry("pharmacistReview", "not approved"));
    }
}
