package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.ingest.DeadLetters;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.schema.alert.DeadLetterReason;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.util.List;

/** Decodes one kind of reference record into a one-version update; what does not decode is dead-lettered and counted. */
final class DecodeReference extends ProcessFunction<RawRecord, ReferenceVersions> {
    private static final long serialVersionUID = 1L;
    private final ReferenceKind kind;
    private transient Counter rejected;

    DecodeReference(ReferenceKind kind) {
        this.kind = kind;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().counter("referenceRecordsRejected");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ReferenceVersions> out) {
        SpecificRecordBase record;
        try {
            record = kind.decode(raw.value);
            if (kind.validFrom(record) == null) {
                throw new IllegalArgumentException("no validFrom");
            }
        } catch (Exception e) {
            rejected.inc();
            ctx.output(DeadLetters.TAG, DeadLetters.of(DeadLetterReason.UNDECODABLE, "not a " + kind + " reference record: " + e,
                    "reference." + kind.name().toLowerCase(), raw.topic, raw.partition, raw.offset, raw.value));
            return;
        }
        out.collect(new ReferenceVersions(kind.keyOf(record), List.of(record)));
    }
}
