package org.insurwatch.traffic;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The events of overlapping chains merged into one sequence of non-decreasing event time. Chains are planned
 * only as far ahead as the earliest pending event requires: a chain not yet planned cannot produce an event
 * before its consultation's start minus {@link Timeline#LOOK_BEHIND}. So the queue holds the chains of about
 * the longest chain's span (~37 h simulated), whatever the length of the run.
 */
final class TimeOrderedEvents implements Iterator<GeneratedEvent> {

    private record Pending(long time, VisitChain chain, ChainStep step) {
    }

    // Ties go to the earlier chain, then to the earlier step, so the order never depends on buffering.
    private static final Comparator<Pending> ORDER = Comparator.comparingLong(Pending::time)
            .thenComparingLong(p -> p.chain().number())
            .thenComparing(Pending::step);

    private final ChainPlanner planner;
    private final long chains;
    private final Consumer<GroundTruth> groundTruth;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(ORDER);
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
        Pending due = pending.poll();
        return ChainRecords.event(due.chain(), due.step());
    }

    private void planAhead() {
        while (planned < chains
                && (pending.isEmpty() || planner.startOf(planned) - Timeline.LOOK_BEHIND < pending.peek().time())) {
            VisitChain chain = planner.plan(planned++);
            groundTruth.accept(chain.groundTruth());
            for (ChainStep step : chain.emittedSteps()) {
                pending.add(new Pending(chain.timeline().timeOf(step), chain, step));
            }
        }
    }
}
