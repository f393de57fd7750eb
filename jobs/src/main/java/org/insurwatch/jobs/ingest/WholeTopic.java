package org.insurwatch.jobs.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/** Reads a topic outside the job, from its earliest offset to the latest at the start of the read, for commands. */
public final class WholeTopic {
    private static final Duration STALL = Duration.ofSeconds(60);

    private WholeTopic() {
    }

    /** @param purpose names the reader in the broker's client ids, e.g. archive */
    public static void read(JobConfig.Kafka kafka, String purpose, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, purpose)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                throw new InvalidConfigException("topic " + topic + " does not exist on " + kafka.bootstrapServers);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("reading " + topic + " made no progress for " + STALL.toSeconds() + " s");
                }
            }
        }
    }

    /** The topic's partitions; none for a topic that does not exist. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** A consumer of raw bytes that assigns its partitions itself, never commits and never creates a topic. */
    static KafkaConsumer<byte[], byte[]> consumer(JobConfig.Kafka kafka, String purpose) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId + "-" + purpose);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // topics come from the setup with their partitions and compaction, never from a reader asking for one
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }
}
