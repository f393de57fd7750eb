package org.insurwatch.jobs;

import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.insurwatch.jobs.ingest.FixedStreamSources;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.traceability.ChainStage;
import org.insurwatch.jobs.summaries.ChainHealth;
import org.insurwatch.jobs.summaries.DoctorActivity;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.alert.DeadLetterReason;
import org.insurwatch.schema.alert.Evidence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.ChainFixture.T0;

/** The whole topology on Flink's MiniCluster over fixed records: one chain per traceability rule, clean chains and bad records. */
class SupervisionJobTest {

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

    @Test
    void eachTraceabilityViolationRaisesItsAlertAndCleanChainsNone() throws Exception {
        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        run(traceabilityViolations(), alerts, deadLetters);

        Map<String, List<String>> evidenceByRule = alerts.received().stream().collect(Collectors.groupingBy(Alert::getRuleId,
                Collectors.flatMapping(a -> a.getEvidence().stream().map(Evidence::getEventId), Collectors.toList())));
        assertThat(evidenceByRule).containsOnlyKeys("TRACE-NO-CONSULT", "TRACE-NO-RX", "TRACE-STALLED", "TRACE-LATE-UPLOAD");
        assertThat(evidenceByRule.get("TRACE-NO-CONSULT")).containsExactly("ev-p-no-consult");
        assertThat(evidenceByRule.get("TRACE-NO-RX")).containsExactly("ev-s-no-rx");
        assertThat(evidenceByRule.get("TRACE-STALLED")).containsExactly("ev-s-stalled");
        assertThat(evidenceByRule.get("TRACE-LATE-UPLOAD")).containsExactly("ev-p-late-upload");
        assertThat(deadLetters.received()).isEmpty();
    }

    /**
     * RocksDB hands out copies of state where the heap hands out the objects themselves, and iterates map state in key
     * order, so a rule that forgets an update or leans on an order can judge differently on it.
     */
    @Test
    void onRocksDbTheJobRaisesTheAlertsItRaisesOnTheHeap(@InjectMiniCluster MiniCluster cluster) throws Exception {
        List<String> onHeap = alertsOn(JobConfig.StateBackend.HASHMAP, "HashMapStateBackend", cluster);
        List<String> onRocksDb = alertsOn(JobConfig.StateBackend.ROCKSDB, "EmbeddedRocksDBStateBackend", cluster);
        assertThat(onHeap).hasSize(4);
        assertThat(onRocksDb).isEqualTo(onHeap);
    }

    /** The alerts of the traceability fixture, sorted, after checking which state backend Flink ran the job on. */
    private static List<String> alertsOn(JobConfig.StateBackend backend, String flinkBackend, MiniCluster cluster) throws Exception {
        JobConfig onBackend = ChainFixture.jobConfig(tmp);
        onBackend.checkpoint.stateBackend = backend;
        CollectingSink<Alert> alerts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(onBackend, traceabilityViolations(), JobSinks.alertsOnly(List.of(alerts), new CollectingSink<>())).build(env);
        JobID job = env.execute("state-backend-" + backend.flinkName()).getJobID();
        // what the cluster loaded for the job, not what the config asked for: the proof the setting reached Flink
        assertThat(cluster.getArchivedExecutionGraph(job).get().getStateBackendName()).hasValue(flinkBackend);
        return alerts.received().stream().map(Alert::toString).sorted().toList();
    }

