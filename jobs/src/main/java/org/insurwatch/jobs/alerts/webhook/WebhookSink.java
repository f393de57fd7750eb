package org.insurwatch.jobs.alerts.webhook;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.alert.Alert;

/**
 * Pushes every alert to the webhook endpoints whose filters it matches, signed as {@link WebhookSignature}
 * describes. Deliveries are asynchronous and retried with back-off; an alert an endpoint does not take goes
 * to the webhook dead-letter topic, for {@code webhooks-resend}. Before every checkpoint the writer waits until
 * each pending delivery has ended either way, so a checkpoint never covers an alert that is neither delivered
 * nor dead-lettered; receivers de-duplicate the repeats a replay brings by the Idempotency-Key.
 */
public final class WebhookSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private final WebhookConfig config;
    private final String bootstrapServers;

    public WebhookSink(WebhookConfig config, JobConfig.Kafka kafka) {
        // resolved here only to stop a start whose secrets are missing; each writer reads them again, so they
        // never travel inside the job graph
        config.endpoints.forEach(WebhookEndpoint::of);
        this.config = config;
        this.bootstrapServers = kafka.bootstrapServers;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new WebhookWriter(config, DeadLetterPublisher.kafkaProducer(bootstrapServers), context.metricGroup());
    }
}
