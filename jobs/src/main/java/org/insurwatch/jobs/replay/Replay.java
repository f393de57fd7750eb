package org.insurwatch.jobs.replay;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.alerts.AlertDocuments;
import org.insurwatch.jobs.elasticsearch.ElasticsearchSink;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.schema.alert.Alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One bounded run of the supervision job's topology over an event-time range, from Kafka or from an archive, with
 * alerts going to an Elasticsearch index of the caller's choosing and/or an NDJSON file; nothing goes to Kafka
 * (dead letters and the dashboards' summaries are dropped). Finishes by itself.
 */
public final class Replay {
    private final JobConfig config;
    private final EventTimeRange range;
    private final Path archive;
    private final String alertsIndex;
    private final Path ndjson;

    public record Summary(long eventsRead, long outsideRange, long rejected, Map<String, Long> alertsByRule,
                          double seconds) {
        public long alerts() {
            return alertsByRule.values().stream().mapToLong(Long::longValue).sum();
        }

        public double eventsPerSecond() {
            return seconds > 0 ? eventsRead / seconds : 0;
        }

        public String describe() {
            String rules = alertsByRule.isEmpty() ? "none" : alertsByRule.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            return String.format("events read %,d (outside the range %,d, rejected %,d) | alerts %,d: %s | %.1f s, %,.0f events/s",
                    eventsRead, outsideRange, rejected, alerts(), rules, seconds, eventsPerSecond());
        }
    }

    /**
     * @param archive     the archive directory, or null to read Kafka
     * @param alertsIndex the Elasticsearch alert index to write (monthly indices {@code <name>-yyyy.MM}), or null
     * @param ndjson      the NDJSON file to write, or null
     */
    public Replay(JobConfig config, EventTimeRange range, Path archive, String alertsIndex, Path ndjson) {
        if (alertsIndex == null && ndjson == null) {
            throw new InvalidConfigException("give --alerts-index NAME or --ndjson FILE (or both): a replay must write its alerts somewhere");
        }
        if (alertsIndex != null) {
            String previous = config.elasticsearch.alertsIndex;
            config.elasticsearch.alertsIndex = alertsIndex;
            try {
                config.validate();
            } catch (InvalidConfigException e) {
                config.elasticsearch.alertsIndex = previous;
                throw new InvalidConfigException("--alerts-index '" + alertsIndex + "': "
                        + e.getMessage().replace("config key 'elasticsearch.alertsIndex' ", ""));
            }
        }
        if (range.isAll() || range.fromMillis() == EventTimeRange.ALL.fromMillis() || range.toMillis() == EventTimeRange.ALL.toMillis()) {
            throw new InvalidConfigException("a replay needs both --from and --to");
        }
        this.config = config;
        this.range = range;
        this.archive = archive;
        this.alertsIndex = alertsIndex;
        this.ndjson = ndjson;
    }

    public StreamSources sources() {
        return archive == null ? new KafkaRangeSources(config, range) : new ArchiveSources(archive, range, config);
    }

    public Summary run(StreamExecutionEnvironment env) throws Exception {
        StreamSources sources = sources();
        Path parts = Files.createTempDirectory("insurwatch-replay-alerts-");
        List<Sink<Alert>> alertSinks = new ArrayList<>();
        if (alertsIndex != null) {
            alertSinks.add(new ElasticsearchSink<>(config.elasticsearch, new AlertDocuments(alertsIndex)));
        }
        alertSinks.add(new NdjsonAlertSink(parts));
        new SupervisionJob(config, sources, JobSinks.alertsOnly(alertSinks, new DiscardingSink<>())).build(env);
        long started = System.nanoTime();
        JobExecutionResult result = env.execute("insurwatch-replay " + range);
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            Map<String, Long> byRule = NdjsonAlertSink.merge(parts, ndjson);
            return new Summary(counter(result, KafkaRangeSources.EVENTS_READ), counter(result, KafkaRangeSources.OUTSIDE_RANGE),
                    counter(result, KafkaRangeSources.REJECTED), byRule, seconds);
        } finally {
            NdjsonAlertSink.deleteParts(parts);
        }
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
