package org.insurwatch.jobs.replay;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.insurwatch.jobs.ingest.RawRecord;

/**
 * Keeps the records of a replay source whose event time lies in the range or its warm-up; counts what it keeps, what
 * lies outside and what has no event time at all.
 */
final class InRange extends RichFilterFunction<RawRecord> {
    private static final long serialVersionUID = 1L;
    private final EventCounters counters;
    private transient LongCounter rejected;

    InRange(ReplayRange span) {
        this.counters = new EventCounters(span);
    }

    @Override
    public void open(OpenContext context) {
        counters.open(getRuntimeContext());
        rejected = getRuntimeContext().getLongCounter(EventCounters.REJECTED);
    }

    @Override
    public boolean filter(RawRecord record) {
        if (record.eventTime == Long.MIN_VALUE) {
            rejected.add(1);
            return false;
        }
        return counters.keep(record.eventTime);
    }
}
