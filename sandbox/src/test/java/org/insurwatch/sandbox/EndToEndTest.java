package org.insurwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.SupervisionJob;
import org.insurwatch.jobs.JobSinks;
import org.insurwatch.jobs.ingest.KafkaStreamSources;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Fulfilment;
import org.insurwatch.schema.IdentityVerification;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.DeadLetter;
import org.insurwatch.schema.alert.DeadLetterReason;
import org.insurwatch.traffic.GroundTruth;
import org.insurwatch.traffic.InsuredPerson;
import org.insurwatch.traffic.Scenario;
import org.insurwatch.traffic.TrafficOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline end to end with real parts: generated traffic with injected violations and a few bad
 * records → a real Kafka broker → the production job on Flink's MiniCluster → a real Elasticsearch node.
 */
class EndToEndTest {
    private static final long CHAINS = 3_000;
    private static JobConfig config;
    private static GeneratedRun traffic;
    private static List<JsonNode> alerts;
    private static byte[] garbage = "\u0000\u0001 not an Avro record".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void runThePipeline() throws Exception {
        config = TestStack.isolatedConfig("e2e");
        TrafficOptions options = TrafficOptions.defaults().withSeed(11).withViolationRate(0.2)
                .withScenarios(EnumSet.copyOf(Scenario.violations()));
        traffic = GeneratedRun.write(config, options, CHAINS, Path.of("target/e2e-ground-truth.jsonl"));
        writeBadRecords(traffic.groundTruth.get(0));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SupervisionJob(config, KafkaStreamSources.upToLatest(config), JobSinks.kafkaAndElasticsearch(config)).build(env);
        long started = System.nanoTime();
        env.execute("end-to-end");
        System.out.printf("end-to-end: %,d events in %.1f s (bounded run, includes job start)%n",
                traffic.events, (System.nanoTime() - started) / 1e9);
        alerts = StoredDocuments.alerts(TestStack.get().elasticsearch().httpUrl(), config.elasticsearch.alertsIndex);
    }

    @Test
    void everyInjectedViolationRaisesItsAlertWithItsEvidenceAndNothingElseAlerts() {
        Map<String, Set<Set<String>>> expected = new TreeMap<>();
        for (GroundTruth truth : traffic.groundTruth) {
            if (truth.expectedRuleId() != null) {
                expected.computeIfAbsent(truth.expectedRuleId(), r -> new HashSet<>()).add(Set.copyOf(truth.evidenceEventIds()));
            }
        }
        Map<String, List<Set<String>>> raised = new TreeMap<>();
        for (JsonNode alert : alerts) {
            Set<String> evidence = new HashSet<>();
            alert.path("evidence").forEach(e -> evidence.add(e.path("eventId").asText()));
            raised.computeIfAbsent(alert.path("ruleId").asText(), r -> new ArrayList<>()).add(evidence);
        }

        List<String> table = new ArrayList<>();
        table.add(String.format("%-20s %9s %9s %7s", "rule", "injected", "detected", "false"));
        Set<String> rules = new HashSet<>(expected.keySet());
        rules.addAll(raised.keySet());
        for (String rule : new TreeSet<>(rules)) {
            Set<Set<String>> injected = expected.getOrDefault(rule, Set.of());
            List<Set<String>> alerted = raised.getOrDefault(rule, List.of());
            long detected = alerted.stream().filter(injected::contains).distinct().count();
            long falseAlerts = alerted.stream().filter(e -> !injected.contains(e)).count();
            table.add(String.format("%-20s %9d %9d %7d", rule, injected.size(), detected, falseAlerts));
            assertThat(detected).as("%s detected of %d injected", rule, injected.size()).isEqualTo(injected.size());
            assertThat(falseAlerts).as("%s false alerts", rule).isZero();
        }
        traffic.groundTruth.stream().filter(t -> t.scenario().isHardNegative())
                .collect(Collectors.groupingBy(GroundTruth::scenario, TreeMap::new, Collectors.counting()))
                .forEach((scenario, count) -> table.add(String.format("%-20s %9d hard negatives, none may alert", scenario, count)));
        System.out.println(String.join("\n", table));
        assertThat(expected.keySet()).as("every violation the generator knows was injected")
                .containsExactlyInAnyOrderElementsOf(Scenario.violations().stream().map(Scenario::ruleId).collect(Collectors.toSet()));
        assertThat(traffic.groundTruth.stream().filter(t -> t.scenario() == Scenario.CLEAN).count()).isGreaterThan(CHAINS / 2);
    }

