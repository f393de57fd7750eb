package org.insurwatch.jobs.reference;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.time.Duration;

/**
 * Passes reference records on, but keeps the reference stream active, holding event time back, for a start-up
 * period. A reference source counts as idle both when it has been read up and before Kafka has even assigned
 * it its partitions; without this gate, events read in the first seconds would be judged against reference
 * data not loaded yet. After the start-up period the sources' own idleness (read up, or a live change being
 * read) passes through. A bounded source that ends releases event time at once.
 */
final class ReferenceGate<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private final long startupMillis;
    private transient boolean started;
    private transient WatermarkStatus upstream;

    ReferenceGate(Duration startup) {
        this.startupMillis = startup.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        upstream = WatermarkStatus.ACTIVE;
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + startupMillis, time -> {
            started = true;
            output.emitWatermarkStatus(upstream);
        });
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        output.collect(record);
    }

    /**
     * A bounded reference source that ends releases event time for good. Its own final watermark does not always
     * get here: a source that was idle when it ended sends none, and the start-up timer dies with this operator,
     * so without this the rules reading the stream would wait for ever and never judge.
     */
    @Override
    public void endInput() {
        started = true;
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        upstream = status;
        if (started) {
            super.processWatermarkStatus(status);
        }
    }
}
