package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.VisitType;

/**
 * One planned visit chain 诊疗→处方→交易→配送: an online follow-up consultation, its e-prescription, the
 * settlement and the delivery or pick-up of the drugs. Small, because thousands of chains wait in the merge
 * for their last events; the Avro records are rendered only when an event is due.
 */
final class VisitChain {

    /** Whether and how the doctor signed the e-prescription. */
    enum Signature { SIGNED, NONE, BLANK_CERTIFICATE }

    /** Whether and how a pharmacist reviewed the prescription. */
    enum Review { APPROVED, NONE, NOT_APPROVED }

    /** A part of the settlement's split between pooled fund, personal account and cash. */
    enum SplitPart { FUND, PERSONAL_ACCOUNT, CASH }

    private final long number;
    private final String runTag;
    private final Scenario scenario;
    private Participants participants;
    private OfflineDiagnosis followedUp;
    private IdentityVerification identityVerification;
    private List<PrescribedDrug> drugs;
    private final Timeline timeline;
    private PaymentTerms paymentTerms;
    private final String carrier;
    private Fulfilment fulfilment;
    private final Set<ChainStep> withheld = EnumSet.noneOf(ChainStep.class);
    private final List<String> evidenceEventIds = new ArrayList<>(2);
    private Signature signature = Signature.SIGNED;
    private Review review = Review.APPROVED;
    private long deliveryFeeFundFen;
    private long deliveryFeeAccountFen;
    private SplitPart misstatedPart;
    private long misstatedByFen;
    private long patientDueAgainAt;
    // the consultation fee charged instead of the payment terms' (PAY-FEE-ABOVE-CAP); 0 when the terms' applies
    private long consultationFeeOverrideFen;
    // index of the drug line dispensed without traceability codes (DLV-TRACE-CODE-MISSING); -1 when all are coded
    private int uncodedLine = -1;
    // the doctor the consultation names instead of the one who signs (ID-DOCTOR-MISMATCH); null when the same
    private Doctor consultingDoctor;
    // where the drugs are sent instead of the patient's region (DLV-OUT-OF-REGION); null for the patient's
    private PoolingRegion deliveryRegion;
    // ID-PATIENT-MISMATCH and its hard negative: who the settlement names, who the consultation authorises
    private String settledForPersonId;
    private String payingGuardianId;
    private List<String> guardianIds = List.of();
    // a traceability code dispensed before on another shipment, scanned in place of this chain's first code
    private String reusedCode;
    // reference versions the chain needs, published at its start; null for most chains
    private List<GeneratedEvent> referenceUpdates;
    // whether the prescription is settled a second time, under another settlement id (RX-DUPLICATE-DISPENSE)
    private boolean settledTwice;
    // whether the drugs are shipped a second time, under another shipment id (RX-DUPLICATE-DISPENSE)
    private boolean shippedTwice;
    // whether the home delivery fails at the first attempt and is attempted again (REDELIVERY_ATTEMPT)
    private boolean deliveredAtSecondAttempt;
    // FU-FIRST-VISIT: the consultation is declared a first visit, following up nothing
    private boolean firstVisit;
    // the disease diagnosed online instead of the followed-up one (FU-DIAGNOSIS-CHANGED); null when the same
    private Disease changedDiagnosis;
    // one of a burst's chains whose first chain expects the burst's alert (DoctorBurst)
    private boolean companion;
    // how long after its event time each step reaches the traffic, by ordinal (LATE_BUT_ALLOWED); null for none
    private long[] lateness;
    // the drugs charged at repricedPercent of their reference price instead of the pharmacy's own price
    // (PRICE-ABOVE-MEDIAN and its hard negative)
    private List<Drug> repriced = List.of();
    private int repricedPercent;
    // the event id of the earlier prescription whose supply this one refills early (RX-EARLY-REFILL); null for most
    private String refilledPrescriptionEventId;

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

    /** Cites an event of another chain, by its id. */
    void citeEvent(String eventId) {
        evidenceEventIds.add(eventId);
    }

    void cite(ChainStep... steps) {
        for (ChainStep step : steps) {
            evidenceEventIds.add(eventId(step));
        }
    }

    void deliverHome() {
        fulfilment = Fulfilment.HOME_DELIVERY;
    }

    void verifyIdentityBy(IdentityVerification verification) {
        identityVerification = verification;
    }

    void sign(Signature how) {
        signature = how;
    }

    void review(Review how) {
        review = how;
    }

