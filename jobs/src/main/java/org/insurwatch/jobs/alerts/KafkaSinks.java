package org.insurwatch.jobs.alerts;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.DeadLetter;

import java.nio.charset.StandardCharsets;

/**
 * The job's Kafka outputs, in Avro single-object encoding. At-least-once is enough: alerts carry their
 * deterministic id as the record key, so consumers (and a compacted topic) collapse repeats.
 */
public final class KafkaSinks {
    private KafkaSinks() {
    }

    public static KafkaSink<Alert> alerts(JobConfig.Kafka kafka) {
        return sink(kafka, new AlertRecords(kafka.topics.alerts));
    }

    public static KafkaSink<DeadLetter> deadLetters(JobConfig.Kafka kafka) {
        return sink(kafka, new DeadLetterRecords(kafka.topics.deadLetters));
    }

    private static <T> KafkaSink<T> sink(JobConfig.Kafka kafka, KafkaRecordSerializationSchema<T> records) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(records)
                .build();
    }

    private record AlertRecords(String topic) implements KafkaRecordSerializationSchema<Alert> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, alert.getAlertId().getBytes(StandardCharsets.UTF_8), AvroBytes.of(alert::toByteBuffer));
        }
    }

    private record DeadLetterRecords(String topic) implements KafkaRecordSerializationSchema<DeadLetter> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, AvroBytes.of(letter::toByteBuffer));
        }
    }
}
