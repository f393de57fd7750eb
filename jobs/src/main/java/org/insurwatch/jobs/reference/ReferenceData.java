package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.ingest.DeadLetters;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.reference.OfflineVisit;

import java.time.Duration;
import java.util.List;

/**
 * All reference data: the registries as one broadcast stream of versions, the offline-visit history as a stream
 * to be keyed by insured person, and the records that could not be read.
 */
public final class ReferenceData {
    /** Long enough for the Kafka sources to be assigned their partitions and start reading. */
    static final Duration STARTUP = Duration.ofSeconds(20);

    private final DataStream<ReferenceVersions> versions;
    private final BroadcastStream<ReferenceVersions> broadcast;
    private final DataStream<OfflineVisit> offlineVisits;
    private final DataStream<DeadLetter> deadLetters;

    private ReferenceData(DataStream<ReferenceVersions> versions, DataStream<OfflineVisit> offlineVisits, DataStream<DeadLetter> deadLetters) {
        this.versions = versions;
        this.broadcast = versions.broadcast(ReferenceState.DESCRIPTOR);
        this.offlineVisits = offlineVisits;
        this.deadLetters = deadLetters;
    }

    public static ReferenceData of(StreamExecutionEnvironment env, StreamSources sources) {
        DataStream<ReferenceVersions> versions = null;
        DataStream<DeadLetter> deadLetters = null;
        for (ReferenceKind kind : ReferenceKind.values()) {
            if (!kind.broadcast()) {
                continue;
            }
            SingleOutputStreamOperator<ReferenceVersions> decoded = decode(env, sources, kind,
                    record -> new ReferenceVersions(kind.keyOf(record), List.of(record)), ReferenceVersions.class);
            versions = versions == null ? decoded : versions.union(decoded);
            deadLetters = deadLetters == null ? decoded.getSideOutput(DeadLetters.TAG) : deadLetters.union(decoded.getSideOutput(DeadLetters.TAG));
        }
        SingleOutputStreamOperator<OfflineVisit> visits = decode(env, sources, ReferenceKind.OFFLINE_VISIT,
                record -> (OfflineVisit) record, OfflineVisit.class);
        return new ReferenceData(gate(versions, ReferenceVersions.class, "reference-gate"),
                gate(visits, OfflineVisit.class, "offline-visit-gate"),
                deadLetters.union(visits.getSideOutput(DeadLetters.TAG)));
    }

    private static <T extends SpecificRecordBase> SingleOutputStreamOperator<T> decode(StreamExecutionEnvironment env, StreamSources sources, ReferenceKind kind,
                                                            DecodeReference.Keep<T> keep, Class<T> type) {
        String name = "reference-" + kind.name().toLowerCase() + "-decode";
        return sources.openReference(env, kind)
                .process(new DecodeReference<>(kind, keep), new AvroTypeInfo<>(type))
                .name(name).uid(name);
    }

    private static <T extends SpecificRecordBase> DataStream<T> gate(DataStream<T> records, Class<T> type, String name) {
        return records.transform(name, new AvroTypeInfo<>(type), new ReferenceGate<T>(STARTUP)).uid(name);
    }

    public BroadcastStream<ReferenceVersions> broadcast() {
        return broadcast;
    }

    /** The same versions, for an operator that broadcasts them together with versions of its own. */
    public DataStream<ReferenceVersions> versions() {
        return versions;
    }

    /** Every offline visit the insurer knows of from its own settlements, in the order read. */
    public DataStream<OfflineVisit> offlineVisits() {
        return offlineVisits;
    }

    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }
}