    /** The pooled fund and the personal account pay these parts of the delivery fee; cash pays the rest. */
    void chargeDeliveryFeeToInsurance(long fundFen, long personalAccountFen) {
        if (fundFen < 0 || personalAccountFen < 0 || fundFen + personalAccountFen > paymentTerms.deliveryFeeFen()) {
            throw new IllegalArgumentException("the delivery fee of " + paymentTerms.deliveryFeeFen()
                    + " fen cannot be paid " + fundFen + " by the fund and " + personalAccountFen + " by the account");
        }
        deliveryFeeFundFen = fundFen;
        deliveryFeeAccountFen = personalAccountFen;
    }

    /**
     * The settlement states {@code part} off by {@code byFen} from what its lines add up to, never below zero;
     * so fund + account + cash no longer equals the total.
     */
    void misstateSplit(SplitPart part, long byFen) {
        misstatedPart = part;
        misstatedByFen = byFen;
    }

    /** The settlement charges {@code fen} as the consultation fee, paid by the fund as any consultation fee. */
    void chargeConsultationFee(long fen) {
        if (fen <= 0) {
            throw new IllegalArgumentException("a consultation fee must be positive, got " + fen);
        }
        consultationFeeOverrideFen = fen;
    }

    /** The delivery fee is {@code fen} instead of the payment terms' own. */
    void chargeDeliveryFee(long fen) {
        if (fen <= 0) {
            throw new IllegalArgumentException("a delivery fee must be positive, got " + fen);
        }
        paymentTerms = paymentTerms.withDeliveryFee(fen);
    }

    /**
     * The pharmacy charges {@code percent} of the catalogue's reference price for each of {@code drugs}, and its
     * own price for the chain's other drugs.
     */
    void charge(List<Drug> drugs, int percent) {
        if (drugs.isEmpty()) {
            throw new IllegalArgumentException("chain " + number + " has no drug to charge otherwise");
        }
        repriced = List.copyOf(drugs);
        repricedPercent = percent;
    }

    /** What one box of the chain's {@code drug} costs. */
    long unitPriceFen(Drug drug) {
        return isRepriced(drug) ? drug.priceFen(repricedPercent) : participants.pharmacy().unitPriceFen(drug);
    }

    /** Whether the chain charges for {@code drug} otherwise than its pharmacy does. */
    boolean isRepriced(Drug drug) {
        return repriced.contains(drug);
    }

    /** The prescription refills early the supply of an earlier one, of event {@code earlierPrescriptionEventId}. */
    void refillEarly(String earlierPrescriptionEventId) {
        refilledPrescriptionEventId = earlierPrescriptionEventId;
    }

    /** The event id of the earlier prescription this one refills early, null when it refills none early. */
    String refilledPrescriptionEventId() {
        return refilledPrescriptionEventId;
    }

    /** The consultation fee the settlement charges. */
    long consultationFeeFen() {
        return consultationFeeOverrideFen > 0 ? consultationFeeOverrideFen : paymentTerms.consultationFeeFen();
    }

    /** The prescription gets one more line, for as many days as the others; billed and dispensed like them. */
    void prescribeAlso(Drug drug) {
        int days = drugs.get(0).daysOfSupply();
        List<PrescribedDrug> more = new ArrayList<>(drugs);
        more.add(new PrescribedDrug(drug, drug.boxesFor(days), days));
        drugs = List.copyOf(more);
    }

    /** The consultation names {@code doctor} as the consulting doctor; the chain's doctor still signs. */
    void consultWith(Doctor doctor) {
        consultingDoctor = doctor;
    }

    /** The doctor the consultation names. */
    Doctor consultingDoctor() {
        return consultingDoctor != null ? consultingDoctor : participants.doctor();
    }

    /** A home delivery is dispatched and delivered to {@code region} instead of the patient's. */
    void deliverTo(PoolingRegion region) {
        deliveryRegion = region;
    }

    /** Where a home delivery goes. */
    PoolingRegion deliveryRegion() {
        return deliveryRegion != null ? deliveryRegion : participants.patient().region();
    }

    /** The settlement is made out to {@code insuredPersonId} instead of the patient. */
    void settleFor(String insuredPersonId) {
        settledForPersonId = insuredPersonId;
    }

    /** The insured person the settlement is made out to: the patient, unless a scenario says otherwise. */
    String settledForPersonId() {
        return settledForPersonId != null ? settledForPersonId : participants.patient().id();
    }