    /** One chain per traceability rule, clean chains between them. */
    private static FixedStreamSources traceabilityViolations() {
        FixedStreamSources sources = new FixedStreamSources(config.eventTime);
        ChainFixture.registerParticipants(sources);
        Instant t = T0;
        for (int i = 0; i < 3; i++) {
            completeChain(sources, ChainFixture.ofOwnPatient("clean-" + i), t.plus(Duration.ofMinutes(i)), Fulfilment.HOME_DELIVERY);
        }
        completeChain(sources, ChainFixture.ofOwnPatient("clean-pickup"), t.plus(Duration.ofMinutes(5)), Fulfilment.PHARMACY_PICKUP);

        ChainFixture noConsult = ChainFixture.ofOwnPatient("no-consult");
        Instant s = t.plus(Duration.ofMinutes(10));
        add(sources, LiveStream.PRESCRIPTION, noConsult.prescription(s, s.plusSeconds(20))::toByteBuffer);
        add(sources, LiveStream.SETTLEMENT, noConsult.settlement(s.plusSeconds(600), Fulfilment.PHARMACY_PICKUP)::toByteBuffer);
        add(sources, LiveStream.LOGISTICS, noConsult.logistics("pick", DeliveryStatus.PICKED_UP, s.plusSeconds(3600))::toByteBuffer);

        ChainFixture noRx = ChainFixture.ofOwnPatient("no-rx");
        s = t.plus(Duration.ofMinutes(20));
        noRx.registerPatient(sources);
        add(sources, LiveStream.CONSULTATION, noRx.consultation(s)::toByteBuffer);
        add(sources, LiveStream.SETTLEMENT, noRx.settlement(s.plusSeconds(900), Fulfilment.PHARMACY_PICKUP)::toByteBuffer);
        add(sources, LiveStream.LOGISTICS, noRx.logistics("pick", DeliveryStatus.PICKED_UP, s.plusSeconds(3600))::toByteBuffer);

        ChainFixture stalled = ChainFixture.ofOwnPatient("stalled");
        s = t.plus(Duration.ofMinutes(30));
        stalled.registerPatient(sources);
        add(sources, LiveStream.CONSULTATION, stalled.consultation(s)::toByteBuffer);
        add(sources, LiveStream.PRESCRIPTION, stalled.prescription(s.plusSeconds(60), s.plusSeconds(80))::toByteBuffer);
        add(sources, LiveStream.SETTLEMENT, stalled.settlement(s.plusSeconds(900), Fulfilment.HOME_DELIVERY)::toByteBuffer);

        ChainFixture lateUpload = ChainFixture.ofOwnPatient("late-upload");
        s = t.plus(Duration.ofMinutes(40));
        completeChain(sources, lateUpload, s, Fulfilment.HOME_DELIVERY, Duration.ofHours(2));
        return sources;
    }

    @Test
    void badRecordsGoToTheDeadLetterSinkWithTheirReasonAndTheRestIsJudgedAsBefore() throws Exception {
        FixedStreamSources sources = new FixedStreamSources(config.eventTime);
        ChainFixture.registerParticipants(sources);
        ChainFixture stalled = ChainFixture.ofOwnPatient("stalled");
        stalled.registerPatient(sources);
        add(sources, LiveStream.CONSULTATION, stalled.consultation(T0)::toByteBuffer);
        add(sources, LiveStream.PRESCRIPTION, stalled.prescription(T0.plusSeconds(60), T0.plusSeconds(80))::toByteBuffer);
        add(sources, LiveStream.SETTLEMENT, stalled.settlement(T0.plusSeconds(900), Fulfilment.HOME_DELIVERY)::toByteBuffer);

        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        sources.add(LiveStream.CONSULTATION, garbage);
        add(sources, LiveStream.CONSULTATION, ChainFixture.ofOwnPatient("wrong-topic").settlement(T0, Fulfilment.NONE)::toByteBuffer);
        Consultation missingIds = ChainFixture.ofOwnPatient("missing").consultation(T0.plusSeconds(5));
        missingIds.setConsultationId("");
        add(sources, LiveStream.CONSULTATION, missingIds::toByteBuffer);
        add(sources, LiveStream.LOGISTICS, ChainFixture.ofOwnPatient("future")
                .logistics("d", DeliveryStatus.DISPATCHED, Instant.parse("2099-01-01T00:00:00Z"))::toByteBuffer);

        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        run(sources, alerts, deadLetters);

        Map<DeadLetterReason, List<DeadLetter>> byReason = deadLetters.received().stream()
                .collect(Collectors.groupingBy(DeadLetter::getReason));
        assertThat(byReason.get(DeadLetterReason.UNDECODABLE)).singleElement()
                .satisfies(d -> assertThat(bytes(d.getRawValue())).isEqualTo(garbage));
        assertThat(byReason.get(DeadLetterReason.UNKNOWN_SCHEMA)).singleElement()
                .satisfies(d -> assertThat(d.getStream()).isEqualTo("consultation"));
        assertThat(byReason.get(DeadLetterReason.INVALID)).extracting(DeadLetter::getDetail)
                .anySatisfy(detail -> assertThat(detail).contains("missing consultationId"))
                .anySatisfy(detail -> assertThat(detail).contains("2099").contains("future"));
        assertThat(alerts.received()).extracting(Alert::getRuleId).containsExactly("TRACE-STALLED");
        assertThat(alerts.received()).allSatisfy(this::carriesNoClearIdentity);
    }

