package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.ingest.DeadLetters;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.schema.alert.DeadLetterReason;

import java.io.Serializable;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decodes one kind of reference record into what the job keeps of it (a one-version update of a registry, or
 * the record itself for a history); what does not decode, or may not take effect, is dead-lettered with its reason
 * and counted, and what was in force stays.
 */
final class DecodeReference<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    interface Keep<T> extends Function<SpecificRecordBase, T>, Serializable {
    }

    private final ReferenceKind kind;
    private final Keep<T> keep;
    private transient Counter rejected;

    DecodeReference(ReferenceKind kind, Keep<T> keep) {
        this.kind = kind;
        this.keep = keep;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().counter("referenceRecordsRejected");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        SpecificRecordBase record;
        try {
            record = kind.decode(raw.value);
            if (kind.validFrom(record) == null) {
                throw new IllegalArgumentException("no validFrom");
            }
        } catch (Exception e) {
            reject(DeadLetterReason.UNDECODABLE, "not a " + kind + " reference record: " + e, raw, ctx);
            return;
        }
        Optional<String> problem = kind.problem(record);
        if (problem.isPresent()) {
            reject(DeadLetterReason.INVALID, problem.get(), raw, ctx);
            return;
        }
        out.collect(keep.apply(record));
    }

    private void reject(DeadLetterReason reason, String detail, RawRecord raw, Context ctx) {
        rejected.inc();
        ctx.output(DeadLetters.TAG, DeadLetters.of(reason, detail, "reference." + kind.name().toLowerCase(), raw.topic, raw.partition,
                raw.offset, raw.value));
    }
}