    @Test
    void alertsCarryTheirCitationMoneyAndAPseudonymButNoClearPatientIdentity() {
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            // a policy file and its article or section, e.g. "000 art.12" or "002 §4(10)"
            assertThat(alert.path("citation").asText()).containsPattern("\\d{3} (art\\.|§)\\d");
            assertThat(alert.path("alertId").asText()).hasSize(32);
            if (alert.path("category").asText().equals("BULK_PRESCRIBING")) {
                // a burst is of many patients: each cited event names its own
                alert.path("evidence").forEach(e -> assertThat(e.path("fields").path("patientPseudonym").asText()).startsWith("P-"));
            } else {
                assertThat(alert.path("patientPseudonym").asText()).startsWith("P-");
            }
        });
        assertThat(alerts).filteredOn(a -> a.path("ruleId").asText().equals("TRACE-NO-RX"))
                .allSatisfy(a -> assertThat(a.path("fundAtRiskFen").asLong()).isPositive());
        String everything = alerts.toString();
        for (InsuredPerson person : traffic.world.insuredPersons()) {
            assertThat(everything).doesNotContain(person.id()).doesNotContain(person.name()).doesNotContain(person.residentIdNumber());
        }
    }

    @Test
    void theSummariesCountEveryChainStepOnce() throws Exception {
        String es = TestStack.get().elasticsearch().httpUrl();
        Map<String, Long> stepsByStage = StoredDocuments.all(es, config.elasticsearch.chainHealthIndex, "windowStart").stream()
                .collect(Collectors.groupingBy(h -> h.path("stage").asText(), Collectors.summingLong(h -> h.path("events").asLong())));
        assertThat(stepsByStage.get("CONSULTED")).isEqualTo(traffic.eventsByStream.get("consultation"));
        assertThat(stepsByStage.get("PRESCRIBED")).isEqualTo(traffic.eventsByStream.get("prescription"));
        assertThat(stepsByStage.get("SETTLED")).isEqualTo(traffic.eventsByStream.get("settlement"));
        List<JsonNode> doctorHours = StoredDocuments.all(es, config.elasticsearch.doctorActivityIndex, "windowStart");
        assertThat(doctorHours.stream().mapToLong(a -> a.path("consultations").asLong()).sum())
                .isEqualTo(traffic.eventsByStream.get("consultation"));
        assertThat(doctorHours).allSatisfy(a -> assertThat(a.path("internetHospitals").asLong()).isBetween(1L, 2L));
    }

    @Test
    void theKafkaAlertsTopicHoldsTheSameAlertsAsElasticsearch() {
        Set<String> onKafka = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(config.kafka.topics.alerts)) {
            onKafka.add(decodeAlert(record.value()).getAlertId());
        }
        Set<String> inElasticsearch = alerts.stream().map(a -> a.path("alertId").asText()).collect(Collectors.toSet());
        assertThat(onKafka).isEqualTo(inElasticsearch);
    }

    @Test
    void badRecordsLandInTheDeadLetterTopicWithTheirReasons() {
        List<DeadLetter> letters = readAll(config.kafka.topics.deadLetters).stream()
                .map(r -> decodeDeadLetter(r.value())).toList();
        assertThat(letters).hasSize(4);
        Map<DeadLetterReason, List<DeadLetter>> byReason = letters.stream().collect(Collectors.groupingBy(DeadLetter::getReason));
        assertThat(byReason.get(DeadLetterReason.UNDECODABLE)).singleElement().satisfies(d -> {
            assertThat(d.getSourceTopic()).isEqualTo(config.kafka.topics.consultation);
            assertThat(AvroBytes.of(d.getRawValue()::duplicate)).isEqualTo(garbage);
        });
        assertThat(byReason.get(DeadLetterReason.UNKNOWN_SCHEMA)).singleElement()
                .satisfies(d -> assertThat(d.getStream()).isEqualTo("consultation"));
        assertThat(byReason.get(DeadLetterReason.INVALID)).extracting(DeadLetter::getDetail).hasSize(2)
                .anySatisfy(detail -> assertThat(detail).contains("missing consultationId"))
                .anySatisfy(detail -> assertThat(detail).contains("2099").contains("in the future"));
    }

    private static void writeBadRecords(GroundTruth someChain) throws Exception {
        Instant t = TrafficOptions.DEFAULT_START.plus(Duration.ofHours(1));
        Consultation withoutId = Consultation.newBuilder()
                .setEventId("bad-consultation").setEventTime(t).setConsultationId("").setStartedAt(t)
                .setInternetHospitalId("IH-X").setInstitutionId("H-X").setDoctorId("D-X").setInsuredPersonId("IP-X")
                .setPoolingRegion("350203").setIdentityVerification(IdentityVerification.NONE)
                .setVisitType(VisitType.FOLLOW_UP).build();
        Settlement onTheWrongTopic = Settlement.newBuilder()
                .setEventId("bad-settlement").setSettlementId("S-X").setSettledAt(t).setInsuredPersonId("IP-X")
                .setSettlingInstitutionId("H-X").setPoolingRegion("350203")
                .setTotalFen(0).setFundFen(0).setPersonalAccountFen(0).setCashFen(0).setFulfilment(Fulfilment.NONE).build();
        Instant future = Instant.parse("2099-06-01T00:00:00Z");
        Logistics fromTheFuture = Logistics.newBuilder()
                .setEventId("bad-logistics").setEventTime(future).setShipmentId("SH-X")
                .setPrescriptionId(someChain.prescriptionId()).setPharmacyId("PH-X").setStatus(DeliveryStatus.DISPATCHED).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(config.kafka.topics.consultation, garbage));
            producer.send(new ProducerRecord<>(config.kafka.topics.consultation, AvroBytes.of(onTheWrongTopic::toByteBuffer)));
            producer.send(new ProducerRecord<>(config.kafka.topics.consultation, AvroBytes.of(withoutId::toByteBuffer)));
            producer.send(new ProducerRecord<>(config.kafka.topics.logistics, AvroBytes.of(fromTheFuture::toByteBuffer)));
            producer.flush();
        }
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Alert decodeAlert(byte[] bytes) {
        try {
            return Alert.getDecoder().decode(bytes);
        } catch (Exception e) {
            throw new AssertionError("an alert on Kafka does not decode", e);
        }
    }

    static DeadLetter decodeDeadLetter(byte[] bytes) {
        try {
            return DeadLetter.getDecoder().decode(bytes);
        } catch (Exception e) {
            throw new AssertionError("a dead letter on Kafka does not decode", e);
        }
    }
}