    /** The consultation records {@code insuredPersonIds} as the guardians authorised to settle for the patient. */
    void authoriseGuardians(List<String> insuredPersonIds) {
        guardianIds = List.copyOf(insuredPersonIds);
    }

    List<String> guardianIds() {
        return guardianIds;
    }

    /** {@code insuredPersonId} settles for the patient, as a guardian. */
    void payAsGuardian(String insuredPersonId) {
        payingGuardianId = insuredPersonId;
    }

    /** The guardian who settles for the patient, null when nobody does. */
    String payingGuardianId() {
        return payingGuardianId;
    }

    /**
     * The box of the chain that is dispensed with {@code code}, dispensed before on another shipment, instead of
     * its own: the first box of the line of the code's drug, or of the first line if the chain has none of it.
     */
    void dispenseAgain(String code) {
        reusedCode = code;
    }

    /** The traceability code dispensed again by this chain, null for none. */
    String reusedCode() {
        return reusedCode;
    }

    /** The step that hands the drugs over to the patient or the carrier: the dispatch or the pick-up. */
    ChainStep dispensingStep() {
        return fulfilment == Fulfilment.HOME_DELIVERY ? ChainStep.DISPATCH : ChainStep.PICK_UP;
    }

    /** The drugs of line {@code index} are dispensed, and delivered, without their traceability codes being scanned. */
    void dispenseUncoded(int index) {
        java.util.Objects.checkIndex(index, drugs.size());
        uncodedLine = index;
    }

    /** Index of the drug line scanned without traceability codes, -1 when every line is coded. */
    int uncodedLine() {
        return uncodedLine;
    }

    /** The chain's doctor is replaced by {@code doctor}, at the same internet hospital. */
    void replaceDoctor(Doctor doctor) {
        participants = new Participants(participants.patient(), doctor, participants.internetHospital(),
                participants.pharmacistId(), participants.pharmacy());
    }

    /**
     * The visit is held for {@code patient} instead, a walk-in of the same region with the same disease,
     * following up the walk-in's own offline diagnosis; the chain's drugs, pharmacy and doctor stay.
     */
    void seeWalkIn(InsuredPerson patient) {
        participants = new Participants(patient, participants.doctor(), participants.internetHospital(),
                participants.pharmacistId(), participants.pharmacy());
        followedUp = patient.offlineDiagnosis();
    }

    /** The consultation is declared a first visit and follows up no offline diagnosis. */
    void declareFirstVisit() {
        firstVisit = true;
    }

    VisitType visitType() {
        return firstVisit ? VisitType.FIRST_VISIT : VisitType.FOLLOW_UP;
    }

    /** The offline diagnosis the consultation says it follows up, null for a first visit. */
    OfflineDiagnosis followUpOf() {
        return firstVisit ? null : followedUp;
    }

    /** The consultation and the prescription diagnose {@code disease} instead, and prescribe {@code forIt}. */
    void diagnose(Disease disease, List<PrescribedDrug> forIt) {
        changedDiagnosis = disease;
        drugs = List.copyOf(forIt);
    }

    /** The disease the consultation and the prescription diagnose. */
    Disease diagnosis() {
        return changedDiagnosis != null ? changedDiagnosis : followedUp.disease();
    }

    /**
     * The chain is one of a burst's that expects no alert of its own: the burst's first chain expects it and
     * cites this chain's events.
     */
    void accompany() {
        companion = true;
    }

    /** The step reaches the traffic {@code byMillis} after its event time, behind later events. */
    void emitLate(ChainStep step, long byMillis) {
        if (lateness == null) {
            lateness = new long[ChainStep.values().length];
        }
        lateness[step.ordinal()] = byMillis;
    }

    /** How long after its event time the step reaches the traffic. */
    long lateBy(ChainStep step) {
        return lateness == null ? 0 : lateness[step.ordinal()];
    }

    /** The visit is held at {@code hospital} instead, by {@code doctor}, reviewed by {@code pharmacistId}. */
    void moveTo(InternetHospital hospital, Doctor doctor, String pharmacistId) {
        participants = new Participants(participants.patient(), doctor, hospital, pharmacistId,
                participants.pharmacy());
    }

    /**
     * Publishes a version of entity {@code entityId} with the chain, on the topic's stream, keyed as the topic keys
     * versions, at the start of the consultation: before every event of the chain.
     */
    void publish(ReferenceTopic topic, String entityId, SpecificRecord version) {
        if (referenceUpdates == null) {
            referenceUpdates = new ArrayList<>(2);
        }
        referenceUpdates.add(new GeneratedEvent(topic.topicName(), topic.key(entityId, version), timeline.startedAt(), version));
    }

