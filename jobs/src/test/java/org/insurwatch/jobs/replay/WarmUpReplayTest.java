package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.ChainFixture;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.FixedStreamSources;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.ingest.RawRecord;
import org.insurwatch.jobs.ingest.StreamSources;
import org.insurwatch.jobs.reference.ReferenceKind;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay on Flink's MiniCluster over fixed records, with and without a warm-up before the range. */
class WarmUpReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = ChainFixture.T0;
    private static final EventTimeRange RANGE = new EventTimeRange(FROM.toEpochMilli(), FROM.plus(Duration.ofDays(2)).toEpochMilli());

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static JobConfig config;

    @BeforeAll
    static void config() throws Exception {
        config = ChainFixture.jobConfig(tmp);
    }

    /**
     * One chain cut by the range's start (visit and prescription before it, settlement and pick-up in it), one cut by
     * the 6-hour warm-up's start, one wholly before the range whose prescription was uploaded late, and the same late
     * upload inside the range.
     */
    private static FixedStreamSources history() {
        FixedStreamSources sources = new FixedStreamSources(config.eventTime);
        ChainFixture.registerParticipants(sources);
        chain(sources, ChainFixture.ofOwnPatient("cut"), FROM.minus(Duration.ofHours(1)), Duration.ofSeconds(20));
        chain(sources, ChainFixture.ofOwnPatient("cut-by-warm-up"), FROM.minus(Duration.ofHours(8)), Duration.ofSeconds(20));
        chain(sources, ChainFixture.ofOwnPatient("late-before"), FROM.minus(Duration.ofHours(5)), Duration.ofHours(2));
        chain(sources, ChainFixture.ofOwnPatient("late-in-range"), FROM.plus(Duration.ofHours(5)), Duration.ofHours(2));
        return sources;
    }

    @Test
    void withoutWarmUpAChainCutByTheStartRaisesAnEdgeAlert() throws Exception {
        Path ndjson = tmp.resolve("no-warm-up.ndjson");
        Replay.Summary summary = replay(new ReplayRange(RANGE, ReplayRange.NO_WARM_UP), ndjson);

        assertThat(alerts(ndjson)).containsExactly("TRACE-LATE-UPLOAD ev-p-late-in-range", "TRACE-NO-RX ev-s-cut");
        assertThat(summary.eventsRead()).isEqualTo(6);
        assertThat(summary.warmUpEvents()).isZero();
        assertThat(summary.outsideRange()).isEqualTo(10);
    }

    @Test
    void theWarmUpBuildsStateButReportsOnlyTheRangesAlerts() throws Exception {
        Path ndjson = tmp.resolve("warm-up.ndjson");
        Replay.Summary summary = replay(new ReplayRange(RANGE, Duration.ofHours(6)), ndjson);

        // the cut settlement finds its prescription; the late upload before the range is the previous range's alert, and
        // so is the warm-up's own edge alert, though its timeout falls inside the range (TRACE-NO-RX of ev-s-cut-by-warm-up)
        assertThat(alerts(ndjson)).containsExactly("TRACE-LATE-UPLOAD ev-p-late-in-range");
        assertThat(summary.eventsRead()).isEqualTo(6);
        assertThat(summary.warmUpEvents()).isEqualTo(8);
        assertThat(summary.outsideRange()).isEqualTo(2);
    }

    private static Replay.Summary replay(ReplayRange span, Path ndjson) throws Exception {
        Replay replay = new Replay(config, span, null, null, ndjson);
        return replay.run(StreamExecutionEnvironment.getExecutionEnvironment(), readAsReplay(history(), span));
    }

    /** Fixed records read as a replay's sources read: only the range and its warm-up, counted. */
    private static StreamSources readAsReplay(FixedStreamSources fixed, ReplayRange span) {
        return new StreamSources() {
            @Override
            public DataStream<RawRecord> open(StreamExecutionEnvironment env, LiveStream<?> stream) {
                return fixed.open(env, stream).filter(new InRange(span));
            }

            @Override
            public DataStream<RawRecord> openReference(StreamExecutionEnvironment env, ReferenceKind kind) {
                return fixed.openReference(env, kind);
            }

            @Override
            public String topicOf(LiveStream<?> stream) {
                return fixed.topicOf(stream);
            }
        };
    }

    /** Each alert as its rule and evidence event ids, sorted. */
    private static List<String> alerts(Path ndjson) throws Exception {
        List<String> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson)) {
            JsonNode alert = JSON.readTree(line);
            StringBuilder text = new StringBuilder(alert.path("ruleId").asText());
            alert.path("evidence").forEach(e -> text.append(' ').append(e.path("eventId").asText()));
            alerts.add(text.toString());
        }
        alerts.sort(null);
        return alerts;
    }

    private static void chain(FixedStreamSources sources, ChainFixture chain, Instant start, Duration uploadDelay) {
        Instant signed = start.plusSeconds(60);
        Instant settled = signed.plus(Duration.ofHours(2));
        chain.registerPatient(sources);
        sources.add(LiveStream.CONSULTATION, AvroBytes.of(chain.consultation(start)::toByteBuffer));
        sources.add(LiveStream.PRESCRIPTION, AvroBytes.of(chain.prescription(signed, signed.plus(uploadDelay))::toByteBuffer));
        sources.add(LiveStream.SETTLEMENT, AvroBytes.of(chain.settlement(settled, Fulfilment.PHARMACY_PICKUP)::toByteBuffer));
        sources.add(LiveStream.LOGISTICS, AvroBytes.of(chain.logistics("p", DeliveryStatus.PICKED_UP, settled.plus(Duration.ofHours(1)))::toByteBuffer));
    }
}
