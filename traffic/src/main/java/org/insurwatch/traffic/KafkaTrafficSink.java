package org.insurwatch.traffic;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the traffic and reference data to Kafka as Avro single-object encoded values, and the ground truth
 * to a JSON-lines file. Topics are named after the streams ({@code consultation}, ...) and the reference
 * topics ({@code ref.doctors}, ...) unless the topic map renames them.
 */
public final class KafkaTrafficSink implements TrafficSink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> topics;
    private final GroundTruthLog groundTruth;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaTrafficSink(String bootstrapServers, Path groundTruthFile) {
        this(bootstrapServers, Map.of(), groundTruthFile);
    }

    /** @param topics topic names by stream or reference topic name; names not in the map are used as they are */
    public KafkaTrafficSink(String bootstrapServers, Map<String, String> topics, Path groundTruthFile) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
        this.topics = Map.copyOf(topics);
        this.groundTruth = new GroundTruthLog(groundTruthFile);
    }

    @Override
    public void writeReference(ReferenceRecord record) {
        send(record.topic().topicName(), record.key(), record.record());
    }

    @Override
    public void write(GeneratedEvent event) {
        send(event.stream(), event.key(), event.record());
    }

    @Override
    public void write(GroundTruth truth) {
        groundTruth.append(truth);
    }

    @Override
    public void flush() {
        producer.flush();
        groundTruth.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
            groundTruth.close();
        }
    }

    /**
     * The Kafka timestamp is left to the producer: simulated event times lie far from the wall clock, and
     * as record timestamps they would let retention delete the traffic as soon as it is written.
     */
    private void send(String name, String key, SpecificRecord value) {
        throwIfFailed();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.getOrDefault(name, name),
                key.getBytes(StandardCharsets.UTF_8), SingleObjectEncoding.encode(value));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new KafkaException("writing the traffic to Kafka failed", error);
        }
    }
}
