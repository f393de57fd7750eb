package org.insurwatch.jobs.alerts;

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
import org.insurwatch.schema.alert.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The writer of {@link ElasticsearchAlertSink}: buffers, bulk-indexes, retries with exponential back-off. */
final class ElasticsearchAlertWriter implements SinkWriter<Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchAlertWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final JobConfig.Elasticsearch config;
    private final RestClient client;
    private final List<Action> buffer = new ArrayList<>();
    private final Counter indexed;
    private final Counter retried;
    private final Counter rejected;
    private boolean templateInstalled;

    private record Action(String alertId, byte[] line) {
    }

    ElasticsearchAlertWriter(JobConfig.Elasticsearch config, MetricGroup metrics) {
        this.config = config;
        this.client = AlertIndex.client(config.hosts);
        this.indexed = metrics.counter("alertsIndexed");
        this.retried = metrics.counter("alertsBulkRetries");
        this.rejected = metrics.counter("alertsRejected");
    }

    @Override
    public void write(Alert alert, Context context) throws IOException, InterruptedException {
        String meta = "{\"index\":{\"_index\":\"" + config.alertsIndex + "\",\"_id\":\"" + alert.getAlertId() + "\"}}\n";
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        line.write(meta.getBytes(StandardCharsets.UTF_8));
        line.write(AlertDocument.toBytes(alert));
        line.write('\n');
        buffer.add(new Action(alert.getAlertId(), line.toByteArray()));
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
                LOG.warn("Elasticsearch bulk of {} alerts failed ({}); retrying", pending.size(), e.toString());
            }
            if (pending.isEmpty()) {
                break;
            }
            if (attempt >= config.maxRetries) {
                throw new IOException(pending.size() + " alerts not indexed after " + attempt + " retries");
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
                // the alert also sits on the Kafka alerts topic; a rejected document is a mapping bug to fix, not a reason to stop
                rejected.inc();
                LOG.error("Elasticsearch rejected alert {}: {}", actions.get(i).alertId(), item.path("error").path("reason").asText());
            }
        }
        return again;
    }

    private void ensureTemplate() throws IOException, InterruptedException {
        for (int attempt = 0; !templateInstalled; attempt++) {
            try {
                AlertIndex.installTemplate(client, config.alertsIndex);
                templateInstalled = true;
            } catch (IOException e) {
                if (attempt >= config.maxRetries) {
                    throw new IOException("cannot install the alert index template", e);
                }
                backOff(attempt);
            }
        }
    }

    private void backOff(int attempt) throws InterruptedException {
        long base = config.initialBackoff.toMillis() << Math.min(attempt, 10);
        Thread.sleep(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
