package org.insurwatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * The watermark of one reference-data partition: none (so event time waits) while the partition is being
 * read, idle once it has been quiet for a while after its backlog's last record, or once it gave nothing at all
 * within a grace period (an empty topic). Flink's own idleness cannot tell "caught up" from "not started yet": a
 * consumer still connecting would count as idle and let events be judged without their reference data. Nor can
 * quiet alone: a source held back by backpressure is quiet too, so before the backlog's end only a long stall
 * counts (a backlog whose last offset holds no record, such as a transaction marker, still ends).
 * A new record makes the partition active again, so events wait until a live change has been read too.
 */
final class ReferenceCatchUp implements WatermarkGenerator<RawRecord> {
    private final ReferenceBacklog backlog;
    private final long quietNanos;
    private final long stallNanos;
    private final long emptyGraceNanos;
    private final long createdAt = System.nanoTime();
    private long lastRecordAt = Long.MIN_VALUE;
    private boolean backlogRead;

    ReferenceCatchUp(ReferenceBacklog backlog, Duration quiet, Duration stall, Duration emptyGrace) {
        this.backlog = backlog;
        this.quietNanos = quiet.toNanos();
        this.stallNanos = stall.toNanos();
        this.emptyGraceNanos = emptyGrace.toNanos();
    }

    @Override
    public void onEvent(RawRecord record, long timestamp, WatermarkOutput output) {
        lastRecordAt = System.nanoTime();
        backlogRead |= backlog.readUpTo(record);
        output.markActive();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = System.nanoTime();
        boolean readUp = lastRecordAt == Long.MIN_VALUE
                ? now - createdAt >= emptyGraceNanos
                : now - lastRecordAt >= (backlogRead ? quietNanos : stallNanos);
        if (readUp) {
            output.markIdle();
        }
    }
}
