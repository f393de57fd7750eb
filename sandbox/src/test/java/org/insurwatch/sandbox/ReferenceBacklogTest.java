package org.insurwatch.sandbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.ReferenceBacklog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A reference topic's backlog, as the live job takes it from a real broker when it is built. */
class ReferenceBacklogTest {

    @Test
    void aPartitionIsReadUpAtTheLastRecordItHeldWhenTheJobWasBuilt() throws Exception {
        JobConfig config = TestStack.isolatedConfig("reference-backlog");
        String topic = "reference-backlog.ref.two-partitions";
        TestStack.get().kafka().createCompactedTopic(topic, 2);
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, ("D-" + i).getBytes(), new byte[] {1})).get();
            }
        }

        String missing = "reference-backlog.no-such-topic";
        Map<String, ReferenceBacklog> backlogs = ReferenceBacklog.of(config.kafka, List.of(topic, missing));
        ReferenceBacklog backlog = backlogs.get(topic);

        assertThat(backlog.readUpTo(record(topic, 0, 1))).as("a record before the last").isFalse();
        assertThat(backlog.readUpTo(record(topic, 0, 2))).as("the last record").isTrue();
        assertThat(backlog.readUpTo(record(topic, 1, 0))).as("a partition that was empty: anything is new").isTrue();
        assertThat(backlogs.get(missing).readUpTo(record(missing, 0, 0)))
                .as("a topic not created yet has nothing to wait for").isTrue();
    }

    private static RawRecord record(String topic, int partition, long offset) {
        return new RawRecord(topic, partition, offset, 0L, Long.MIN_VALUE, new byte[] {1});
    }
}
