package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.jobs.ingest.WholeTopic;
import org.insurwatch.jobs.rules.settings.RuleSettingsTopic;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.alert.DeadLetterReason;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.ESignature;
import org.insurwatch.schema.PharmacistReview;
import org.insurwatch.schema.Prescription;
import org.insurwatch.schema.PrescriptionLine;
import org.insurwatch.schema.reference.DoctorRegistration;
import org.insurwatch.schema.reference.DoctorStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference data and rule settings changed while the job runs. A doctor's suspension published to the reference topic while the job runs takes effect without a restart,
 * from its validity time on: prescriptions the doctor signed before it stay clean even when they arrive after
 * the change, and one signed after it is reported. Real Kafka, the job on Flink's MiniCluster, real Elasticsearch.
 */
class ReferenceChangeTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aSuspensionPublishedDuringTheRunCountsFromItsValidityTimeOn() throws Exception {
        JobConfig config = quickConfig("reference-change");
        String es = TestStack.get().elasticsearch().httpUrl();
        Instant since = Instant.parse("2020-01-01T00:00:00Z");
        Prescription beforeChange = prescription("rc-1", "D-RC", T0.plus(Duration.ofHours(1)), true);
        Prescription signedBeforeArrivingAfter = prescription("rc-2", "D-RC", T0.plus(Duration.ofMinutes(90)), true);
        Prescription signedAfter = prescription("rc-3", "D-RC", T0.plus(Duration.ofHours(3)), true);

