package org.insurwatch.traffic;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The events of overlapping chains, the reference versions some of them publish, and the offline visits the
 * insured persons make meanwhile, merged into one sequence of non-decreasing event time; but for the steps a
 * chain emits late ({@link VisitChain#lateBy}), which join it when they arrive, behind later events. Chains are
 * planned only as far ahead as the earliest pending event requires: a chain not yet planned cannot produce an
 * event before its consultation's start minus {@link Timeline#LOOK_BEHIND}. So the queue holds the chains of
 * about the longest chain's span (~37 h simulated), and the few bursts planned meanwhile, whatever the length
 * of the run. Offline visits are planned days ahead but wait in the planner, and join the queue only once the
 * chains have caught up with their date.
 */
final class TimeOrderedEvents implements Iterator<GeneratedEvent> {

    /**
     * An event due at {@code time} (when it arrives, for a late step): a step of a chain, rendered when it is
     * due; or, rendered already, a reference version chain {@code chainNumber} publishes or an offline visit
     * handed over while it was planned. Ties go to the earlier chain, then to its reference versions, its steps
     * in order, and the visits it handed over; so the order never depends on buffering. (Compared field by field: the queue's sifting is the generator's hottest code.)
     */
    private record Pending(long time, long chainNumber, int order, VisitChain chain, ChainStep step,
                           GeneratedEvent rendered) implements Comparable<Pending> {
        GeneratedEvent event() {
            return rendered != null ? rendered : ChainRecords.event(chain, step);
        }

        @Override
        public int compareTo(Pending other) {
            if (time != other.time) {
                return Long.compare(time, other.time);
            }
            if (chainNumber != other.chainNumber) {
                return Long.compare(chainNumber, other.chainNumber);
            }
            return Integer.compare(order, other.order);
        }
    }

    private static final int FIRST_VISIT_ORDER = ChainStep.values().length;

    private final ChainPlanner planner;
    private final long chains;
    private final Consumer<GroundTruth> groundTruth;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long planned;

    TimeOrderedEvents(ChainPlanner planner, long chains, Consumer<GroundTruth> groundTruth) {
        this.planner = planner;
        this.chains = chains;
        this.groundTruth = groundTruth;
    }

    @Override
    public boolean hasNext() {
        planAhead();
        return !pending.isEmpty();
    }

    @Override
    public GeneratedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll().event();
    }

    private void planAhead() {
        while (planned < chains
                && (pending.isEmpty() || planner.startOf(planned) - Timeline.LOOK_BEHIND < pending.peek().time())) {
            List<VisitChain> plannedNow = planner.plan(planned, chains - planned);
            planned += plannedNow.size();
            plannedNow.forEach(this::enqueue);
            // nothing before the next chain's start is emitted until that chain is planned, so visits dated
            // before it join now, in time; later ones wait for a later chain
            long last = planned - 1;
            int[] order = {FIRST_VISIT_ORDER};
            planner.offlineVisitsBefore(planner.startOf(planned), visit -> pending.add(
                    new Pending(visit.eventTimeMillis(), last, order[0]++, null, null, visit)));
        }
    }

    private void enqueue(VisitChain chain) {
        long number = chain.number();
        groundTruth.accept(chain.groundTruth());
        List<GeneratedEvent> updates = chain.referenceUpdates();
        for (int i = 0; i < updates.size(); i++) {
            GeneratedEvent update = updates.get(i);
            pending.add(new Pending(update.eventTimeMillis(), number, i - updates.size(), null, null, update));
        }
        for (ChainStep step : chain.emittedSteps()) {
            pending.add(new Pending(chain.timeline().timeOf(step) + chain.lateBy(step), number, step.ordinal(), chain,
                    step, null));
        }
    }
}
