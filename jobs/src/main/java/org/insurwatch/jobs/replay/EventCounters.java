package org.insurwatch.jobs.replay;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

import java.io.Serializable;

/**
 * Sorts a replay source's records by event time into the range, its warm-up and the rest, and counts each in the
 * job's accumulators, so the summary says what was judged and what was only read to build state.
 */
final class EventCounters implements Serializable {
    static final String EVENTS_READ = "replay-events-read";
    static final String WARM_UP = "replay-events-warm-up";
    static final String OUTSIDE_RANGE = "replay-events-outside-range";
    /** Records without an event time (undecodable, or an impossible time): kept out of replays. */
    static final String REJECTED = "replay-records-rejected";
    private static final long serialVersionUID = 1L;

    private final ReplayRange span;
    private transient LongCounter read;
    private transient LongCounter warmUp;
    private transient LongCounter outside;

    EventCounters(ReplayRange span) {
        this.span = span;
    }

    void open(RuntimeContext context) {
        read = context.getLongCounter(EVENTS_READ);
        warmUp = context.getLongCounter(WARM_UP);
        outside = context.getLongCounter(OUTSIDE_RANGE);
    }

    /** Whether the replay reads a record of this event time: one of the range or of its warm-up. */
    boolean keep(long eventTimeMillis) {
        if (!span.read().contains(eventTimeMillis)) {
            outside.add(1);
            return false;
        }
        (span.inWarmUp(eventTimeMillis) ? warmUp : read).add(1);
        return true;
    }
}