        try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(producerConfig(config))) {
            send(kafka, config.kafka.topics.reference.doctors, "D-RC", doctor("D-RC", DoctorStatus.ACTIVE, since)::toByteBuffer);
            send(kafka, config.kafka.topics.reference.doctors, "D-OK", doctor("D-OK", DoctorStatus.ACTIVE, since)::toByteBuffer);
            // the probe has no e-signature: its alert, raised on arrival, shows the job is reading
            send(kafka, config.kafka.topics.prescription, "probe", prescription("probe", "D-OK", T0, false)::toByteBuffer);
            send(kafka, config.kafka.topics.prescription, "rc-1", beforeChange::toByteBuffer);
            send(kafka, config.kafka.topics.prescription, "filler-1", prescription("filler-1", "D-OK", T0.plus(Duration.ofMinutes(70)), true)::toByteBuffer);
            kafka.flush();

            JobClient job = startLive(config);
            try {
                awaitAlert(es, config, a -> a.path("ruleId").asText().equals("RX-NO-SIGNATURE"));

                send(kafka, config.kafka.topics.reference.doctors, "D-RC", doctor("D-RC", DoctorStatus.SUSPENDED,
                        T0.plus(Duration.ofHours(2)))::toByteBuffer);
                kafka.flush();
                // a live change reaches the job within a poll; events it covers are sent after that
                Thread.sleep(5_000);
                send(kafka, config.kafka.topics.prescription, "rc-2", signedBeforeArrivingAfter::toByteBuffer);
                send(kafka, config.kafka.topics.prescription, "rc-3", signedAfter::toByteBuffer);
                send(kafka, config.kafka.topics.prescription, "filler-2", prescription("filler-2", "D-OK", T0.plus(Duration.ofHours(5)), true)::toByteBuffer);
                kafka.flush();

                awaitAlert(es, config, a -> a.path("ruleId").asText().equals("ID-DOCTOR-SUSPENDED"));
                Thread.sleep(2_000);
                List<JsonNode> suspended = StoredDocuments.alerts(es, config.elasticsearch.alertsIndex).stream()
                        .filter(a -> a.path("ruleId").asText().startsWith("ID-DOCTOR")).toList();
                assertThat(suspended).singleElement().satisfies(alert -> {
                    assertThat(alert.path("ruleId").asText()).isEqualTo("ID-DOCTOR-SUSPENDED");
                    assertThat(alert.path("evidence").get(0).path("eventId").asText()).isEqualTo(signedAfter.getEventId());
                });
                assertThat(job.getJobStatus().get().isTerminalState()).as("the same run, never restarted").isFalse();
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * A version of the rule settings published while the job runs lowers RX-LONG-SUPPLY's limit and switches RX-NO-SIGNATURE
     * off from its start on, and is written into the alerts it judges; a version with a bad value that follows it is
     * dead-lettered with its reason, and the good one stays in force.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void ruleSettingsPublishedDuringTheRunTakeEffectFromTheirStartAndABadVersionIsRefused() throws Exception {
        JobConfig config = quickConfig("settings-change");
        String es = TestStack.get().elasticsearch().httpUrl();
        Instant since = Instant.parse("2020-01-01T00:00:00Z");

        try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(producerConfig(config))) {
            send(kafka, config.kafka.topics.reference.doctors, "D-OK", doctor("D-OK", DoctorStatus.ACTIVE, since)::toByteBuffer);
            send(kafka, config.kafka.topics.prescription, "probe", prescription("probe", "D-OK", T0, false)::toByteBuffer);
            send(kafka, config.kafka.topics.prescription, "long-before", prescription("long-before", "D-OK", T0.plus(Duration.ofHours(1)), true, 25)::toByteBuffer);
            kafka.flush();

            JobClient job = startLive(config);
            try {
                awaitAlert(es, config, a -> a.path("ruleId").asText().equals("RX-NO-SIGNATURE"));

                RuleSettingsTopic.publish(config, RuleSettings.newBuilder().setVersion("2026-03.1").setValidFrom(T0.plus(Duration.ofHours(2)))
                        .setPublishedBy("省医保局基金监管处").setReason("test").setMaxDaysOfSupply(20)
                        .setDisabledRules(List.of("RX-NO-SIGNATURE")).build());
                // published by hand, past the command's check
                send(kafka, config.kafka.topics.ruleSettings, "2026-03.2", RuleSettings.newBuilder().setVersion("2026-03.2")
                        .setValidFrom(T0.plus(Duration.ofHours(3))).setPublishedBy("省医保局基金监管处").setMaxDaysOfSupply(0).build()::toByteBuffer);
                kafka.flush();
                // the bad version is dead-lettered after the good one was read: the events it covers are sent after that
                List<DeadLetter> refused = awaitDeadLetters(config);
                send(kafka, config.kafka.topics.prescription, "long-after", prescription("long-after", "D-OK", T0.plus(Duration.ofMinutes(150)), true, 25)::toByteBuffer);
                send(kafka, config.kafka.topics.prescription, "unsigned-after", prescription("unsigned-after", "D-OK", T0.plus(Duration.ofMinutes(150)), false, 7)::toByteBuffer);
                send(kafka, config.kafka.topics.prescription, "long-later", prescription("long-later", "D-OK", T0.plus(Duration.ofHours(4)), true, 25)::toByteBuffer);
                send(kafka, config.kafka.topics.prescription, "filler", prescription("filler", "D-OK", T0.plus(Duration.ofHours(5)), true)::toByteBuffer);
                kafka.flush();

                awaitAlert(es, config, a -> a.path("prescriptionId").asText().equals("RX-long-later"));
                Thread.sleep(2_000);
                List<JsonNode> alerts = StoredDocuments.alerts(es, config.elasticsearch.alertsIndex).stream()
                        .filter(a -> a.path("ruleId").asText().startsWith("RX-")).toList();
                assertThat(alerts).extracting(a -> a.path("ruleId").asText() + " " + a.path("prescriptionId").asText() + " "
                                + a.path("settingsVersion").asText() + " " + a.path("evidence").get(0).path("fields").path("limitDays").asText())
                        .containsExactlyInAnyOrder("RX-NO-SIGNATURE RX-probe config-file ",
                                "RX-LONG-SUPPLY RX-long-after 2026-03.1 20", "RX-LONG-SUPPLY RX-long-later 2026-03.1 20");

                assertThat(refused).singleElement().satisfies(letter -> {
                    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID);
                    assertThat(letter.getDetail()).isEqualTo("version 2026-03.2: config key 'rules.prescription.maxDaysOfSupply' must be at least 1 day");
                    assertThat(letter.getSourceTopic()).isEqualTo(config.kafka.topics.ruleSettings);
                });
                assertThat(job.getJobStatus().get().isTerminalState()).as("the same run, never restarted").isFalse();
            } finally {
                job.cancel().get();
            }
        }
    }

    /** A stack of its own, checkpointing often and letting a quiet partition go soon, so a change shows within seconds. */
    private static JobConfig quickConfig(String name) {
        JobConfig config = TestStack.isolatedConfig(name);
        config.checkpoint.interval = Duration.ofMillis(500);
        config.eventTime.idleness = Duration.ofSeconds(2);
        return config;
    }

    /** The live job on Kafka, writing to Kafka and Elasticsearch, running until cancelled. */
    private static JobClient startLive(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, KafkaStreamSources.live(config), JobSinks.kafkaAndElasticsearch(config)).build(env);
        return env.executeAsync(config.kafka.groupId);
    }

    private static List<DeadLetter> awaitDeadLetters(JobConfig config) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<DeadLetter> letters = new ArrayList<>();
            WholeTopic.read(config.kafka, "test", config.kafka.topics.deadLetters, r -> letters.add(EndToEndTest.decodeDeadLetter(r.value())));
            if (!letters.isEmpty()) {
                return letters;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no dead letter within " + WAIT);
    }

    private static void awaitAlert(String es, JobConfig config, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (StoredDocuments.alerts(es, config.elasticsearch.alertsIndex).stream().anyMatch(wanted)) {
                    return;
                }
            } catch (Exception indexNotThereYet) {
                // the first alert creates the month's index
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no such alert within " + WAIT);
    }

    private static DoctorRegistration doctor(String doctorId, DoctorStatus status, Instant validFrom) {
        return DoctorRegistration.newBuilder().setDoctorId(doctorId).setInsuranceDoctorCode("YS" + doctorId)
                .setInternetPlusQualified(true).setStatus(status).setInstitutionIds(List.of("IH-RC")).setValidFrom(validFrom).build();
    }

    private static Prescription prescription(String id, String doctorId, Instant signedAt, boolean signed) {
        return prescription(id, doctorId, signedAt, signed, 7);
    }

    private static Prescription prescription(String id, String doctorId, Instant signedAt, boolean signed, int daysOfSupply) {
        return Prescription.newBuilder()
                .setEventId("ev-p-" + id).setPrescriptionId("RX-" + id).setConsultationId("C-" + id)
                .setInternetHospitalId("IH-RC").setInstitutionId("H-RC").setDoctorId(doctorId).setInsuredPersonId("IP-" + id)
                .setSignedAt(signedAt).setUploadedAt(signedAt.plusSeconds(30))
                .setESignature(signed ? new ESignature("CERT-" + doctorId, signedAt) : null)
                .setPharmacistReview(new PharmacistReview("PH-RC", signedAt.plusSeconds(120), true))
                .setDiagnoses(List.of(new Diagnosis("I10", "高血压")))
                .setLines(List.of(new PrescriptionLine("XA01", "氨氯地平片", 2, "盒", daysOfSupply)))
                .setPoolingRegion("350203")
                .build();
    }

    private static void send(KafkaProducer<String, byte[]> kafka, String topic, String key, AvroBytes.Encoding record) {
        kafka.send(new ProducerRecord<>(topic, key, AvroBytes.of(record)));
    }

    private static Properties producerConfig(JobConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }
}
