package org.insurwatch.jobs.alerts;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.alert.Alert;

/**
 * Writes alerts to Elasticsearch with the bulk API, the alert id as document id: a retry or a replay
 * overwrites the same document, so at-least-once delivery stores every alert exactly once. Buffered alerts
 * are flushed before every checkpoint completes, so a checkpoint never covers an alert not yet stored.
 */
public final class ElasticsearchAlertSink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private final JobConfig.Elasticsearch config;

    public ElasticsearchAlertSink(JobConfig.Elasticsearch config) {
        this.config = config;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new ElasticsearchAlertWriter(config, context.metricGroup());
    }
}
