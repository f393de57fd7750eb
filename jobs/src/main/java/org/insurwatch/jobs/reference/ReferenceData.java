package org.insurwatch.jobs.reference;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.ingest.DeadLetters;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.time.Duration;

/** All reference data as one broadcast stream of versions, plus the records that could not be read. */
public final class ReferenceData {
    /** Long enough for the Kafka sources to be assigned their partitions and start reading. */
    static final Duration STARTUP = Duration.ofSeconds(20);

    private final BroadcastStream<ReferenceVersions> broadcast;
    private final DataStream<DeadLetter> deadLetters;

    private ReferenceData(BroadcastStream<ReferenceVersions> broadcast, DataStream<DeadLetter> deadLetters) {
        this.broadcast = broadcast;
        this.deadLetters = deadLetters;
    }

    public static ReferenceData of(StreamExecutionEnvironment env, StreamSources sources) {
        DataStream<ReferenceVersions> versions = null;
        DataStream<DeadLetter> deadLetters = null;
        for (ReferenceKind kind : ReferenceKind.values()) {
            SingleOutputStreamOperator<ReferenceVersions> decoded = sources.openReference(env, kind)
                    .process(new DecodeReference(kind), new AvroTypeInfo<>(ReferenceVersions.class))
                    .name("reference-" + kind.name().toLowerCase() + "-decode").uid("reference-" + kind.name().toLowerCase() + "-decode");
            versions = versions == null ? decoded : versions.union(decoded);
            deadLetters = deadLetters == null ? decoded.getSideOutput(DeadLetters.TAG) : deadLetters.union(decoded.getSideOutput(DeadLetters.TAG));
        }
        DataStream<ReferenceVersions> gated = versions
                .transform("reference-gate", new AvroTypeInfo<>(ReferenceVersions.class), new ReferenceGate(STARTUP))
                .uid("reference-gate");
        return new ReferenceData(gated.broadcast(ReferenceState.DESCRIPTOR), deadLetters);
    }

    public BroadcastStream<ReferenceVersions> broadcast() {
        return broadcast;
    }

    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }
}
