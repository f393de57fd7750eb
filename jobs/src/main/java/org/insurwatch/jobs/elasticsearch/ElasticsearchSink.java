package org.insurwatch.jobs.elasticsearch;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.insurwatch.jobs.JobConfig;

/**
 * Writes records to Elasticsearch with the bulk API, each under its deterministic document id: a retry or a
 * replay overwrites the same document, so at-least-once delivery stores every record exactly once. Buffered
 * records are flushed before every checkpoint completes, so a checkpoint never covers a record not yet stored.
 */
public final class ElasticsearchSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final JobConfig.Elasticsearch config;
    private final ElasticsearchDocuments<T> documents;

    public ElasticsearchSink(JobConfig.Elasticsearch config, ElasticsearchDocuments<T> documents) {
        this.config = config;
        this.documents = documents;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ElasticsearchWriter<>(config, documents, context.metricGroup());
    }
}
