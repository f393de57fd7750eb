package org.insurwatch.jobs.alerts.webhook;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes webhook dead letters to Kafka from whichever thread a delivery ends on, and reports on
 * {@link #flush} whether every one of them is stored.
 */
final class DeadLetterPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** acks=all: a dead letter is the only copy of an undelivered alert once the checkpoint covers it. */
    static Producer<byte[], byte[]> kafkaProducer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void publish(WebhookDeadLetter letter) {
        try {
            producer.send(letter.toRecord(topic), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * Waits until Kafka has acknowledged every dead letter published so far. Throws if one was lost, so that the
     * checkpoint which would cover its alert fails and the alert is replayed instead of forgotten.
     */
    void flush() throws IOException {
        producer.flush();
        Exception lost = failure.getAndSet(null);
        if (lost != null) {
            throw new IOException("a webhook dead letter could not be written to Kafka topic " + topic, lost);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
