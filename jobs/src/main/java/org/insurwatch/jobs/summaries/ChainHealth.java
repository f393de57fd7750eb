package org.insurwatch.jobs.summaries;

import org.insurwatch.jobs.rules.traceability.ChainStage;

/** How many chain steps of one stage a pooling region saw in one minute, and the pooled fund they settled. A Flink POJO. */
public class ChainHealth {
    public long windowStart;
    public long windowEnd;
    public String poolingRegion;
    public ChainStage stage;
    public long events;
    public long fundFen;

    public ChainHealth() {
    }

    public ChainHealth(long windowStart, long windowEnd, String poolingRegion, ChainStage stage, long events, long fundFen) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.poolingRegion = poolingRegion;
        this.stage = stage;
        this.events = events;
        this.fundFen = fundFen;
    }
}
