package org.insurwatch.jobs.replay;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.EventTimes;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.RawRecordDeserializer;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;

/**
 * The four live streams of a replay's range and its warm-up, and all reference data, from Kafka, bounded.
 *
 * <p>Kafka's record timestamps are the producer's wall clock, not event time, so offsets cannot be found by time:
 * each live topic is read from its earliest offset to the latest offset at job start, event-timed per partition at
 * the source exactly as the live job does, and records outside the range and its warm-up are dropped right after the
 * source (they still advance the partition's watermark, as they did live). Records that do not decode or carry an
 * impossible time have no event time: they are kept out of replays and counted ({@link EventCounters#REJECTED}). Reference topics
 * are read whole: the job keeps every version with its validity and judges each event by its own time.
 *
 * <p>The consumer group is the config's {@code groupId} + {@code -replay}; offsets are never committed, so a replay
 * leaves the live job's group alone.
 */
public final class KafkaRangeSources implements StreamSources {

    private final JobConfig.Kafka kafka;
    private final JobConfig.EventTime eventTime;
    private final ReplayRange span;
    private final KafkaStreamSources topics;

    public KafkaRangeSources(JobConfig config, ReplayRange span) {
        this.kafka = config.kafka;
        this.eventTime = config.eventTime;
        this.span = span;
        this.topics = KafkaStreamSources.upToLatest(config);
    }

    @Override
    public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
        String name = stream.name() + "-replay";
        return env.fromSource(source(topicOf(stream), name, new RawRecordDeserializer(stream, eventTime.maxFutureSkew)),
                        EventTimes.watermarks(eventTime), name + "-source")
                .uid(name + "-source")
                .filter(new InRange(span)).name(name + "-range").uid(name + "-range");
    }

    @Override
    public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
        String name = "reference-" + ArchiveLayout.kindName(kind) + "-replay";
        return env.fromSource(source(kind.topic(kafka.topics), name, new RawRecordDeserializer(null, eventTime.maxFutureSkew)),
                        EventTimes.boundedReferenceWatermarks(), name + "-source")
                .uid(name + "-source");
    }

    private KafkaSource<RawRecord> source(String topic, String name, RawRecordDeserializer deserializer) {
        String group = kafka.groupId + "-replay";
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setTopics(topic)
                .setGroupId(group)
                .setClientIdPrefix(group + "-" + name)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setDeserializer(deserializer)
                .build();
    }

    @Override
    public String topicOf(LiveStream<?> stream) {
        return topics.topicOf(stream);
    }
}
