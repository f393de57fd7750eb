package org.insurwatch.traffic;

import static org.insurwatch.traffic.ChainStep.CONSULTATION;
import static org.insurwatch.traffic.ChainStep.DELIVERY;
import static org.insurwatch.traffic.ChainStep.DISPATCH;
import static org.insurwatch.traffic.ChainStep.PICK_UP;
import static org.insurwatch.traffic.ChainStep.PRESCRIPTION;
import static org.insurwatch.traffic.ChainStep.SETTLEMENT;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.DoctorStatus;
import org.insurwatch.schema.reference.InsuredStatus;

/**
 * What a visit chain is made to look like, and the rule (RULES.md) it must trigger. A scenario starts from a
 * clean chain and reshapes it, citing the events an alert must give as evidence. A violation breaks exactly
 * one rule and nothing else; a hard negative is a scenario without a rule: tricky, yet clean.
 *
 * <p>Scenarios that need reference data of their own publish it in the traffic, on the reference topic's
 * stream, at the start of the chain's consultation: before any event of the chain, and never dated to take
 * effect before it is published. Every such change is confined to the chain it is made for:
 * <ul>
 *   <li>a doctor's suspension ends when the doctor's booking for the consultation ends (its start +
 *       {@link Timeline#LONGEST_CONSULTATION}), where an ACTIVE version takes over: the doctor's earlier
 *       prescriptions were signed before the booking began, the next ones are signed after it ended;</li>
 *   <li>an insured person's fraud suspension lasts from the consultation's start until the person is next
 *       due for a follow-up (75 % of the supply later), and the person settles nothing else meanwhile;</li>
 *   <li>an internet hospital without an agreement is one of the world's {@link World#hospitalsWithoutAgreement()},
 *       used by no other chain; a restored agreement's suspension lies within the first minute of the
 *       consultation, a time in which no other chain settles at that hospital;</li>
 *   <li>an offline visit whose date matters to a follow-up rule is a walk-in patient's ({@link WalkInPatients}),
 *       a person seen in no other chain;</li>
 *   <li>a doctor whom a burst registers is new, and holds no other chain's visit.</li>
 * </ul>
 *
 * <p>The bulk rules judge a doctor's many visits together. Their scenarios lay out a burst of one doctor's
 * chains ({@link DoctorBurst}), planned at once, each chain complete and clean on its own: the burst's first
 * chain expects the one alert and cites the events of them all, the others expect none. The chains of a burst
 * take the numbers of as many chains of the run, so a run's size counts them all.
 */
