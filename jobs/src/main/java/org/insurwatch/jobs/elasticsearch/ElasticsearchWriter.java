package org.insurwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.insurwatch.jobs.JobConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The writer of {@link ElasticsearchSink}: buffers, bulk-indexes, retries with exponential back-off. */
final class ElasticsearchWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A wait longer than this between retries only delays the restart that Flink would do anyway. */
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** Monthly indices: retention drops whole months, and a month's documents never move between indices. */
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final JobConfig.Elasticsearch config;
    private final ElasticsearchDocuments<T> documents;
    private final RestClient client;
    private final List<Action> buffer = new ArrayList<>();
    private final Counter indexed;
    private final Counter retried;
    private final Counter rejected;
    private boolean templateInstalled;

    private record Action(String id, byte[] line) {
    }

    ElasticsearchWriter(JobConfig.Elasticsearch config, ElasticsearchDocuments<T> documents, MetricGroup metrics) {
        this.config = config;
        this.documents = documents;
        this.client = IndexTemplates.client(config.hosts);
        this.indexed = metrics.counter("documentsIndexed");
        this.retried = metrics.counter("documentsBulkRetries");
        this.rejected = metrics.counter("documentsRejected");
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        String id = documents.id(record);
        String index = documents.index() + "-" + MONTH.format(Instant.ofEpochMilli(documents.time(record)));
        String meta = "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n";
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        line.write(meta.getBytes(StandardCharsets.UTF_8));
        line.write(documents.json(record));
        line.write('\n');
        buffer.add(new Action(id, line.toByteArray()));
        if (buffer.size() >= config.bulkMaxActions) {
            flush(false);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        ensureTemplate();
        List<Action> pending = new ArrayList<>(buffer);
        for (int attempt = 0; ; attempt++) {
            try {
                pending = bulk(pending);
            } catch (IOException e) {
                if (attempt >= config.maxRetries) {
                    throw new IOException("Elasticsearch bulk failed after " + attempt + " retries", e);
                }
                LOG.warn("Elasticsearch bulk of {} documents to {} failed ({}); retrying", pending.size(), documents.index(), e.toString());
            }
            if (pending.isEmpty()) {
                break;
            }
            if (attempt >= config.maxRetries) {
                throw new IOException(pending.size() + " documents not indexed in " + documents.index() + " after " + attempt + " retries");
            }
            retried.inc(pending.size());
            backOff(attempt);
        }
        buffer.clear();
    }

    /** Sends one bulk request; returns the actions to try again (throttled or failed on the server side). */
    private List<Action> bulk(List<Action> actions) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(actions.size() * 1024);
        for (Action a : actions) {
            body.write(a.line());
        }
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new ByteArrayEntity(body.toByteArray(), NDJSON));
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 429 || status >= 500) {
                return actions;
            }
            throw e;
        }
        JsonNode result = JSON.readTree(response.getEntity().getContent());
        if (!result.path("errors").asBoolean(false)) {
            indexed.inc(actions.size());
            return List.of();
        }
        List<Action> again = new ArrayList<>();
        JsonNode items = result.path("items");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode item = items.path(i).path("index");
            int status = item.path("status").asInt(500);
            if (status < 300) {
                indexed.inc();
            } else if (status == 429 || status >= 500) {
                again.add(actions.get(i));
            } else {
                // a rejected document is a mapping bug to fix, not a reason to stop the job (alerts also sit on the Kafka alerts topic)
                rejected.inc();
                LOG.error("Elasticsearch rejected document {} of {}: {}", actions.get(i).id(), documents.index(),
                        item.path("error").path("reason").asText());
            }
        }
        return again;
    }

    private void ensureTemplate() throws IOException, InterruptedException {
        for (int attempt = 0; !templateInstalled; attempt++) {
            try {
                IndexTemplates.install(client, documents.templateResource(), documents.index(), config.replicas);
                templateInstalled = true;
            } catch (ResponseException e) {
                // Elasticsearch refused the template itself (e.g. it overlaps another one): retrying cannot help
                if (e.getResponse().getStatusLine().getStatusCode() < 500) {
                    throw new IOException("Elasticsearch refused the index template of " + documents.index() + ": " + e.getMessage(), e);
                }
                retryOrThrow(attempt, e);
            } catch (IOException e) {
                retryOrThrow(attempt, e);
            }
        }
    }

    private void retryOrThrow(int attempt, IOException e) throws IOException, InterruptedException {
        if (attempt >= config.maxRetries) {
            throw new IOException("cannot install the index template of " + documents.index(), e);
        }
        backOff(attempt);
    }

    private void backOff(int attempt) throws InterruptedException {
        long base = Math.min(MAX_BACKOFF_MILLIS, config.initialBackoff.toMillis() << Math.min(attempt, 20));
        Thread.sleep(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
