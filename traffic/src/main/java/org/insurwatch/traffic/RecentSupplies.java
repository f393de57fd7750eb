package org.insurwatch.traffic;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The latest supplies handed out by clean chains, which their persons may come back for long before half is used
 * (RX-EARLY-REFILL, RULES.md §5). The roster brings a person back once {@link
 * InsuredPersonRoster#SUPPLY_USED_BEFORE_RETURN} of the supply is used; a refill within the first quarter of it
 * (0.75 less the rule's 0.5, less a consultation, as the refill may be signed that long after it starts) leaves
 * that regular return at least half the refill's own supply later, so the return is no early refill in turn.
 *
 * <p>The person stays resting in the roster meanwhile: the refill neither draws the person nor sends them to rest
 * again, so they are back when the roster planned, once. Only the latest {@link #KEPT} supplies are kept.
 */
final class RecentSupplies {

    private static final int KEPT = 1_024;
    private static final long DAY = Duration.ofDays(1).toMillis();
    // the share of a supply the job wants used before the drug is prescribed again, its default
    private static final double USED_BEFORE_REFILL = 0.5;
    private static final double REFILLED_EARLY_WITHIN =
            InsuredPersonRoster.SUPPLY_USED_BEFORE_RETURN - USED_BEFORE_REFILL;

    private final Deque<Supply> supplies = new ArrayDeque<>(KEPT);

    /**
     * A person's supply, as a refill needs it: the drugs and the diagnosis followed up, the prescription's event
     * and upload, the latest start of a consultation refilling it early, and when the person is due back.
     */
    record Supply(int serial, OfflineDiagnosis followedUp, List<PrescribedDrug> drugs, String prescriptionEventId,
                  long uploadedAt, long refillableUntil, long dueAgainAt) {

        /**
         * Whether a consultation starting at {@code at} may refill it early: after the prescription reached the
         * job, so the refill comes after it in event time too, and with the diagnosis still fresh enough to follow
         * up, as the roster wants it.
         */
        boolean refillableAt(long at) {
            return at > uploadedAt && at <= refillableUntil
                    && at - followedUp.diagnosedAt().toEpochMilli() < InsuredPersonRoster.FOLLOW_UP_USABLE_FOR;
        }
    }

    /** Remembers the supply of a clean chain, planned alone for a person of the roster. */
    void supplied(VisitChain chain) {
        if (supplies.size() == KEPT) {
            supplies.removeFirst();
        }
        Timeline t = chain.timeline();
        long refillableFor = (long) (chain.drugs().get(0).daysOfSupply() * REFILLED_EARLY_WITHIN * DAY);
        supplies.addLast(new Supply(chain.participants().patient().serial(), chain.followedUp(), chain.drugs(),
                chain.eventId(ChainStep.PRESCRIPTION), t.timeOf(ChainStep.PRESCRIPTION),
                t.startedAt() + refillableFor - Timeline.LONGEST_CONSULTATION, chain.patientDueAgainAt()));
    }

    boolean hasRefillableAt(long at) {
        return supplies.stream().anyMatch(supply -> supply.refillableAt(at));
    }

    /** The oldest supply a consultation starting at {@code at} may refill early; each is handed out once. */
    Supply takeRefillableAt(long at) {
        for (Iterator<Supply> it = supplies.iterator(); it.hasNext(); ) {
            Supply supply = it.next();
            if (supply.refillableAt(at)) {
                it.remove();
                return supply;
            }
        }
        throw new IllegalStateException("no supply to refill early at " + at);
    }
}
