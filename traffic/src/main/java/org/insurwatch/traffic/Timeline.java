package org.insurwatch.traffic;

import java.time.Duration;
import java.util.SplittableRandom;

/** When each step of one visit chain happens, in epoch milliseconds of simulated time. */
final class Timeline {

    static final long LONGEST_CONSULTATION = Duration.ofMinutes(15).toMillis();
    /**
     * The earliest a prescription is signed after its consultation starts, in every scenario; a doctor's next
     * consultation starts no earlier than {@link #LONGEST_CONSULTATION} after the last one, so a doctor's
     * signatures lie at least this far apart from the end of a booking. The planner checks it.
     */
    static final long EARLIEST_SIGNING = Duration.ofMinutes(1).toMillis();
    /**
     * The earliest a settlement follows its consultation's start, in every scenario (a clean chain settles
     * three minutes after at the earliest, one paid before prescribing one minute after). So a chain planned
     * after one starting at t settles after t + this. The planner checks it.
     */
    static final long EARLIEST_SETTLEMENT = Duration.ofMinutes(1).toMillis();
    /**
     * How far an event of a chain may precede its consultation's start; the merge of overlapping chains
     * relies on it. No scenario backdates a record yet; one that does (prescribed before the visit) raises
     * this, and the planner refuses a chain that exceeds it.
     */
    static final long LOOK_BEHIND = 0;

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long PAID_BEFORE_SIGNING = 10 * MINUTE;

    private final long startedAt;
    private final long recordedAt;
    private long endedAt;
    private long signedAt;
    private long uploadedAt;
    private long reviewedAt;
    private long settledAt;
    // when the prescription is settled a second time (RX-DUPLICATE-DISPENSE); 0 when it is not
    private long settledAgainAt;
    private long dispatchedAt;
    private long deliveredAt;
    private long pickedUpAt;
    // the scans of a delivery attempted twice (REDELIVERY_ATTEMPT); 0 when the first attempt succeeds
    private long inTransitAt;
    private long failedDeliveryAt;
    private long inTransitAgainAt;
    // when the drugs are dispatched and delivered a second time (RX-DUPLICATE-DISPENSE); 0 when they are not
    private long dispatchedAgainAt;
    private long deliveredAgainAt;

    /** Everything after the upload happens in order and on time, as drawn here. */
    private Timeline(long startedAt, long recordedAt, long endedAt, long signedAt, long uploadedAt,
                     SplittableRandom random) {
        this.startedAt = startedAt;
        this.recordedAt = recordedAt;
        this.endedAt = endedAt;
        this.signedAt = signedAt;
        this.uploadedAt = uploadedAt;
        reviewedAt = signedAt + between(random, MINUTE, 10 * MINUTE);
        settledAt = reviewedAt + between(random, MINUTE, 30 * MINUTE);
        dispatchedAt = settledAt + between(random, HOUR, 6 * HOUR);
        deliveredAt = dispatchedAt + between(random, 4 * HOUR, 30 * HOUR);
        pickedUpAt = settledAt + between(random, HOUR, 8 * HOUR);
    }

    /** A timeline in which everything happens in order and on time. */
    static Timeline draw(long startedAt, SplittableRandom random) {
        long recordedAt = startedAt + between(random, 5 * SECOND, 30 * SECOND);
        long endedAt = startedAt + between(random, 5 * MINUTE, LONGEST_CONSULTATION);
        long signedAt = between(random, startedAt + MINUTE, endedAt - 10 * SECOND);
        return new Timeline(startedAt, recordedAt, endedAt, signedAt,
                signedAt + between(random, 5 * SECOND, MINUTE), random);
    }

    /**
     * A timeline whose consultation and prescription lie where a doctor's burst puts them
     * ({@link DoctorBurst}), everything else drawn as in {@link #draw}.
     */
    static Timeline scheduled(long startedAt, long endedAt, long signedAt, long uploadedAt,
                              SplittableRandom random) {
        return new Timeline(startedAt, startedAt + between(random, 5 * SECOND, 30 * SECOND), endedAt, signedAt,
                uploadedAt, random);
    }

    /**
     * Settles ten minutes before the prescription is signed, and nothing else out of order: the payment still
     * follows the consultation's start and the pharmacist's review. That needs a consultation of more than ten
     * minutes, and a review before the signature.
     */
    void payBeforePrescribing(SplittableRandom random) {
        endedAt = startedAt + between(random, 12 * MINUTE, LONGEST_CONSULTATION);
        signedAt = endedAt - between(random, 10 * SECOND, MINUTE);
        uploadedAt = signedAt + between(random, 5 * SECOND, MINUTE);
        long paidAt = signedAt - PAID_BEFORE_SIGNING;
        long shift = paidAt - settledAt;
        settledAt = paidAt;
        reviewedAt = settledAt - between(random, 10 * SECOND, 50 * SECOND);
        dispatchedAt += shift;
        deliveredAt += shift;
        pickedUpAt += shift;
    }

    /** The prescription is settled a second time, {@code delay} after the first settlement. */
    void settleAgain(Duration delay) {
        settledAgainAt = settledAt + delay.toMillis();
    }

    /**
     * The drugs are dispatched again 1 to 6 h after {@code firstDispensing}, and delivered 4 to 20 h later: the
     * chain then spans no longer than a clean one.
     */
    void shipAgain(ChainStep firstDispensing, SplittableRandom random) {
        dispatchedAgainAt = timeOf(firstDispensing) + between(random, HOUR, 6 * HOUR);
        deliveredAgainAt = dispatchedAgainAt + between(random, 4 * HOUR, 20 * HOUR);
    }

    /**
     * Between dispatch and delivery, the parcel is in transit, scanned delivered without reaching the patient, and
     * in transit again; delivered at most 28 h after the dispatch, as a clean delivery is within 30 h.
     */
    void attemptDeliveryTwice(SplittableRandom random) {
        inTransitAt = dispatchedAt + between(random, 30 * MINUTE, 2 * HOUR);
        failedDeliveryAt = inTransitAt + between(random, HOUR, 8 * HOUR);
        inTransitAgainAt = failedDeliveryAt + between(random, HOUR, 12 * HOUR);
        deliveredAt = inTransitAgainAt + between(random, HOUR, 6 * HOUR);
    }

    void uploadLate(Duration delay) {
        uploadedAt = signedAt + delay.toMillis();
    }

    long timeOf(ChainStep step) {
        return switch (step) {
            case CONSULTATION -> recordedAt;
            case PRESCRIPTION -> uploadedAt;
            case SETTLEMENT -> settledAt;
            case DISPATCH -> dispatchedAt;
            case IN_TRANSIT -> inTransitAt;
            case FAILED_DELIVERY -> failedDeliveryAt;
            case IN_TRANSIT_AGAIN -> inTransitAgainAt;
            case DELIVERY -> deliveredAt;
            case PICK_UP -> pickedUpAt;
            case SECOND_SETTLEMENT -> settledAgainAt;
            case SECOND_DISPATCH -> dispatchedAgainAt;
            case SECOND_DELIVERY -> deliveredAgainAt;
        };
    }

    long startedAt() {
        return startedAt;
    }

    long endedAt() {
        return endedAt;
    }

    long signedAt() {
        return signedAt;
    }

    long reviewedAt() {
        return reviewedAt;
    }

    private static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to + 1);
    }
}
