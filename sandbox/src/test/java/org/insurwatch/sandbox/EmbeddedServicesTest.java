package org.insurwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real Kafka broker and a real Elasticsearch node as child processes, uses both, stops both and checks that
 * nothing is left behind. Needs the Elasticsearch distribution unpacked by the maven-dependency-plugin: the system
 * property {@code elasticsearch.home}, or else target/elasticsearch.
 */
class EmbeddedServicesTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServicesTest.class);

    /** Under the build dir, not @TempDir: @TempDir is mode 700, which user nobody (ES when run as root) can't enter. */
    private static final Path WORK = Path.of("target", "embedded-services-test").toAbsolutePath();

    @Test
    void kafkaAndElasticsearchStartServeAndStopCleanly() throws Exception {
        Path esHome = Path.of(System.getProperty("elasticsearch.home", "target/elasticsearch"));
        List<Integer> ports = new ArrayList<>();
        // the shared TestStack of tests that ran before in this JVM is not this test's to stop
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Path kafkaDir;
        Path esDir;

        long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(WORK.resolve("kafka"))) {
            long kafkaMs = (System.nanoTime() - t0) / 1_000_000;
            kafkaDir = kafka.workDir();
            ports.add(kafka.port());
            ports.add(kafka.controllerPort());

            long t1 = System.nanoTime();
            try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(esHome, WORK.resolve("es"))) {
                long esMs = (System.nanoTime() - t1) / 1_000_000;
                esDir = es.workDir();
                ports.add(es.httpPort());
                ports.add(es.transportPort());

                kafkaRoundTrip(kafka);
                elasticsearchRoundTrip(es);

                LOG.info("start-up: Kafka {} ms, Elasticsearch {} ms; RSS: Kafka {} MiB, Elasticsearch {} MiB"
                        + " (launcher + server)", kafkaMs, esMs, kafka.residentSetSizeBytes() >> 20,
                        es.residentSetSizeBytes() >> 20);
                es.close(); // idempotent: try-with-resources closes again
                assertFalse(es.isRunning());
            }
        }

        List<String> left = ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList());
        assertEquals(List.of(), left, "child processes left behind");
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertTrue(s.isBound());
            } catch (IOException e) {
                throw new AssertionError("port " + port + " still in use", e);
            }
        }
        assertFalse(Files.exists(kafkaDir), kafkaDir + " not deleted");
        assertFalse(Files.exists(esDir), esDir + " not deleted");
    }

    private static void kafkaRoundTrip(EmbeddedKafka kafka) {
        kafka.createTopics(Map.of("claims", 2));
        kafka.createCompactedTopic("claims-state", 1);
        kafka.createTopics(Map.of("claims", 2)); // already there: no error

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("claims", "claim-1", "{\"amount\":42}")).get();
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-test");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("claims"));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            assertEquals(1, got.size(), "records consumed");
            assertEquals("claim-1", got.get(0).key());
            assertEquals("{\"amount\":42}", got.get(0).value());
        }
    }

    private static void elasticsearchRoundTrip(EmbeddedElasticsearch es) throws IOException {
        try (RestClient client = RestClient.builder(HttpHost.create(es.httpUrl())).build()) {
            Request index = new Request("PUT", "/alerts/_doc/a-1");
            index.addParameter("refresh", "true");
            index.setJsonEntity("{\"rule\":\"duplicate-claim\",\"score\":0.97}");
            assertEquals(201, client.performRequest(index).getStatusLine().getStatusCode());

            Response get = client.performRequest(new Request("GET", "/alerts/_doc/a-1"));
            String body = new String(get.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"found\":true"), body);
            assertTrue(body.contains("duplicate-claim"), body);

            Response health = client.performRequest(new Request("GET", "/_cluster/health/alerts"));
            String h = new String(health.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(h.contains("\"status\":\"green\""), "replicas-0 default should make the index green: " + h);
        }
    }
}
