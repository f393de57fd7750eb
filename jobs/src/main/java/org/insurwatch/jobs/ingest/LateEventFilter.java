package org.insurwatch.jobs.ingest;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.DeadLetterReason;

import java.time.Instant;

/**
 * Sends an event that arrives behind the watermark, i.e. later than the allowed out-of-orderness, to the
 * dead-letter topic instead of letting the rules drop it silently.
 */
public final class LateEventFilter<T extends SpecificRecordBase> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final LiveStream<T> stream;
    private final String topic;
    private transient Counter tooLate;

    public LateEventFilter(LiveStream<T> stream, String topic) {
        this.stream = stream;
        this.topic = topic;
    }

    @Override
    public void open(OpenContext openContext) {
        tooLate = getRuntimeContext().getMetricGroup().counter(DeadLetters.counterName(DeadLetterReason.TOO_LATE));
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (ctx.timestamp() != null && ctx.timestamp() < watermark) {
            tooLate.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetterReason.TOO_LATE,
                    "event time " + Instant.ofEpochMilli(ctx.timestamp()) + " is behind the watermark "
                            + Instant.ofEpochMilli(watermark),
                    stream.name(), topic, -1, -1, stream.encode(record)));
            return;
        }
        out.collect(record);
    }
}
