package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

/** TRACE-ORDER: a step must not happen before the step it follows (paid before signed, signed before the visit). */
public final class OutOfOrderCheck implements StepPairCheck {
    private static final long serialVersionUID = 1L;

    @Override
    public void check(ChainEvent predecessor, ChainEvent step, Collector<Alert> out) {
        if (predecessor.occurredAt > step.occurredAt) {
            out.collect(ChainAlerts.alert(TraceabilityRules.OUT_OF_ORDER, Math.max(predecessor.eventTime, step.eventTime),
                    predecessor, step));
        }
    }
}
