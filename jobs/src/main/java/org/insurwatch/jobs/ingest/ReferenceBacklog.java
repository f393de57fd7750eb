package org.insurwatch.jobs.ingest;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.insurwatch.jobs.JobConfig;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each partition of a reference topic reached when the job was built: the reference data that was there
 * before the job's events, which they must wait for. Reading a partition up to there is catching up; silence before
 * that is backpressure or a slow fetch, not the end of the data.
 */
public final class ReferenceBacklog implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Nothing known to wait for: a partition counts as caught up from its first record. */
    public static final ReferenceBacklog NONE = new ReferenceBacklog(Map.of());

    private final Map<Integer, Long> endOffsets;

    public ReferenceBacklog(Map<Integer, Long> endOffsets) {
        this.endOffsets = Map.copyOf(endOffsets);
    }

    /** The topics' end offsets now, read with one consumer; a topic that does not exist yet has no backlog. */
    public static Map<String, ReferenceBacklog> of(JobConfig.Kafka kafka, Collection<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = WholeTopic.consumer(kafka, "reference-backlog")) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> WholeTopic.partitions(consumer, topic).stream()).toList();
            Map<String, Map<Integer, Long>> ends = new HashMap<>();
            topics.forEach(topic -> ends.put(topic, new HashMap<>()));
            consumer.endOffsets(partitions).forEach((partition, offset) -> ends.get(partition.topic()).put(partition.partition(), offset));
            Map<String, ReferenceBacklog> backlogs = new HashMap<>();
            ends.forEach((topic, end) -> backlogs.put(topic, new ReferenceBacklog(end)));
            return backlogs;
        }
    }

    /** Whether the record is the backlog's last in its partition, or beyond it (a partition added since has none). */
    public boolean readUpTo(RawRecord record) {
        Long end = endOffsets.get(record.partition);
        return end == null || record.offset + 1 >= end;
    }
}
