package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

import java.time.Duration;

/** TRACE-LATE-UPLOAD: a prescription must reach the platform in real time after it is signed (000 art.7). */
public final class LateUploadRule implements FlatMapFunction<ChainEvent, Alert> {
    private static final long serialVersionUID = 1L;
    private final long thresholdMillis;

    public LateUploadRule(Duration threshold) {
        this.thresholdMillis = threshold.toMillis();
    }

    @Override
    public void flatMap(ChainEvent event, Collector<Alert> out) {
        if (event.stage == ChainStage.PRESCRIBED && event.eventTime - event.occurredAt > thresholdMillis) {
            out.collect(ChainAlerts.alert(TraceabilityRules.LATE_UPLOAD, event.eventTime, event));
        }
    }
}
