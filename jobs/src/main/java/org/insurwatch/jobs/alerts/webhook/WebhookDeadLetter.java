package org.insurwatch.jobs.alerts.webhook;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.schema.alert.Alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An alert an endpoint did not take, as a record of the webhook dead-letter topic: key = alertId, value = the
 * alert (Avro single-object encoding, like the alerts topic), headers {@code endpoint}, {@code lastError},
 * {@code attempts}. It keeps the alert itself, not the request, so a re-send is signed afresh.
 */
record WebhookDeadLetter(String endpoint, Alert alert, int attempts, String lastError) {
    static final String ENDPOINT = "endpoint";
    static final String LAST_ERROR = "lastError";
    static final String ATTEMPTS = "attempts";
    /** A receiver's error text can be long; the start says what went wrong. */
    private static final int MAX_ERROR_CHARS = 500;

    static WebhookDeadLetter of(DeliveryResult result) {
        return new WebhookDeadLetter(result.endpoint().name(), result.alert(), result.attempts(), result.lastError());
    }

    ProducerRecord<byte[], byte[]> toRecord(String topic) {
        Headers headers = new RecordHeaders()
                .add(ENDPOINT, utf8(endpoint))
                .add(LAST_ERROR, utf8(lastError.length() > MAX_ERROR_CHARS ? lastError.substring(0, MAX_ERROR_CHARS) : lastError))
                .add(ATTEMPTS, utf8(Integer.toString(attempts)));
        return new ProducerRecord<>(topic, null, utf8(alert.getAlertId()), AvroBytes.of(alert::toByteBuffer), headers);
    }

    /** Reads a dead letter back; a record that is not one fails with a message that says what is missing. */
    static WebhookDeadLetter from(ConsumerRecord<byte[], byte[]> record) {
        Alert alert;
        try {
            alert = Alert.getDecoder().decode(record.value());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("value is not an Alert: " + e.getMessage());
        }
        String attempts = header(record, ATTEMPTS);
        return new WebhookDeadLetter(header(record, ENDPOINT), alert,
                attempts.matches("\\d{1,9}") ? Integer.parseInt(attempts) : 0, header(record, LAST_ERROR));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("no '" + name + "' header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
