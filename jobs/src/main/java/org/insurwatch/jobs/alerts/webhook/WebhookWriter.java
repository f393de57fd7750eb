package org.insurwatch.jobs.alerts.webhook;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.kafka.clients.producer.Producer;
import org.insurwatch.schema.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The writer of {@link WebhookSink}: starts one delivery per alert and matching endpoint and returns at once;
 * deliveries end on HTTP client threads, where an undelivered alert is dead-lettered. A permit per pending
 * delivery bounds the window: {@link #write} blocks only when it is full, and {@link #flush} takes every
 * permit, i.e. waits until nothing is in flight.
 */
final class WebhookWriter implements SinkWriter<Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWriter.class);

    private final List<WebhookEndpoint> endpoints;
    private final WebhookDeliverer deliverer;
    private final DeadLetterPublisher deadLetters;
    private final int maxInFlight;
    private final Semaphore inFlight;
    // deliveries end on many threads: Flink's default counter is not thread-safe
    private final Counter delivered;
    private final Counter deadLettered;

    WebhookWriter(WebhookConfig config, Producer<byte[], byte[]> deadLetterProducer, MetricGroup metrics) {
        this.endpoints = config.endpoints.stream().map(WebhookEndpoint::of).toList();
        this.deadLetters = new DeadLetterPublisher(deadLetterProducer, config.deadLetterTopic);
        this.maxInFlight = config.maxInFlight;
        this.inFlight = new Semaphore(config.maxInFlight);
        this.delivered = metrics.counter("webhooksDelivered", new ThreadSafeSimpleCounter());
        this.deadLettered = metrics.counter("webhooksDeadLettered", new ThreadSafeSimpleCounter());
        Counter retried = metrics.counter("webhooksRetried", new ThreadSafeSimpleCounter());
        RetryPolicy retry = new RetryPolicy(config.retry);
        this.deliverer = new WebhookDeliverer(retry, retried::inc);
        LOG.info("webhooks to {}; a checkpoint waits at most {} for pending deliveries",
                endpoints.stream().map(WebhookEndpoint::name).toList(), retry.longestDelivery());
    }

    @Override
    public void write(Alert alert, Context context) throws InterruptedException {
        for (WebhookEndpoint endpoint : endpoints) {
            if (endpoint.wants(alert)) {
                inFlight.acquire();
                deliverer.deliver(endpoint, alert).thenAccept(this::settle);
            }
        }
    }

    private void settle(DeliveryResult result) {
        try {
            if (result.isDelivered()) {
                delivered.inc();
            } else {
                LOG.warn("webhook {} did not take alert {} after {} attempts ({}); it goes to the dead-letter topic",
                        result.endpoint().name(), result.alert().getAlertId(), result.attempts(), result.lastError());
                deadLetters.publish(WebhookDeadLetter.of(result));
                deadLettered.inc();
            }
        } finally {
            inFlight.release();
        }
    }

    /** Called before every checkpoint: returns once every alert written so far is delivered or stored as a dead letter. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        deadLetters.flush();
    }

    @Override
    public void close() {
        deliverer.close();
        deadLetters.close();
    }
}
