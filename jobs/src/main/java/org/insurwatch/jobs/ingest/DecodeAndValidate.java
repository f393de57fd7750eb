package org.insurwatch.jobs.ingest;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.DeadLetterReason;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one stream's raw records and checks them; a record that does not decode, is of another schema or
 * is invalid leaves by the dead-letter side output with its reason and is counted, and nothing else stops.
 */
public final class DecodeAndValidate<T extends SpecificRecordBase> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    private final LiveStream<T> stream;
    private final Duration maxFutureSkew;
    private transient Map<DeadLetterReason, Counter> deadLetterCounters;

    public DecodeAndValidate(LiveStream<T> stream, Duration maxFutureSkew) {
        this.stream = stream;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetterCounters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetterCounters.put(reason, getRuntimeContext().getMetricGroup().counter(DeadLetters.counterName(reason)));
        }
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        T record;
        try {
            record = stream.decode(raw.value);
        } catch (MissingSchemaException e) {
            reject(raw, ctx, DeadLetterReason.UNKNOWN_SCHEMA, "not a " + stream + " record: " + e.getMessage());
            return;
        } catch (BadHeaderException e) {
            reject(raw, ctx, DeadLetterReason.UNDECODABLE, "no Avro single-object header: " + e.getMessage());
            return;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            reject(raw, ctx, DeadLetterReason.UNDECODABLE, "undecodable " + stream + " record: " + e);
            return;
        }
        List<String> problems = stream.problems(record, Instant.now().plus(maxFutureSkew));
        if (!problems.isEmpty()) {
            reject(raw, ctx, DeadLetterReason.INVALID, String.join("; ", problems));
            return;
        }
        out.collect(record);
    }

    private void reject(RawRecord raw, Context ctx, DeadLetterReason reason, String detail) {
        deadLetterCounters.get(reason).inc();
        ctx.output(DeadLetters.TAG, DeadLetters.of(reason, detail, stream.name(), raw.topic, raw.partition, raw.offset, raw.value));
    }
}
