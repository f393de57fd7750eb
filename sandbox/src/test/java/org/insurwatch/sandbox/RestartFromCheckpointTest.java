package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.traffic.Scenario;
import org.insurwatch.traffic.TrafficOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure after a completed checkpoint makes Flink restore the job's state and Kafka offsets and replay
 * the records since; the alerts it writes again overwrite their documents, so Elasticsearch ends with
 * exactly the alerts of an undisturbed run: no duplicate, none lost.
 */
class RestartFromCheckpointTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunThatFailsAndRestoresStoresExactlyTheAlertsOfAnUndisturbedRun() throws Exception {
        JobConfig config = TestStack.isolatedConfig("restart");
        config.checkpoint.interval = Duration.ofMillis(500);
        GeneratedRun.write(config, TrafficOptions.defaults().withSeed(23).withViolationRate(0.3)
                .withScenarios(EnumSet.copyOf(Scenario.violations())), 800, Path.of("target/restart-ground-truth.jsonl"));

        config.kafka.groupId = "restart-undisturbed";
        config.elasticsearch.alertsIndex = "undisturbed-alerts";
        config.elasticsearch.chainHealthIndex = "undisturbed-chain-health";
        run(config, KafkaStreamSources.upToLatest(config));
        List<JsonNode> undisturbed = StoredDocuments.alerts(TestStack.get().elasticsearch().httpUrl(), "undisturbed-alerts");

        config.kafka.groupId = "restart-failover";
        config.elasticsearch.alertsIndex = "failover-alerts";
        config.elasticsearch.chainHealthIndex = "failover-chain-health";
        FailOnceAfterCheckpoint.FAILED.set(false);
        run(config, new FailingAfterCheckpoint(KafkaStreamSources.upToLatest(config)));
        List<JsonNode> restored = StoredDocuments.alerts(TestStack.get().elasticsearch().httpUrl(), "failover-alerts");
        String es = TestStack.get().elasticsearch().httpUrl();
        List<JsonNode> undisturbedHealth = StoredDocuments.all(es, "undisturbed-chain-health", "windowStart");
        List<JsonNode> restoredHealth = StoredDocuments.all(es, "failover-chain-health", "windowStart");

        assertThat(FailOnceAfterCheckpoint.FAILED).as("the injected failure happened").isTrue();
        assertThat(undisturbed).hasSizeGreaterThan(100);
        assertThat(restored).isEqualTo(undisturbed);
        assertThat(sortedById(restoredHealth)).as("windowed summaries are restored too").isEqualTo(sortedById(undisturbedHealth));
    }

    /** Summary documents of one window share a windowStart; region and stage order them completely. */
    private static List<String> sortedById(List<JsonNode> docs) {
        return docs.stream().map(d -> d.path("windowStart").asText() + "|" + d.path("poolingRegion").asText() + "|"
                + d.path("stage").asText() + "|" + d.path("events").asLong() + "|" + d.path("fundFen").asLong()).sorted().toList();
    }

    private static void run(JobConfig config, StreamSources sources) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, sources, JobSinks.kafkaAndElasticsearch(config)).build(env);
        env.execute("restart-from-checkpoint");
    }

    /** The Kafka sources, with the consultation stream passing through an operator that fails once after a checkpoint. */
    private record FailingAfterCheckpoint(StreamSources kafka) implements StreamSources {
        @Override
        public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
            DataStream<RawRecord> raw = kafka.open(env, stream);
            return stream == LiveStream.CONSULTATION ? raw.map(new FailOnceAfterCheckpoint()).name("fail-once") : raw;
        }

        @Override
        public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
            return kafka.openReference(env, kind);
        }

        @Override
        public String topicOf(LiveStream<?> stream) {
            return kafka.topicOf(stream);
        }
    }

    /** Slows the stream until a checkpoint has completed, then fails once; the flag outlives the restart. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<RawRecord, RawRecord> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private transient boolean checkpointed;
        private transient long seen;

        @Override
        public RawRecord map(RawRecord record) throws Exception {
            if (!FAILED.get()) {
                seen++;
                if (checkpointed && seen > 50 && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after a completed checkpoint");
                }
                Thread.sleep(5);
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
