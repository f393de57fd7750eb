package org.insurwatch.jobs.alerts.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.alerts.webhook.TestReceiver.Reply;
import static org.insurwatch.jobs.alerts.webhook.TestEndpoints.SECRET;
import static org.insurwatch.jobs.alerts.webhook.TestEndpoints.endpoint;

/** The writer against a real local HTTP receiver, with Kafka's MockProducer as the dead-letter topic. */
class WebhookDeliveryTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CapturedMetrics metrics = new CapturedMetrics();

    private WebhookWriter writer(TestReceiver receiver, int maxAttempts, int maxInFlight) throws Exception {
        WebhookConfig config = new WebhookConfig();
        config.endpoints = List.of(endpoint("case-system", receiver.url("/hooks")));
        config.retry.maxAttempts = maxAttempts;
        config.retry.initialBackoff = Duration.ofMillis(50);
        config.retry.maxBackoff = Duration.ofMillis(200);
        config.retry.requestTimeout = TIMEOUT;
        config.maxInFlight = maxInFlight;
        config.validate();
        return new WebhookWriter(config, deadLetters, metrics);
    }

    @Test
    void everyAlertArrivesOnceAfterDeduplicationThoughTheReceiverFailsThenHangs() throws Exception {
        int failing = 3;
        int hanging = 2;
        List<Alert> alerts = TestAlerts.alerts(20);
        // requests 1-3 get a 500, 4-5 are stored but answered after the timeout (so retried: duplicates), then 200
        try (TestReceiver receiver = new TestReceiver(SECRET, n -> n <= failing ? Reply.status(500)
                : n <= failing + hanging ? new Reply(200, TIMEOUT.multipliedBy(3)) : Reply.status(200))) {
            WebhookWriter writer = writer(receiver, failing + hanging + 1, 100);
            long started = System.nanoTime();
            for (Alert alert : alerts) {
                writer.write(alert, null);
            }
            Duration writing = Duration.ofNanos(System.nanoTime() - started);
            writer.flush(false);
            Duration flushing = Duration.ofNanos(System.nanoTime() - started).minus(writing);
            writer.close();

            Set<String> ids = alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
            assertThat(receiver.keys()).isEqualTo(ids);
            assertThat(receiver.stored()).allSatisfy(r -> {
                assertThat(r.alertId()).isEqualTo(r.idempotencyKey());
                assertThat(new ObjectMapper().readTree(r.body()).path("alertId").asText()).isEqualTo(r.alertId());
            });
            assertThat(receiver.badSignatures()).isZero();
            // at least: on a loaded machine a request answered in time may still miss the timeout and be sent again
            assertThat(receiver.duplicates()).isGreaterThanOrEqualTo(hanging);
            assertThat(metrics.count("webhooksDelivered")).isEqualTo(alerts.size());
            assertThat(metrics.count("webhooksRetried")).isGreaterThanOrEqualTo(failing + hanging);
            assertThat(metrics.count("webhooksDeadLettered")).isZero();
            assertThat(deadLetters.history()).isEmpty();
            assertThat(writing).as("write does not wait for the receiver").isLessThan(TIMEOUT);
            System.out.printf("webhook delivery: %d alerts, %d requests, sent %d, retried %d, dead-lettered %d, "
                            + "duplicates at the receiver %d (dropped by Idempotency-Key); write %d ms, flush %d ms%n",
                    alerts.size(), receiver.requests(), metrics.count("webhooksDelivered"), metrics.count("webhooksRetried"),
                    metrics.count("webhooksDeadLettered"), receiver.duplicates(), writing.toMillis(), flushing.toMillis());
        }
    }

    @Test
    void aReceiverThatRefusesTheSignatureIsNotRetriedAndTheAlertIsDeadLettered() throws Exception {
        List<Alert> alerts = TestAlerts.alerts(3);
        try (TestReceiver receiver = new TestReceiver("the-receiver-has-another-secret", n -> Reply.status(200))) {
            WebhookWriter writer = writer(receiver, 5, 100);
            for (Alert alert : alerts) {
                writer.write(alert, null);
            }
            writer.flush(false);
            writer.close();

            assertThat(receiver.requests()).isEqualTo(alerts.size());
            assertThat(receiver.badSignatures()).isEqualTo(alerts.size());
            assertThat(metrics.count("webhooksRetried")).isZero();
            assertThat(metrics.count("webhooksDeadLettered")).isEqualTo(alerts.size());
            assertThat(deadLetters.history()).hasSize(alerts.size()).allSatisfy(record -> {
                assertThat(record.topic()).isEqualTo("webhook-dead-letters");
                assertThat(header(record, "endpoint")).isEqualTo("case-system");
                assertThat(header(record, "lastError")).isEqualTo("HTTP 401");
                assertThat(header(record, "attempts")).isEqualTo("1");
                Alert alert = Alert.getDecoder().decode(record.value());
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.getAlertId());
                assertThat(alerts).contains(alert);
            });
        }
    }

    @Test
    void writeBlocksOnlyWhenTheInFlightWindowIsFull() throws Exception {
        Duration slow = Duration.ofMillis(300);
        try (TestReceiver receiver = new TestReceiver(SECRET, n -> new Reply(200, slow))) {
            WebhookWriter writer = writer(receiver, 1, 2);
            List<Alert> alerts = TestAlerts.alerts(3);
            long started = System.nanoTime();
            writer.write(alerts.get(0), null);
            writer.write(alerts.get(1), null);
            Duration twoWrites = Duration.ofNanos(System.nanoTime() - started);
            writer.write(alerts.get(2), null);
            Duration threeWrites = Duration.ofNanos(System.nanoTime() - started);
            writer.flush(false);
            writer.close();

            assertThat(twoWrites).isLessThan(slow);
            assertThat(threeWrites).isGreaterThanOrEqualTo(slow);
            assertThat(receiver.keys()).hasSize(3);
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
