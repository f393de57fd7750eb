package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.reference.ReferenceLookup;
import org.insurwatch.jobs.reference.ReferenceRule;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.alert.Alert;

/**
 * TRACE-LATE-UPLOAD: a prescription must reach the platform in real time after it is signed (000 art.7). How late is
 * too late is a threshold of the rule settings, so it is judged with the reference data.
 */
public final class LateUploadRule implements ReferenceRule<Prescription> {
    private static final long serialVersionUID = 1L;
    private final ChainEvents chainEvents;

    public LateUploadRule(ChainEvents chainEvents) {
        this.chainEvents = chainEvents;
    }

    @Override
    public void judge(Prescription p, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        long threshold = reference.ruleSettings(p.getUploadedAt()).lateUploadThreshold().toMillis();
        ChainEvent event = chainEvents.of(p);
        if (event.eventTime - event.occurredAt > threshold) {
            out.collect(ChainAlerts.alert(TraceabilityRules.LATE_UPLOAD, event.eventTime, event));
        }
    }
}
