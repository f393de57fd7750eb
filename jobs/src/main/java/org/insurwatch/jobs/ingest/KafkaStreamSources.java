package org.insurwatch.jobs.ingest;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.reference.ReferenceKind;

import java.util.Arrays;
import java.util.Map;

/**
 * The four live streams from Kafka. Offsets are part of Flink's checkpoints (and committed back on each
 * checkpoint only for monitoring); a first start reads each topic from the beginning.
 */
public final class KafkaStreamSources implements StreamSources {
    private final JobConfig.Kafka kafka;
    private final JobConfig.EventTime eventTime;
    private final boolean bounded;
    /** Fetched once, at the first reference source, for all of them. */
    private Map<String, ReferenceBacklog> referenceBacklogs;

    private KafkaStreamSources(JobConfig config, boolean bounded) {
        this.kafka = config.kafka;
        this.eventTime = config.eventTime;
        this.bounded = bounded;
    }

    /** Reads for ever. */
    public static KafkaStreamSources live(JobConfig config) {
        return new KafkaStreamSources(config, false);
    }

    /** Reads what the topics hold when the job starts, then finishes; end of input fires every pending timeout. */
    public static KafkaStreamSources upToLatest(JobConfig config) {
        return new KafkaStreamSources(config, true);
    }

    @Override
    public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
        return env.fromSource(source(topicOf(stream), stream.name(), new RawRecordDeserializer(stream, eventTime.maxFutureSkew)),
                        EventTimes.watermarks(eventTime), stream.name() + "-source")
                .uid(stream.name() + "-source");
    }

    @Override
    public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
        String name = "reference-" + kind.name().toLowerCase();
        String topic = kind.topic(kafka.topics);
        if (referenceBacklogs == null) {
            referenceBacklogs = ReferenceBacklog.of(kafka, Arrays.stream(ReferenceKind.values()).map(k -> k.topic(kafka.topics)).toList());
        }
        return env.fromSource(source(topic, name, new RawRecordDeserializer(null, eventTime.maxFutureSkew)),
                        EventTimes.referenceWatermarks(referenceBacklogs.get(topic)), name + "-source")
                .uid(name + "-source");
    }

    private KafkaSource<RawRecord> source(String topic, String name, RawRecordDeserializer deserializer) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setTopics(topic)
                .setGroupId(kafka.groupId)
                .setClientIdPrefix(kafka.groupId + "-" + name)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        } else {
            // new partitions of a live topic are picked up within a minute
            builder.setProperty("partition.discovery.interval.ms", "60000");
        }
        return builder.build();
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        Map<LiveStream<?>, String> topics = Map.of(
                LiveStream.CONSULTATION, kafka.topics.consultation,
                LiveStream.PRESCRIPTION, kafka.topics.prescription,
                LiveStream.SETTLEMENT, kafka.topics.settlement,
                LiveStream.LOGISTICS, kafka.topics.logistics);
        return topics.get(stream);
    }
}