    /** The insurer learns, with the chain, of the patient's offline visit {@code diagnosis}. */
    void publishOfflineVisit(OfflineDiagnosis diagnosis) {
        publish(ReferenceTopic.OFFLINE_VISITS, diagnosis.offlineVisitId(), diagnosis.visitOf(participants.patient()));
    }

    /** The reference versions published with the chain, in the order published. */
    List<GeneratedEvent> referenceUpdates() {
        return referenceUpdates == null ? List.of() : referenceUpdates;
    }

    /**
     * The prescription is settled a second time, at {@link Timeline#timeOf} {@link ChainStep#SECOND_SETTLEMENT},
     * under another settlement id and event id, with nothing more to fulfil.
     */
    void settleTwice() {
        settledTwice = true;
    }

    boolean settlesTwice() {
        return settledTwice;
    }

    /**
     * The drugs are dispatched and delivered a second time, at {@link Timeline#timeOf} {@link ChainStep#SECOND_DISPATCH}
     * and {@link ChainStep#SECOND_DELIVERY}, under another shipment id, to the patient's home.
     */
    void shipTwice() {
        shippedTwice = true;
    }

    /**
     * The home delivery fails at the first attempt and is attempted again, at {@link Timeline#timeOf} the steps
     * {@link ChainStep#IN_TRANSIT} to {@link ChainStep#IN_TRANSIT_AGAIN}, all under the chain's one shipment id.
     */
    void attemptDeliveryTwice() {
        deliveredAtSecondAttempt = true;
    }

    void patientDueAgainAt(long time) {
        patientDueAgainAt = time;
    }

    /** When the patient is next due for a follow-up: no chain of the patient starts earlier. */
    long patientDueAgainAt() {
        return patientDueAgainAt;
    }

    /** The steps that reach the streams, in chain order. */
    List<ChainStep> emittedSteps() {
        List<ChainStep> steps = new ArrayList<>(List.of(ChainStep.CONSULTATION, ChainStep.PRESCRIPTION,
                ChainStep.SETTLEMENT));
        if (fulfilment == Fulfilment.HOME_DELIVERY) {
            steps.add(ChainStep.DISPATCH);
            if (deliveredAtSecondAttempt) {
                steps.addAll(List.of(ChainStep.IN_TRANSIT, ChainStep.FAILED_DELIVERY, ChainStep.IN_TRANSIT_AGAIN));
            }
            steps.add(ChainStep.DELIVERY);
        } else {
            steps.add(ChainStep.PICK_UP);
        }
        if (settledTwice) {
            steps.add(ChainStep.SECOND_SETTLEMENT);
        }
        if (shippedTwice) {
            steps.addAll(List.of(ChainStep.SECOND_DISPATCH, ChainStep.SECOND_DELIVERY));
        }
        steps.removeAll(withheld);
        return steps;
    }

    boolean emits(ChainStep step) {
        return !withheld.contains(step);
    }

    GroundTruth groundTruth() {
        return new GroundTruth(number, scenario, companion ? null : scenario.ruleId(), consultationId(),
                prescriptionId(), settlementId(), List.copyOf(evidenceEventIds));
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

    /** The settlement id of the prescription's second settlement (RX-DUPLICATE-DISPENSE). */
    String secondSettlementId() {
        return settlementId() + "-2";
    }

    String shipmentId() {
        return "SHIP-" + runTag + "-" + number;
    }

    /** The shipment id of the prescription's drugs shipped a second time (RX-DUPLICATE-DISPENSE). */
    String secondShipmentId() {
        return shipmentId() + "-2";
    }

    String eventId(ChainStep step) {
        return "EV-" + runTag + "-" + number + "-" + step.eventIdSuffix();
    }

    long number() {
        return number;
    }

    Scenario scenario() {
        return scenario;
    }

    Participants participants() {
        return participants;
    }

    /**
     * The offline diagnosis the consultation follows up: the patient's latest when the chain was planned, or a
     * walk-in patient's own.
     */
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

    Signature signature() {
        return signature;
    }

    Review review() {
        return review;
    }

    long deliveryFeeFundFen() {
        return deliveryFeeFundFen;
    }

    long deliveryFeeAccountFen() {
        return deliveryFeeAccountFen;
    }

    /** The part the settlement misstates, null when it adds up. */
    SplitPart misstatedPart() {
        return misstatedPart;
    }

    long misstatedByFen() {
        return misstatedByFen;
    }
}
