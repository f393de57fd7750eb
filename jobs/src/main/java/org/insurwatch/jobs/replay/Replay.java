package org.insurwatch.jobs.replay;

import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.FileUtils;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.alerts.AlertDocuments;
import org.insurwatch.jobs.elasticsearch.ElasticsearchSink;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.jobs.rules.settings.RuleSettingsTopic;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.control.RuleSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One bounded run of the supervision job's topology over an event-time range (after a warm-up, if asked), from Kafka
 * or from an archive, with the range's alerts going to an Elasticsearch index of the caller's choosing and/or an
 * NDJSON file; nothing goes to Kafka (dead letters and the dashboards' summaries are dropped). Finishes by itself.
 */
public final class Replay {
    private final JobConfig config;
    private final ReplayRange span;
    private final StreamSources sources;
    private final String alertsIndex;
    private final Path ndjson;

    /** @param eventsRead the range's events; the warm-up's are counted apart */
    public record Summary(long eventsRead, long warmUpEvents, long outsideRange, long rejected, Map<String, Long> alertsByRule,
                          double seconds) {
        public long alerts() {
            return alertsByRule.values().stream().mapToLong(Long::longValue).sum();
        }

        public double eventsPerSecond() {
            return seconds > 0 ? (eventsRead + warmUpEvents) / seconds : 0;
        }

        public String describe() {
            String rules = alertsByRule.isEmpty() ? "none" : alertsByRule.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            return String.format("events read %,d (and %,d of the warm-up; outside the range %,d, rejected %,d) | alerts %,d: %s "
                            + "| %.1f s, %,.0f events/s",
                    eventsRead, warmUpEvents, outsideRange, rejected, alerts(), rules, seconds, eventsPerSecond());
        }
    }

    /**
     * @param archive     the archive directory, or null to read Kafka
     * @param alertsIndex the Elasticsearch alert index to write (monthly indices {@code <name>-yyyy.MM}), or null
     * @param ndjson      the NDJSON file to write, or null
     */
    public Replay(JobConfig config, EventTimeRange range, Path archive, String alertsIndex, Path ndjson) {
        this(config, new ReplayRange(range, ReplayRange.NO_WARM_UP), archive, alertsIndex, ndjson);
    }

    /**
     * Like the other constructor, after the warm-up {@code span} names. Every argument is checked here, the archive's
     * day files included, so a command fails before it writes anything.
     */
    public Replay(JobConfig config, ReplayRange span, Path archive, String alertsIndex, Path ndjson) {
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
        EventTimeRange range = span.range();
        if (range.isAll() || range.fromMillis() == EventTimeRange.ALL.fromMillis() || range.toMillis() == EventTimeRange.ALL.toMillis()) {
            throw new InvalidConfigException("a replay needs both --from and --to");
        }
        span.requirePast(Instant.now());
        this.config = config;
        this.span = span;
        this.sources = archive == null ? new KafkaRangeSources(config, span) : new ArchiveSources(archive, span, config);
        requireSettingsVersion(config, archive);
        this.alertsIndex = alertsIndex;
        this.ndjson = ndjson;
    }

    public StreamSources sources() {
        return sources;
    }

    /** On the Flink cluster the command was submitted to, or else on a local cluster sized by the config. */
    public Summary run() throws Exception {
        return run(StreamExecutionEnvironment.getExecutionEnvironment(SupervisionJob.flinkConfiguration(config)));
    }

    public Summary run(StreamExecutionEnvironment env) throws Exception {
        return run(env, sources);
    }

    /** Over sources that read {@link ReplayRange#read()} and count what they read as the replay's own do. */
    Summary run(StreamExecutionEnvironment env, StreamSources sources) throws Exception {
        Path parts = Files.createTempDirectory("insurwatch-replay-alerts-");
        // without a checkpoint directory a local run checkpoints into the JobManager's memory, 5 MB at most: a
        // replay's state outgrows that within minutes, every checkpoint then fails, and the job restarts for ever
        Path checkpoints = config.checkpoint.directory.isBlank() ? Files.createTempDirectory("insurwatch-replay-checkpoints-") : null;
        if (checkpoints != null) {
            config.checkpoint.directory = checkpoints.toUri().toString();
        }
        // a replay runs backpressured from start to end, and a checkpoint barrier queued behind that can outlast the
        // checkpoint timeout: with no failure tolerated, the expired checkpoint failed the job, which restarted the
        // bounded replay from its start (nothing had completed), every ten minutes, for ever
        env.configure(new Configuration().set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE));
        List<Sink<Alert>> alertSinks = new ArrayList<>();
        if (alertsIndex != null) {
            alertSinks.add(new RangeAlertsSink(new ElasticsearchSink<>(config.elasticsearch, new AlertDocuments(alertsIndex)), span.range()));
        }
        alertSinks.add(new RangeAlertsSink(new NdjsonAlertSink(parts), span.range()));
        new SupervisionJob(config, sources, JobSinks.alertsOnly(alertSinks, new DiscardingSink<>())).build(env);
        long started = System.nanoTime();
        JobExecutionResult result = env.execute("insurwatch-replay " + span);
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            Map<String, Long> byRule = NdjsonAlertSink.merge(parts, ndjson);
            return new Summary(counter(result, EventCounters.EVENTS_READ), counter(result, EventCounters.WARM_UP),
                    counter(result, EventCounters.OUTSIDE_RANGE), counter(result, EventCounters.REJECTED), byRule, seconds);
        } finally {
            NdjsonAlertSink.deleteParts(parts);
            if (checkpoints != null) {
                config.checkpoint.directory = "";
                FileUtils.deleteDirectory(checkpoints.toFile());
            }
        }
    }

    /** A version named to judge the range must be one the replay will read, or every alert would fail the job. */
    private static void requireSettingsVersion(JobConfig config, Path archive) {
        String named = config.rules.settingsVersion;
        if (named.equals(JobConfig.Rules.SETTINGS_BY_TIME) || named.equals(JobConfig.Rules.SETTINGS_OF_FILE)) {
            return;
        }
        List<RuleSettings> known = archive == null ? RuleSettingsTopic.versions(config) : archivedSettings(archive);
        if (known.stream().noneMatch(v -> v.getVersion().equals(named))) {
            throw new InvalidConfigException("rule settings version '" + named + "' is not on "
                    + (archive == null ? "the control topic " + config.kafka.topics.ruleSettings : "the archive " + archive)
                    + "; known: " + (known.isEmpty() ? "none" : known.stream().map(RuleSettings::getVersion).collect(Collectors.joining(", "))));
        }
    }

    private static List<RuleSettings> archivedSettings(Path archive) {
        Path file = new ArchiveLayout(archive).referenceFile(ReferenceKind.RULE_SETTINGS);
        List<RuleSettings> versions = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try (DataFileReader<RuleSettings> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(RuleSettings.class))) {
                reader.forEach(versions::add);
            } catch (IOException e) {
                throw new InvalidConfigException("cannot read the rule settings of the archive, " + file + ": " + e.getMessage());
            }
        }
        return versions;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