    @Test
    void chainStepsAreCountedPerMinuteAndDoctorsPerHour() throws Exception {
        FixedStreamSources sources = new FixedStreamSources(config.eventTime);
        ChainFixture.registerParticipants(sources);
        for (int i = 0; i < 3; i++) {
            completeChain(sources, ChainFixture.ofOwnPatient("busy-" + i), T0.plus(Duration.ofMinutes(2 * i)), Fulfilment.HOME_DELIVERY);
        }
        CollectingSink<ChainHealth> chainHealth = new CollectingSink<>();
        CollectingSink<DoctorActivity> doctorActivity = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, sources, new JobSinks(List.of(new CollectingSink<>()), new CollectingSink<>(),
                chainHealth, doctorActivity)).build(env);
        env.execute("summaries-test");

        Map<ChainStage, Long> stepsByStage = chainHealth.received().stream()
                .collect(Collectors.groupingBy(h -> h.stage, Collectors.summingLong(h -> h.events)));
        assertThat(stepsByStage).containsEntry(ChainStage.CONSULTED, 3L).containsEntry(ChainStage.PRESCRIBED, 3L)
                .containsEntry(ChainStage.SETTLED, 3L).containsEntry(ChainStage.DISPATCHED, 3L).containsEntry(ChainStage.DELIVERED, 3L);
        assertThat(chainHealth.received()).allSatisfy(h -> assertThat(h.windowEnd - h.windowStart).isEqualTo(60_000L));
        assertThat(chainHealth.received()).filteredOn(h -> h.stage == ChainStage.SETTLED)
                .extracting(h -> h.fundFen).containsOnly(4000L);
        assertThat(doctorActivity.received()).singleElement().satisfies(a -> {
            assertThat(a.doctorId).isEqualTo("D-01");
            assertThat(a.consultations).isEqualTo(3);
            assertThat(a.prescriptions).isEqualTo(3);
            assertThat(a.internetHospitals).isEqualTo(1);
            assertThat(Instant.ofEpochMilli(a.windowStart)).isEqualTo(T0);
        });
    }

    private void carriesNoClearIdentity(Alert alert) {
        String text = alert.toString();
        assertThat(text).doesNotContain(ChainFixture.PATIENT_ID).doesNotContain(ChainFixture.PATIENT_NAME)
                .doesNotContain(ChainFixture.PATIENT_ID_NUMBER);
        assertThat(alert.getPatientPseudonym()).startsWith("P-");
    }

    private static void completeChain(FixedStreamSources sources, ChainFixture chain, Instant start, Fulfilment fulfilment) {
        completeChain(sources, chain, start, fulfilment, Duration.ofSeconds(20));
    }

    private static void completeChain(FixedStreamSources sources, ChainFixture chain, Instant start, Fulfilment fulfilment,
                                      Duration uploadDelay) {
        Instant signed = start.plusSeconds(60);
        Instant settled = signed.plus(Duration.ofMinutes(15));
        chain.registerPatient(sources);
        add(sources, LiveStream.CONSULTATION, chain.consultation(start)::toByteBuffer);
        add(sources, LiveStream.PRESCRIPTION, chain.prescription(signed, signed.plus(uploadDelay))::toByteBuffer);
        add(sources, LiveStream.SETTLEMENT, chain.settlement(settled, fulfilment)::toByteBuffer);
        if (fulfilment == Fulfilment.HOME_DELIVERY) {
            add(sources, LiveStream.LOGISTICS, chain.logistics("d", DeliveryStatus.DISPATCHED, settled.plus(Duration.ofHours(2)))::toByteBuffer);
            add(sources, LiveStream.LOGISTICS, chain.logistics("r", DeliveryStatus.DELIVERED, settled.plus(Duration.ofHours(20)))::toByteBuffer);
        } else {
            add(sources, LiveStream.LOGISTICS, chain.logistics("p", DeliveryStatus.PICKED_UP, settled.plus(Duration.ofHours(3)))::toByteBuffer);
        }
    }

    private static void add(FixedStreamSources sources, LiveStream<?> stream, AvroBytes.Encoding encoding) {
        sources.add(stream, AvroBytes.of(encoding));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void run(FixedStreamSources sources, CollectingSink<Alert> alerts, CollectingSink<DeadLetter> deadLetters) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, sources, JobSinks.alertsOnly(List.of(alerts), deadLetters)).build(env);
        env.execute("supervision-job-test");
    }
}
