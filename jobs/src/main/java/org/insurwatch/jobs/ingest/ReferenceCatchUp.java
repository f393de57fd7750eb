package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * The watermark of one reference-data partition: none (so event time waits) while the partition is being
 * read, idle once it has been quiet for a while after its last record, or once it gave nothing at all within a
 * grace period (an empty topic). Flink's own idleness cannot tell "caught up" from "not started yet": a
 * consumer still connecting would count as idle and let events be judged without their reference data.
 * A new record makes the partition active again, so events wait until a live change has been read too.
 */
final class ReferenceCatchUp implements WatermarkGenerator<RawRecord> {
    private final long quietNanos;
    private final long emptyGraceNanos;
    private final long createdAt = System.nanoTime();
    private long lastRecordAt = Long.MIN_VALUE;

    ReferenceCatchUp(Duration quiet, Duration emptyGrace) {
        this.quietNanos = quiet.toNanos();
        this.emptyGraceNanos = emptyGrace.toNanos();
    }

    @Override
    public void onEvent(RawRecord record, long timestamp, WatermarkOutput output) {
        lastRecordAt = System.nanoTime();
        output.markActive();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = System.nanoTime();
        boolean readUp = lastRecordAt == Long.MIN_VALUE ? now - createdAt >= emptyGraceNanos : now - lastRecordAt >= quietNanos;
        if (readUp) {
            output.markIdle();
        }
    }
}
