package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.SupervisionJobMain;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.replay.Archiver;
import org.insurwatch.jobs.replay.BacktestCommand;
import org.insurwatch.jobs.replay.EventTimeRange;
import org.insurwatch.jobs.replay.Replay;
import org.insurwatch.jobs.replay.ReplayCommand;
import org.insurwatch.jobs.rules.settings.RuleSettingsTopic;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.traffic.GeneratedEvent;
import org.insurwatch.traffic.Scenario;
import org.insurwatch.traffic.TrafficOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay against the live job, with real parts: generated traffic on a real Kafka broker, the live job run bounded
 * over it, then the same range replayed from Kafka and from an archive written by the archiver. All three must
 * raise the same alerts, byte for byte, whatever the parallelism, run after run, with a version of the rule settings
 * taking effect midway as it did live.
 */
class ReplayEndToEndTest {
    /** Visit chains generated; {@code -Dreplay.chains=20000} for throughput figures on more data. */
    private static final long CHAINS = Long.getLong("replay.chains", 1_500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void replaysFromKafkaAndFromTheArchiveRaiseExactlyTheLiveAlertsDeterministically() throws Exception {
        JobConfig config = TestStack.isolatedConfig("replay");
        String es = TestStack.get().elasticsearch().httpUrl();
        TrafficOptions options = TrafficOptions.defaults().withSeed(23).withViolationRate(0.2)
                .withScenarios(EnumSet.copyOf(Scenario.violations()));
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        Set<String> live = Set.of("consultation", "prescription", "settlement", "logistics");
        List<Long> times = new ArrayList<>();
        List<Long> prescribedAt = new ArrayList<>();
        AtomicReference<Prescription> lastPrescription = new AtomicReference<>();
        AtomicReference<Consultation> lastConsultation = new AtomicReference<>();
        GeneratedRun traffic = GeneratedRun.write(config, options, CHAINS, work.resolve("ground-truth.jsonl"), (GeneratedEvent e) -> {
            if (live.contains(e.stream())) {
                times.add(e.eventTimeMillis());
                first.accumulateAndGet(e.eventTimeMillis(), Math::min);
                last.accumulateAndGet(e.eventTimeMillis(), Math::max);
            }
            if (e.record() instanceof Prescription p) {
                prescribedAt.add(p.getUploadedAt().toEpochMilli());
            }
            if (e.record() instanceof Prescription p
                    && (lastPrescription.get() == null || !p.getUploadedAt().isBefore(lastPrescription.get().getUploadedAt()))) {
                lastPrescription.set(p);
            }
            if (e.record() instanceof Consultation c
                    && (lastConsultation.get() == null || !c.getEventTime().isBefore(lastConsultation.get().getEventTime()))) {
                lastConsultation.set(c);
            }
        });
        // the generator injects traceability violations only; two more exercise the single-event and reference-data paths
        // (at the latest event time of their stream, so no partition's watermark has passed them)
        writeInjected(config, lastPrescription.get(), lastConsultation.get());
        long events = traffic.events - offlineVisits(traffic) + 2;
        EventTimeRange range = new EventTimeRange(first.get(), last.get() + 1);
        // from the middle prescription on, a version of the rule settings shortens the general supply limit to 2 days
        prescribedAt.sort(null);
        Instant midway = Instant.ofEpochMilli(prescribedAt.get(prescribedAt.size() / 2));
        RuleSettingsTopic.publish(config, RuleSettings.newBuilder().setVersion("midway-1").setValidFrom(midway)
                .setPublishedBy("省医保局基金监管处").setMaxDaysOfSupply(2).build());

        // the live job, bounded: Kafka in, Kafka and Elasticsearch out
        long started = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, KafkaStreamSources.upToLatest(config), JobSinks.kafkaAndElasticsearch(config)).build(env);
        env.execute("replay-test-live");
        System.out.printf("live (bounded): %,d events in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
        List<JsonNode> liveAlerts = StoredDocuments.alerts(es, config.elasticsearch.alertsIndex);
        assertThat(liveAlerts).hasSizeGreaterThan(50).extracting(a -> a.path("ruleId").asText())
                .contains("ID-UNVERIFIED", "ID-DOCTOR-UNREGISTERED", "ID-DOCTOR-MISMATCH", "TRACE-STALLED");
        assertThat(liveAlerts).allSatisfy(a -> assertThat(a.path("settingsVersion").asText())
                .isEqualTo(Instant.parse(a.path("eventTime").asText()).isBefore(midway) ? "config-file" : "midway-1"));
        assertThat(liveAlerts).filteredOn(a -> a.path("ruleId").asText().equals("RX-LONG-SUPPLY"))
                .anySatisfy(a -> assertThat(a.path("evidence").get(0).path("fields").path("limitDays").asText()).isEqualTo("2"));

        // replay from Kafka, twice, at parallelism 2 (also into an index of its own) and 1
        Path kafka2 = work.resolve("kafka-p2.ndjson");
        Replay.Summary fromKafka = replay(config, range, null, "replay-backfill-alerts", kafka2, 2);
        // the second one through the command line, as an operator runs it
        Path kafka1 = work.resolve("kafka-p1.ndjson");
        int exit = SupervisionJobMain.commandLine(new ReplayCommand()).execute("--config", yaml(config).toString(),
                "--from", Instant.ofEpochMilli(range.fromMillis()).toString(), "--to", Instant.ofEpochMilli(range.toMillis()).toString(),
                "--ndjson", kafka1.toString(), "--parallelism", "1");
        assertThat(exit).isZero();

        // the archive, then replay from it at parallelism 2 and 1
        Path archive = work.resolve("archive");
        started = System.nanoTime();
        Archiver.Summary archived = new Archiver(config, archive, range).run();
        double archiveSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("archive: %,d events into %d day files per stream in %.1f s (%,.0f events/s)%n",
                archived.archived(), archived.days().size(), archiveSeconds, archived.archived() / archiveSeconds);
        assertThat(archived.archived()).isEqualTo(events);
        Path archive2 = work.resolve("archive-p2.ndjson");
        Replay.Summary fromArchive = replay(config, range, archive, null, archive2, 2);
        Path archive1 = work.resolve("archive-p1.ndjson");
        replay(config, range, archive, null, archive1, 1);
        // RocksDB hands out copies of state and iterates map state in key order, where the heap hands out the objects
        // themselves in hash order: a rule that forgets to write back or leans on an order judges differently on it
        Path archiveRocksDb = work.resolve("archive-p2-rocksdb.ndjson");
        replay(config, range, archive, null, archiveRocksDb, 2, JobConfig.StateBackend.ROCKSDB);

        // the same alerts as live: ids and content
        List<JsonNode> replayed = read(kafka2);
        assertThat(replayed).hasSameSizeAs(liveAlerts);
        assertThat(replayed).containsExactlyElementsOf(liveAlerts);
        assertThat(StoredDocuments.alerts(es, "replay-backfill-alerts")).containsExactlyElementsOf(liveAlerts);
        assertThat(read(archive2)).containsExactlyElementsOf(liveAlerts);
        // deterministic: byte-identical files across runs, parallelism and source
        byte[] reference = Files.readAllBytes(kafka2);
        assertThat(Files.readAllBytes(kafka1)).isEqualTo(reference);
        assertThat(Files.readAllBytes(archive2)).isEqualTo(reference);
        assertThat(Files.readAllBytes(archive1)).isEqualTo(reference);
        assertThat(Files.readAllBytes(archiveRocksDb)).isEqualTo(reference);
        assertThat(fromKafka.eventsRead()).isEqualTo(archived.archived());
        assertThat(fromArchive.eventsRead()).isEqualTo(archived.archived());

        // backtest: a laxer late-upload threshold removes exactly the late-upload alerts, and nothing else changes
        Path baselineConfig = yaml(config);
        Path candidateConfig = work.resolve("candidate.yaml");
        Files.writeString(candidateConfig, Files.readString(baselineConfig) + "rules:\n  traceability:\n    lateUploadThreshold: PT6H\n");
        Path backtest = work.resolve("backtest");
        exit = SupervisionJobMain.commandLine(new BacktestCommand()).execute("--config", baselineConfig.toString(),
                "--candidate", candidateConfig.toString(), "--archive", archive.toString(),
                "--from", Instant.ofEpochMilli(range.fromMillis()).toString(), "--to", Instant.ofEpochMilli(range.toMillis()).toString(),
                "--out", backtest.toString());
        assertThat(exit).isZero();
        assertThat(Files.readAllBytes(backtest.resolve("baseline.ndjson"))).isEqualTo(reference);
        List<JsonNode> changes = read(backtest.resolve("changes.ndjson"));
        long lateUploads = replayed.stream().filter(a -> a.path("ruleId").asText().equals("TRACE-LATE-UPLOAD")).count();
        assertThat(lateUploads).isPositive();
        assertThat(changes).hasSize((int) lateUploads).allSatisfy(c -> {
            assertThat(c.path("change").asText()).isEqualTo("removed");
            assertThat(c.path("ruleId").asText()).isEqualTo("TRACE-LATE-UPLOAD");
        });

        // a range that cuts days: Kafka and the archive drop the same records and raise the same alerts
        times.sort(null);
        EventTimeRange middle = new EventTimeRange(times.get(times.size() / 4), times.get(times.size() * 3 / 4));
        Path kafkaMiddle = work.resolve("kafka-middle.ndjson");
        Replay.Summary middleFromKafka = replay(config, middle, null, null, kafkaMiddle, 2);
        Path archiveMiddle = work.resolve("archive-middle.ndjson");
        Replay.Summary middleFromArchive = replay(config, middle, archive, null, archiveMiddle, 2);
        assertThat(middleFromKafka.eventsRead()).isEqualTo(middleFromArchive.eventsRead()).isPositive().isLessThan(events);
        assertThat(middleFromKafka.eventsRead() + middleFromKafka.outsideRange()).isEqualTo(events);
        // (chains cut by the range's ends look broken to the rules: a sub-range raises edge alerts of its own)
        assertThat(read(kafkaMiddle)).isNotEmpty();
        assertThat(Files.readAllBytes(archiveMiddle)).isEqualTo(Files.readAllBytes(kafkaMiddle));

        System.out.printf("replay throughput: Kafka %,.0f events/s, archive %,.0f events/s (bounded runs, including job start)%n",
                fromKafka.eventsPerSecond(), fromArchive.eventsPerSecond());
    }

    private static void writeInjected(JobConfig config, Prescription last, Consultation lastVisit) {
        Prescription byAStranger = Prescription.newBuilder(last).setEventId("injected-rx-unregistered")
                .setPrescriptionId("RX-INJECTED-UNREGISTERED").setDoctorId("D-NOT-IN-THE-REGISTRY").build();
        Consultation unverified = Consultation.newBuilder(lastVisit).setEventId("injected-visit-unverified")
                .setConsultationId("C-INJECTED-UNVERIFIED").setIdentityVerification(IdentityVerification.NONE).build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(config.kafka.topics.prescription, byAStranger.getPrescriptionId().getBytes(StandardCharsets.UTF_8),
                    AvroBytes.of(byAStranger::toByteBuffer)));
            producer.send(new ProducerRecord<>(config.kafka.topics.consultation, unverified.getConsultationId().getBytes(StandardCharsets.UTF_8),
                    AvroBytes.of(unverified::toByteBuffer)));
            producer.flush();
        }
    }

    /** The test's config as an operator would write it. */
    private Path yaml(JobConfig config) throws Exception {
        JobConfig.Topics t = config.kafka.topics;
        JobConfig.ReferenceTopics r = t.reference;
        String text = String.join("\n",
                "kafka:",
                "  bootstrapServers: " + config.kafka.bootstrapServers,
                "  groupId: " + config.kafka.groupId,
                "  topics:",
                "    consultation: " + t.consultation,
                "    prescription: " + t.prescription,
                "    settlement: " + t.settlement,
                "    logistics: " + t.logistics,
                "    alerts: " + t.alerts,
                "    deadLetters: " + t.deadLetters,
                "    ruleSettings: " + t.ruleSettings,
                "    reference:",
                "      doctors: " + r.doctors,
                "      institutions: " + r.institutions,
                "      insuredPersons: " + r.insuredPersons,
                "      priceCaps: " + r.priceCaps,
                "      drugs: " + r.drugs,
                "      chronicDiseases: " + r.chronicDiseases,
                "      offlineVisits: " + r.offlineVisits,
                "elasticsearch:",
                "  hosts: [" + String.join(", ", config.elasticsearch.hosts) + "]",
                "  alertsIndex: " + config.elasticsearch.alertsIndex,
                "  chainHealthIndex: " + config.elasticsearch.chainHealthIndex,
                "  doctorActivityIndex: " + config.elasticsearch.doctorActivityIndex,
                "privacy:",
                "  pseudonymKeyFile: " + config.privacy.pseudonymKeyFile,
                "parallelism: 2",
                "");
        Path file = work.resolve("replay-config.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static long offlineVisits(GeneratedRun traffic) {
        return traffic.eventsByStream.entrySet().stream().filter(e -> !Set.of("consultation", "prescription", "settlement", "logistics")
                .contains(e.getKey())).mapToLong(e -> e.getValue()).sum();
    }

    /** A replay with the test's settings at {@code parallelism}, its summary printed. */
    static Replay.Summary replay(JobConfig config, EventTimeRange range, Path archive, String index, Path ndjson,
                                 int parallelism) throws Exception {
        return replay(config, range, archive, index, ndjson, parallelism, config.checkpoint.stateBackend);
    }

    /** As {@link #replay(JobConfig, EventTimeRange, Path, String, Path, int)}, with keyed state in {@code stateBackend}. */
    static Replay.Summary replay(JobConfig config, EventTimeRange range, Path archive, String index, Path ndjson,
                                 int parallelism, JobConfig.StateBackend stateBackend) throws Exception {
        JobConfig copy = JobConfig.parse(""); // fresh defaults, then the test's settings
        copy.kafka = config.kafka;
        copy.elasticsearch = copyOf(config.elasticsearch);
        copy.eventTime = config.eventTime;
        copy.privacy = config.privacy;
        copy.rules = config.rules;
        copy.checkpoint.interval = config.checkpoint.interval;
        copy.checkpoint.directory = config.checkpoint.directory;
        copy.checkpoint.incremental = config.checkpoint.incremental;
        copy.checkpoint.stateBackend = stateBackend;
        copy.parallelism = parallelism;
        Replay.Summary summary = new Replay(copy, range, archive, index, ndjson).run();
        System.out.println("replay from " + (archive == null ? "Kafka" : "archive") + " at parallelism " + parallelism + " on "
                + stateBackend.flinkName() + ": " + summary.describe());
        return summary;
    }

    private static JobConfig.Elasticsearch copyOf(JobConfig.Elasticsearch es) {
        JobConfig.Elasticsearch copy = new JobConfig.Elasticsearch();
        copy.hosts = es.hosts;
        copy.alertsIndex = es.alertsIndex;
        copy.chainHealthIndex = es.chainHealthIndex;
        copy.doctorActivityIndex = es.doctorActivityIndex;
        copy.replicas = es.replicas;
        return copy;
    }

    private static List<JsonNode> read(Path ndjson) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson, StandardCharsets.UTF_8)) {
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }
}