public enum Scenario {
    CLEAN(Kind.CLEAN, null, (chain, context) -> { }),
    TRACE_NO_CONSULT(Kind.VIOLATION, "TRACE-NO-CONSULT", (chain, context) -> {
        chain.withhold(CONSULTATION);
        chain.cite(PRESCRIPTION);
    }),
    TRACE_NO_RX(Kind.VIOLATION, "TRACE-NO-RX", (chain, context) -> {
        chain.withhold(PRESCRIPTION);
        chain.cite(SETTLEMENT);
    }),
    TRACE_NO_PAY(Kind.VIOLATION, "TRACE-NO-PAY", (chain, context) -> {
        chain.deliverHome();
        chain.withhold(SETTLEMENT);
        chain.cite(DISPATCH);
    }),
    TRACE_STALLED(Kind.VIOLATION, "TRACE-STALLED", (chain, context) -> {
        chain.deliverHome();
        chain.withhold(DISPATCH, DELIVERY);
        chain.cite(SETTLEMENT);
    }),
    TRACE_ORDER(Kind.VIOLATION, "TRACE-ORDER", (chain, context) -> {
        chain.timeline().payBeforePrescribing(context.random());
        chain.cite(PRESCRIPTION, SETTLEMENT);
    }),
    TRACE_LATE_UPLOAD(Kind.VIOLATION, "TRACE-LATE-UPLOAD", (chain, context) -> {
        chain.timeline().uploadLate(Duration.ofHours(2));
        chain.cite(PRESCRIPTION);
    }),
    /** The patient only typed in an ID number, or was not verified at all. */
    ID_UNVERIFIED(Kind.VIOLATION, "ID-UNVERIFIED", (chain, context) -> {
        chain.verifyIdentityBy(context.random().nextBoolean()
                ? IdentityVerification.ID_NUMBER_ONLY : IdentityVerification.NONE);
        chain.cite(CONSULTATION);
    }),
    /** No e-signature, or one without a certificate; the pharmacist's review is there all the same. */
    RX_NO_SIGNATURE(Kind.VIOLATION, "RX-NO-SIGNATURE", (chain, context) -> {
        chain.sign(context.random().nextInt(4) == 0 ? VisitChain.Signature.BLANK_CERTIFICATE
                : VisitChain.Signature.NONE);
        chain.cite(PRESCRIPTION);
    }),
    /** No pharmacist review, or one that did not approve; settled and dispensed all the same. */
    RX_NO_PHARMACIST(Kind.VIOLATION, "RX-NO-PHARMACIST", (chain, context) -> {
        chain.review(context.random().nextBoolean() ? VisitChain.Review.NONE : VisitChain.Review.NOT_APPROVED);
        chain.cite(PRESCRIPTION);
    }),
    /** The delivery fee is paid by the pooled fund, the personal account or both; every sum still adds up. */
    PAY_DELIVERY_FEE(Kind.VIOLATION, "PAY-DELIVERY-FEE", (chain, context) -> {
        chain.deliverHome();
        long fee = chain.paymentTerms().deliveryFeeFen();
        switch (context.random().nextInt(3)) {
            case 0 -> chain.chargeDeliveryFeeToInsurance(fee, 0);
            case 1 -> chain.chargeDeliveryFeeToInsurance(0, fee);
            default -> chain.chargeDeliveryFeeToInsurance(fee / 2, fee - fee / 2);
        }
        chain.cite(SETTLEMENT);
    }),
    /**
     * The settlement's fund, personal account or cash is off by 1 to 500 fen, so the three no longer add up to
     * the total; every line still does, and the delivery fee stays the patient's.
     */
    PAY_AMOUNT_MISMATCH(Kind.VIOLATION, "PAY-AMOUNT-MISMATCH", (chain, context) -> {
        SplittableRandom random = context.random();
        long offset = 1 + random.nextInt(500);
        chain.misstateSplit(VisitChain.SplitPart.values()[random.nextInt(3)], random.nextBoolean() ? offset : -offset);
        chain.cite(SETTLEMENT);
    }),
    /** The prescription is signed by a doctor of the internet hospital who is not in the insurance registry. */
    ID_DOCTOR_UNREGISTERED(Kind.VIOLATION, "ID-DOCTOR-UNREGISTERED", (chain, context) -> {
        chain.replaceDoctor(context.unregisteredDoctor(chain));
        chain.cite(PRESCRIPTION);
    }),
    /**
     * The doctor's insurance service is suspended from 10 to 60 s before signing until the end of the doctor's
     * booking for the consultation, when the doctor is ACTIVE again.
     */
    ID_DOCTOR_SUSPENDED(Kind.VIOLATION, "ID-DOCTOR-SUSPENDED", (chain, context) -> {
        Timeline t = chain.timeline();
        long from = t.signedAt() - between(context.random(), 10_000, 60_000);
        context.suspendDoctor(chain, DoctorStatus.SUSPENDED, from);
        chain.cite(PRESCRIPTION);
    }),
    /**
     * The visit is held and settled at an internet hospital whose Internet+ agreement was terminated, by a
     * registered doctor of that hospital.
     */
    PAY_NO_AGREEMENT(Kind.VIOLATION, "PAY-NO-AGREEMENT", (chain, context) -> {
        context.moveToHospitalWithoutAgreement(chain);
        chain.cite(SETTLEMENT);
    }),
    /** The patient is suspended for fraud from the consultation's start until due for the next follow-up. */
    PAY_INSURED_SUSPENDED(Kind.VIOLATION, "PAY-INSURED-SUSPENDED", (chain, context) -> {
        context.suspendPatient(chain, InsuredStatus.SUSPENDED_FOR_FRAUD);
        chain.cite(SETTLEMENT);
    }),
    /**
     * The consultation fee is 1 to 20 yuan above the cap of the patient's pooling region, paid by the fund as
     * any consultation fee; every sum still adds up.
     */
    PAY_FEE_ABOVE_CAP(Kind.VIOLATION, "PAY-FEE-ABOVE-CAP", (chain, context) -> {
        long cap = chain.participants().patient().region().consultationFeeCapFen();
        chain.chargeConsultationFee(cap + 100L * between(context.random(), 1, 20));
        chain.cite(SETTLEMENT);
    }),
    /**
     * One drug line is dispensed without its traceability codes scanned: the dispatch or pick-up scan (and the
     * delivery scan of the same shipment) lists no code for it. Only the dispensing scan is cited.
     */
    DLV_TRACE_CODE_MISSING(Kind.VIOLATION, "DLV-TRACE-CODE-MISSING", (chain, context) -> {
        chain.dispenseUncoded(context.random().nextInt(chain.drugs().size()));
        chain.cite(chain.fulfilment() == org.insurwatch.schema.Fulfilment.HOME_DELIVERY ? DISPATCH : PICK_UP);
    }),
    /**
     * Every line of the prescription is for longer than the limit: 91 to 120 days for a patient with a disease
     * of the chronic disease list (90 days allowed), 31 to 60 days for any other (the general 30). The boxes,
     * the bill and the person's return follow the longer supply.
     */
    RX_LONG_SUPPLY(Kind.VIOLATION, "RX-LONG-SUPPLY", (disease, drawn, random) -> disease.chronic()
            ? (int) between(random, ReferenceData.CHRONIC_MAX_DAYS_OF_SUPPLY + 1, 120)
            : (int) between(random, Scenario.GENERAL_MAX_DAYS_OF_SUPPLY + 1, 60),
            (chain, context) -> chain.cite(PRESCRIPTION)),
    /**
     * The prescription has one more line, a drug for the patient's disease that the catalogue lists outside
     * the insurance list, and the fund pays its usual share of it; every sum still adds up.
     */
    PAY_NOT_COVERED(Kind.VIOLATION, "PAY-NOT-COVERED", (chain, context) -> {
        chain.prescribeAlso(DrugCatalogue.notCoveredFor(chain.followedUp().disease()));
        chain.cite(SETTLEMENT);
    }),
    /**
     * The consultation names another registered doctor of the same internet hospital than the one who signs the
     * prescription, one free to hold it ({@link ShapingContext#otherDoctor}).
     */
    ID_DOCTOR_MISMATCH(Kind.VIOLATION, "ID-DOCTOR-MISMATCH", (chain, context) -> {
        chain.consultWith(context.otherDoctor(chain));
        chain.cite(CONSULTATION, PRESCRIPTION);
    }),
    /** The drugs are delivered home, dispatched to and delivered in another pooling region than the settlement's. */
    DLV_OUT_OF_REGION(Kind.VIOLATION, "DLV-OUT-OF-REGION", (chain, context) -> {
        chain.deliverHome();
        chain.deliverTo(context.otherRegion(chain));
        chain.cite(SETTLEMENT, DISPATCH);
    }),
    /**
     * The settlement is made out to another insured person than the patient seen, or a person the consultation
     * did not authorise pays as the patient's guardian; in both, a relative who is none of the world's persons.
     */
    ID_PATIENT_MISMATCH(Kind.VIOLATION, "ID-PATIENT-MISMATCH", (chain, context) -> {
        String relative = context.relativeOutsideTheWorld(chain);
        if (context.random().nextBoolean()) {
            chain.settleFor(relative);
        } else {
            chain.payAsGuardian(relative);
        }
        chain.cite(CONSULTATION, SETTLEMENT);
    }),
    /**
     * A box is dispensed with the traceability code of a pack an earlier chain dispensed on its own shipment:
     * the latest clean chain's first pack (of any chain's, before the first clean one), each pack taken once.
     * Both dispensing scans are cited, the earlier first. Drawn before any chain dispensed a pack (only at the
     * very start of a run), the chain is planned CLEAN instead.
     */
    DLV_TRACE_CODE_REUSED(Kind.VIOLATION, "DLV-TRACE-CODE-REUSED", (chain, context) -> {
        ShapingContext.DispensedPack pack = context.codeDispensedBefore();
        if (pack == null) {
            throw new IllegalStateException("no pack was dispensed before chain " + chain.number());
        }
        chain.dispenseAgain(pack.code());
        ChainStep step = chain.dispensingStep();
        String again = chain.eventId(step);
        long againAt = chain.timeline().timeOf(step);
        boolean inOrder = pack.dispensedAt() < againAt
                || pack.dispensedAt() == againAt && pack.eventId().compareTo(again) <= 0;
        if (inOrder) {
            chain.citeEvent(pack.eventId());
            chain.cite(step);
        } else {
            chain.cite(step);
            chain.citeEvent(pack.eventId());
        }
    }),
    /**
     * The prescription is settled a second time 5 to 60 minutes after its first settlement, under a new
     * settlement id and event id, for the same insured person, prescription and consultation, the amounts
     * balanced, with nothing more to fulfil (fulfilment NONE, no delivery fee). Both settlements are cited, the
     * first (the earlier) first.
     */
    RX_DUPLICATE_DISPENSE(Kind.VIOLATION, "RX-DUPLICATE-DISPENSE", (chain, context) -> {
        chain.timeline().settleAgain(Duration.ofMinutes(between(context.random(), 5, 60)));
        chain.settleTwice();
        chain.cite(SETTLEMENT, ChainStep.SECOND_SETTLEMENT);
    }),
    /**
     * The prescription's drugs leave the pharmacy a second time: dispatched 1 to 6 h after they were first
     * dispatched or picked up, under a new shipment id, to the patient's home in the patient's region, and
     * delivered. Settled once. The second shipment sells new packs, so no traceability code is sold twice
     * (DLV-TRACE-CODE-REUSED). The first dispensing (dispatch or pick-up) and the second dispatch are cited.
     */
    RX_DISPENSED_TWICE(Kind.VIOLATION, "RX-DUPLICATE-DISPENSE", (chain, context) -> {
        chain.timeline().shipAgain(chain.dispensingStep(), context.random());
        chain.shipTwice();
        chain.cite(chain.dispensingStep(), ChainStep.SECOND_DISPATCH);
    }),
    /**
     * A person whom a clean chain supplied lately comes back within the first quarter of the supply, and is
     * prescribed the same drugs again for as many days, following up the same diagnosis ({@link RecentSupplies}):
     * long before half the supply is used. The earlier prescription and the refill are cited, in that order.
     * Drawn when no recent supply can be refilled so (only at the very start of a run), the chain is planned
     * CLEAN instead.
     */
    RX_EARLY_REFILL(Kind.VIOLATION, "RX-EARLY-REFILL", (chain, context) -> {
        if (chain.refilledPrescriptionEventId() == null) {
            throw new IllegalStateException("chain " + chain.number() + " refills no earlier prescription");
        }
        chain.citeEvent(chain.refilledPrescriptionEventId());
        chain.cite(PRESCRIPTION);
    }),
    /**
     * The pharmacy charges 175 to 250 % of the catalogue's reference price for each of the chain's drugs whose
     * province median is steady ({@link ProvincePrices}), its own price for the others: more than 1.5 times
     * even a median at the dearest pharmacy's price (175/108 = 1.62). Every sum still adds up. Drawn when none of
     * the drugs has a steady median yet, the chain is planned CLEAN instead. The settlement is cited.
     */
    PRICE_ABOVE_MEDIAN(Kind.VIOLATION, "PRICE-ABOVE-MEDIAN", (chain, context) -> {
        chain.charge(context.drugsWithSteadyMedian(chain), (int) between(context.random(), 175, 250));
        chain.cite(SETTLEMENT);
    }),
    /**
     * The consultation is declared a first visit, following up nothing, for a patient of the roster (whose
     * offline diagnoses the insurer knows); or it claims to follow up the offline diagnosis of a walk-in patient
     * the insurer knows no offline visit of. Only the consultation is cited.
     */
    FU_FIRST_VISIT(Kind.VIOLATION, "FU-FIRST-VISIT", (chain, context) -> {
        if (context.random().nextBoolean()) {
            chain.declareFirstVisit();
        } else {
            context.seeWalkIn(chain, chain.followedUp().diagnosedAt().toEpochMilli());
        }
        chain.cite(CONSULTATION);
    }),
    /**
     * The consultation follows up the patient's offline diagnosis but diagnoses a disease of another ICD-10
     * category, drawn as common as it is, and the prescription is for that disease: its drugs for as many days
     * as drawn, within every supply limit. The consultation and the patient's latest offline visit (the one
     * followed up) are cited.
     */
    FU_DIAGNOSIS_CHANGED(Kind.VIOLATION, "FU-DIAGNOSIS-CHANGED", (chain, context) -> {
        Disease other = Disease.drawOtherThan(chain.followedUp().disease(), context.random());
        chain.diagnose(other, DrugCatalogue.prescription(other, chain.drugs().get(0).daysOfSupply(),
                context.random()));
        chain.cite(CONSULTATION);
        chain.citeEvent(chain.followedUp().offlineVisitId());
    }),
    /**
     * A walk-in patient follows up an offline diagnosis 3 months and 1 to 30 days old, older than the window
     * allows ({@link FollowUpWindow}): the only offline visit the insurer knows of the patient, published with
     * the chain. The consultation and that visit are cited.
     */
    FU_WINDOW_EXPIRED(Kind.VIOLATION, "FU-WINDOW-EXPIRED", (chain, context) -> {
        long oldest = FollowUpWindow.oldestAllowed(chain.timeline().startedAt());
        context.seeWalkIn(chain, oldest - Duration.ofDays(between(context.random(), 1, 30)).toMillis());
        chain.publishOfflineVisit(chain.followedUp());
        chain.cite(CONSULTATION);
        chain.citeEvent(chain.followedUp().offlineVisitId());
    }),
    /** More than 20 prescriptions by one doctor in 10 minutes ({@link BurstLayouts#bulkRate}). */
    BULK_RATE(Kind.VIOLATION, "BULK-RATE", BurstLayouts::bulkRate),
    /** One doctor's overlapping consultations at two internet hospitals ({@link BurstLayouts#multiSite}). */
    BULK_MULTI_SITE(Kind.VIOLATION, "BULK-MULTI-SITE", BurstLayouts::multiSite),
    /**
     * One doctor's prescriptions uploaded at a constant interval, or all of one template
     * ({@link BurstLayouts#machineCadence}).
     */
    BULK_MACHINE_CADENCE(Kind.VIOLATION, "BULK-MACHINE-CADENCE", BurstLayouts::machineCadence),
    /**
     * The doctor's suspension starts after the signature, before the prescription is uploaded: judged at
     * signing, as the rule says, the prescription is valid.
     */
    SUSPENSION_AFTER_THE_EVENT(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        Timeline t = chain.timeline();
        long latest = Math.min(t.timeOf(PRESCRIPTION), t.startedAt() + Timeline.LONGEST_CONSULTATION - 1);
        context.suspendDoctor(chain, DoctorStatus.SUSPENDED, between(context.random(), t.signedAt() + 1_000, latest));
    }),
    /**
     * The internet hospital's agreement is suspended while the consultation is recorded and VALID again before
     * the prescription is signed and settled.
     */
    AGREEMENT_RESTORED(Kind.HARD_NEGATIVE, null, (chain, context) ->
            context.suspendAgreementBriefly(chain, AgreementStatus.SUSPENDED)),
    /**
     * A supply exactly at the limit: 90 days for a patient with a disease of the chronic disease list, and, as
     * the scenario's patient may have none, 30 days (the general limit) for any other patient.
     */
    CHRONIC_NINETY_DAYS(Kind.HARD_NEGATIVE, null, (disease, drawn, random) -> disease.chronic()
            ? ReferenceData.CHRONIC_MAX_DAYS_OF_SUPPLY : Scenario.GENERAL_MAX_DAYS_OF_SUPPLY, (chain, context) -> { }),

    /**
     * A guardian settles for the patient: another of the world's insured persons, recorded by the consultation
     * as authorised to, pays; the settlement is made out to the patient.
     */
    GUARDIAN_PAYS_FOR_CHILD(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        String guardian = context.otherInsuredPerson(chain);
        chain.authoriseGuardians(List.of(guardian));
        chain.payAsGuardian(guardian);
    }),
    /**
     * A doctor seeing patient after patient for hours at two internet hospitals, never two at once, at
     * irregular gaps ({@link BurstLayouts#busyHumanDoctor}).
     */
    BUSY_HUMAN_DOCTOR(Kind.HARD_NEGATIVE, null, BurstLayouts::busyHumanDoctor),
    /**
     * A walk-in patient follows up an offline diagnosis exactly as old as the 3-month window allows: the
     * consultation starts when its window closes ({@link FollowUpWindow}).
     */
    FOLLOW_UP_AT_WINDOW_EDGE(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        context.seeWalkIn(chain, FollowUpWindow.oldestAllowed(chain.timeline().startedAt()));
        chain.publishOfflineVisit(chain.followedUp());
    }),
    /**
     * The prescription, and each other event of the chain at even odds, reach the traffic 1 to 20 s after their
     * event time, behind later events of other chains: out of order, yet within the job's default 30 s of
     * allowed out-of-orderness. No step is late enough to pass the chain's next one.
     */
    LATE_BUT_ALLOWED(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        SplittableRandom random = context.random();
        for (ChainStep step : chain.emittedSteps()) {
            if (step == PRESCRIPTION || random.nextBoolean()) {
                chain.emitLate(step, between(random, 1_000, Scenario.LATEST_ARRIVAL_MILLIS));
            }
        }
    }),
    /**
     * A pharmacy priced just under the price rule: 130 to 133 % of the reference price for the drugs with a
     * steady province median, as in {@link #PRICE_ABOVE_MEDIAN}, at most 1.40 times even a median at the
     * cheapest pharmacy's price (133/95). Drawn when none of the drugs has a steady median yet, the chain is
     * planned CLEAN instead.
     */
    PRICED_JUST_UNDER(Kind.HARD_NEGATIVE, null, (chain, context) ->
            chain.charge(context.drugsWithSteadyMedian(chain), (int) between(context.random(), 130, 133))),
    /**
     * The drugs are delivered home for a dearer fee than usual, 20 to 50 yuan, paid in cash as every delivery
     * fee, while the fund and the personal account pay their shares of the drugs.
     */
    DELIVERY_FEE_IN_CASH(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        chain.deliverHome();
        chain.chargeDeliveryFee(100L * between(context.random(), 20, 50));
    }),
    /**
     * The drugs are delivered home at the second attempt: in transit, scanned delivered though the patient did not
     * get them, in transit again and delivered; every scan under the one shipment id, so dispensed once.
     */
    REDELIVERY_ATTEMPT(Kind.HARD_NEGATIVE, null, (chain, context) -> {
        chain.deliverHome();
        chain.timeline().attemptDeliveryTwice(context.random());
        chain.attemptDeliveryTwice();
    });

    /** The days of supply RULES.md allows a patient without a chronic disease, the job's default. */
    static final int GENERAL_MAX_DAYS_OF_SUPPLY = 30;
    /** The latest a {@link #LATE_BUT_ALLOWED} event reaches the traffic after its event time: 20 s. */
    static final long LATEST_ARRIVAL_MILLIS = 20_000;
    // A burst is drawn a quarter as often as a chain alone: its 2 to 40 chains would crowd out the others.
    private static final int ALONE_WEIGHT = 4;
    private static final int BURST_WEIGHT = 1;

    /** Whether a scenario must raise an alert, must not although it looks as if it might, or is plain clean. */
    public enum Kind {
        CLEAN, VIOLATION, HARD_NEGATIVE
    }

    private final Kind kind;
    private final String ruleId;
    // a scenario of one chain reshapes a clean chain; one spanning a doctor's many is laid out as a burst
    private final ChainShape shape;
    private final SupplyChoice supply;
    private final BurstShape burst;

    Scenario(Kind kind, String ruleId, ChainShape shape) {
        this(kind, ruleId, (disease, drawn, random) -> drawn, shape);
    }

    Scenario(Kind kind, String ruleId, SupplyChoice supply, ChainShape shape) {
        this(kind, ruleId, supply, shape, null);
    }

    Scenario(Kind kind, String ruleId, BurstShape burst) {
        this(kind, ruleId, null, null, burst);
    }

    private Scenario(Kind kind, String ruleId, SupplyChoice supply, ChainShape shape, BurstShape burst) {
        this.kind = kind;
        this.ruleId = ruleId;
        this.supply = supply;
        this.shape = shape;
        this.burst = burst;
    }

    /** How a scenario spanning many chains lays out the visits of its one doctor. */
    @FunctionalInterface
    interface BurstShape {
        DoctorBurst draw(SplittableRandom random);
    }

    /** Whether the scenario spans one doctor's many chains, planned at once as a {@link DoctorBurst}. */
    boolean isBurst() {
        return burst != null;
    }

    DoctorBurst drawBurst(SplittableRandom random) {
        return burst.draw(random);
    }

    /** How often the scenario is drawn, relative to the other enabled violations (or hard negatives). */
    int drawWeight() {
        return isBurst() ? BURST_WEIGHT : ALONE_WEIGHT;
    }

    /**
     * How many days the chain's drugs are prescribed for, decided before the chain is planned further, since
     * the boxes and the patient's return follow it; most scenarios keep the {@code drawn} days.
     */
    @FunctionalInterface
    interface SupplyChoice {
        int daysOfSupply(Disease disease, int drawn, SplittableRandom random);
    }

    int daysOfSupply(Disease disease, int drawn, SplittableRandom random) {
        return supply.daysOfSupply(disease, drawn, random);
    }

    /** Whether the scenario charges for drugs against their province median, which needs a steady one. */
    boolean chargesAgainstTheMedian() {
        return this == PRICE_ABOVE_MEDIAN || this == PRICED_JUST_UNDER;
    }

    /** The id of the rule this scenario must trigger; null for a clean chain or a hard negative. */
    public String ruleId() {
        return ruleId;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isViolation() {
        return kind == Kind.VIOLATION;
    }

    public boolean isHardNegative() {
        return kind == Kind.HARD_NEGATIVE;
    }

    /** Every scenario that must trigger a rule, in declaration order. */
    public static List<Scenario> violations() {
        return Arrays.stream(values()).filter(Scenario::isViolation).toList();
    }

    /** Every scenario that must trigger no rule although it comes close, in declaration order. */
    public static List<Scenario> hardNegatives() {
        return Arrays.stream(values()).filter(Scenario::isHardNegative).toList();
    }

    void shape(VisitChain chain, ShapingContext context) {
        shape.apply(chain, context);
    }

    private static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to + 1);
    }
}
