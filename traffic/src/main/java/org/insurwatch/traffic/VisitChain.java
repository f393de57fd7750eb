package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;

/**
 * One planned visit chain 诊疗→处方→交易→配送: an online follow-up consultation, its e-prescription, the
 * settlement and the delivery or pick-up of the drugs. Small, because thousands of chains wait in the merge
 * for their last events; the Avro records are rendered only when an event is due.
 */
final class VisitChain {

    private final long number;
    private final String runTag;
    private final Scenario scenario;
    private final Participants participants;
    private final OfflineDiagnosis followedUp;
    private final IdentityVerification identityVerification;
    private final List<PrescribedDrug> drugs;
    private final Timeline timeline;
    private final PaymentTerms paymentTerms;
    private final String carrier;
    private Fulfilment fulfilment;
    private final Set<ChainStep> withheld = EnumSet.noneOf(ChainStep.class);
    private final List<String> evidenceEventIds = new ArrayList<>(2);

    VisitChain(long number, String runTag, Scenario scenario, Participants participants, OfflineDiagnosis followedUp,
               IdentityVerification identityVerification, List<PrescribedDrug> drugs, Timeline timeline,
               PaymentTerms paymentTerms, Fulfilment fulfilment, String carrier) {
        this.number = number;
        this.runTag = runTag;
        this.scenario = scenario;
        this.participants = participants;
        this.followedUp = followedUp;
        this.identityVerification = identityVerification;
        this.drugs = drugs;
        this.timeline = timeline;
        this.paymentTerms = paymentTerms;
        this.fulfilment = fulfilment;
        this.carrier = carrier;
    }

    void withhold(ChainStep... steps) {
        withheld.addAll(List.of(steps));
    }

    void cite(ChainStep... steps) {
        for (ChainStep step : steps) {
            evidenceEventIds.add(eventId(step));
        }
    }

    void deliverHome() {
        fulfilment = Fulfilment.HOME_DELIVERY;
    }

    /** The steps that reach the streams, in chain order. */
    List<ChainStep> emittedSteps() {
        List<ChainStep> steps = new ArrayList<>(List.of(ChainStep.CONSULTATION, ChainStep.PRESCRIPTION,
                ChainStep.SETTLEMENT));
        if (fulfilment == Fulfilment.HOME_DELIVERY) {
            steps.add(ChainStep.DISPATCH);
            steps.add(ChainStep.DELIVERY);
        } else {
            steps.add(ChainStep.PICK_UP);
        }
        steps.removeAll(withheld);
        return steps;
    }

    boolean emits(ChainStep step) {
        return !withheld.contains(step);
    }

    GroundTruth groundTruth() {
        return new GroundTruth(number, scenario, scenario.ruleId(), consultationId(), prescriptionId(),
                settlementId(), List.copyOf(evidenceEventIds));
    }

    String consultationId() {
        return "CONS-" + runTag + "-" + number;
    }

    String prescriptionId() {
        return "RX-" + runTag + "-" + number;
    }

    String settlementId() {
        return "SETL-" + runTag + "-" + number;
    }

    String shipmentId() {
        return "SHIP-" + runTag + "-" + number;
    }

    String eventId(ChainStep step) {
        return "EV-" + runTag + "-" + number + "-" + step.eventIdSuffix();
    }

    long number() {
        return number;
    }

    Participants participants() {
        return participants;
    }

    /** The offline diagnosis the consultation follows up: the patient's latest when the chain was planned. */
    OfflineDiagnosis followedUp() {
        return followedUp;
    }

    IdentityVerification identityVerification() {
        return identityVerification;
    }

    List<PrescribedDrug> drugs() {
        return drugs;
    }

    Timeline timeline() {
        return timeline;
    }

    PaymentTerms paymentTerms() {
        return paymentTerms;
    }

    Fulfilment fulfilment() {
        return fulfilment;
    }

    String carrier() {
        return carrier;
    }
}
