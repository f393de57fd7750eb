package org.insurwatch.traffic;

import java.util.List;
import java.util.SplittableRandom;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;

/**
 * Puts a clean visit chain together from who takes part, what is followed up and prescribed, and when: the
 * rest (how the patient is verified, the payment terms, delivery or pick-up, the carrier) drawn as for any
 * chain, whether planned alone or as one of a doctor's burst.
 */
final class ChainAssembler {

    private static final double HOME_DELIVERY_SHARE = 0.7;
    private static final String[] CARRIERS = {"顺丰速运", "京东物流", "中国邮政EMS"};
    // Doctors of lower titles charge less than the cap, none more.
    private static final int[] CONSULTATION_FEE_PERCENT_OF_CAP = {100, 80, 60};
    private static final IdentityVerification[] ACCEPTED_VERIFICATIONS =
            {IdentityVerification.FACE_RECOGNITION, IdentityVerification.INSURANCE_E_VOUCHER};

    private final String runTag;
    private final SplittableRandom random;

    ChainAssembler(String runTag, SplittableRandom random) {
        this.runTag = runTag;
        this.random = random;
    }

    VisitChain assemble(long number, Scenario scenario, Participants participants, OfflineDiagnosis followedUp,
                        List<PrescribedDrug> drugs, Timeline timeline) {
        IdentityVerification verification = ACCEPTED_VERIFICATIONS[random.nextInt(ACCEPTED_VERIFICATIONS.length)];
        PaymentTerms terms = paymentTerms(participants.patient().region());
        Fulfilment fulfilment = random.nextDouble() < HOME_DELIVERY_SHARE
                ? Fulfilment.HOME_DELIVERY
                : Fulfilment.PHARMACY_PICKUP;
        return new VisitChain(number, runTag, scenario, participants, followedUp, verification, drugs, timeline,
                terms, fulfilment, CARRIERS[random.nextInt(CARRIERS.length)]);
    }

    private PaymentTerms paymentTerms(PoolingRegion region) {
        int feePercent = CONSULTATION_FEE_PERCENT_OF_CAP[random.nextInt(CONSULTATION_FEE_PERCENT_OF_CAP.length)];
        long consultationFee = region.consultationFeeCapFen() * feePercent / 100;
        long deliveryFee = 500 + 100L * random.nextInt(11);
        return new PaymentTerms(consultationFee, deliveryFee, 50 + random.nextInt(31), random.nextInt(101));
    }
}
