package org.insurwatch.sandbox;

import com.sun.net.httpserver.HttpServer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.SupervisionJobMain;
import org.insurwatch.jobs.alerts.webhook.WebhookResendCommand;
import org.insurwatch.jobs.alerts.webhook.WebhookSignature;
import org.insurwatch.jobs.alerts.webhook.WebhookSink;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook dead-letter path on a real Kafka broker: the production sink in a Flink job against a receiver
 * that never answers, then {@code webhooks-resend} once the receiver is back.
 */
class WebhookDeadLetterTest {
    private static final String SECRET = "dead-letter-test-secret-0123";
    private static final int ALERTS = 40;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTheSharedStackFirst() {
        // its start takes most of a minute and is not what these tests time
        TestStack.get();
    }

    @Test
    void alertsAReceiverNeverTakesAreDeadLetteredWithoutStallingTheJobAndResentOnceItIsBack() throws Exception {
        List<Alert> alerts = alerts("down");
        Path configFile;
        JobConfig config;
        int port;
        Duration jobTime;
        // down: connections are accepted by the kernel and never answered, the worst a receiver can do
        try (ServerSocket blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            port = blackHole.getLocalPort();
            configFile = configFile("webhook-dl", port);
            config = JobConfig.load(configFile);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromData(alerts).sinkTo(new WebhookSink(config.webhooks, config.kafka)).name("webhooks");
            long started = System.nanoTime();
            env.execute("webhooks-to-a-dead-receiver");
            jobTime = Duration.ofNanos(System.nanoTime() - started);
        }

        List<ConsumerRecord<byte[], byte[]>> letters = readAll(config.kafka.bootstrapServers, config.webhooks.deadLetterTopic);
        assertThat(letters).hasSize(ALERTS).allSatisfy(record -> {
            Alert alert = Alert.getDecoder().decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.getAlertId());
            assertThat(header(record, "endpoint")).isEqualTo("case-system");
            assertThat(header(record, "attempts")).isEqualTo("3");
            assertThat(header(record, "lastError")).isEqualTo("no response within PT1S");
        });
        assertThat(letters.stream().map(r -> decode(r.value())).collect(Collectors.toSet())).isEqualTo(Set.copyOf(alerts));
        // 3 attempts of 1 s and pauses of at most 0.1 + 0.2 s bound each delivery; the rest is the MiniCluster's start
        assertThat(jobTime).isLessThan(Duration.ofSeconds(20));

        try (Receiver receiver = new Receiver(port, id -> false)) {
            Run dryRun = resend(configFile, "--dry-run");
            assertThat(dryRun.exit()).isZero();
            assertThat(dryRun.out()).contains("dry run: 40 to re-send").contains("would re-send alert down-000 to case-system");
            assertThat(receiver.requests.get()).isZero();

            Run firstRun = resend(configFile);
            Run secondRun = resend(configFile);

            assertThat(firstRun.exit()).isZero();
            assertThat(firstRun.out()).startsWith("sent 40, failed 0");
            assertThat(secondRun.out()).startsWith("sent 0, failed 0");
            assertThat(receiver.badSignatures.get()).isZero();
            assertThat(receiver.keys()).isEqualTo(ids(alerts));
            assertThat(receiver.stored).hasSize(ALERTS);
            long retried = letters.stream().mapToLong(r -> Long.parseLong(header(r, "attempts")) - 1).sum();
            System.out.printf("webhook dead letters: %d alerts to a receiver that never answers: sent 0, retried %d, dead-lettered %d, "
                            + "job finished in %.1f s; webhooks-resend once it is back: %s; then: %s; duplicates at the receiver %d%n",
                    ALERTS, retried, letters.size(), jobTime.toMillis() / 1e3, summary(firstRun), summary(secondRun), receiver.duplicates());
        }
    }

    @Test
    void whatFailsAgainIsLeftForTheNextRunAndTheReceiverDropsTheRepeats() throws Exception {
        try (Receiver receiver = new Receiver(0, id -> id.equals("again-007"))) {
            Path configFile = configFile("webhook-retry", receiver.port());
            List<Alert> alerts = alerts("again");
            writeDeadLetters(JobConfig.load(configFile), alerts);

            Run firstRun = resend(configFile);
            receiver.refuses = id -> false;
            Run secondRun = resend(configFile);
            Run thirdRun = resend(configFile);

            assertThat(firstRun.exit()).isEqualTo(1);
            assertThat(firstRun.out()).contains("not delivered: alert again-007 to case-system").contains("sent 39, failed 1")
                    .contains("the 1 not delivered stay on webhook-retry.webhook-dead-letters for the next run");
            assertThat(secondRun.exit()).isZero();
            assertThat(secondRun.out()).contains("failed 0");
            assertThat(thirdRun.out()).startsWith("sent 0, failed 0");
            assertThat(receiver.keys()).isEqualTo(ids(alerts));
            System.out.printf("webhooks-resend with one alert refused: %s; %s; %s; duplicates at the receiver %d (dropped by Idempotency-Key)%n",
                    summary(firstRun), summary(secondRun), summary(thirdRun), receiver.duplicates());
        }
    }

    /** A job config on the shared broker whose webhook goes to 127.0.0.1:{@code port}, its dead-letter topic created. */
    private Path configFile(String name, int port) throws IOException {
        String bootstrapServers = TestStack.isolatedConfig(name).kafka.bootstrapServers;
        String topic = name + ".webhook-dead-letters";
        TestStack.get().kafka().createTopics(Map.of(topic, 2));
        Path secret = Files.writeString(tmp.resolve(name + ".secret"), SECRET);
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                kafka: {bootstrapServers: "%s"}
                webhooks:
                  endpoints:
                    - {name: case-system, url: "http://127.0.0.1:%d/hooks/insurwatch", secretFile: "%s"}
                  retry: {maxAttempts: 3, initialBackoff: PT0.1S, maxBackoff: PT0.4S, requestTimeout: PT1S}
                  deadLetterTopic: %s
                """.formatted(bootstrapServers, port, secret, topic));
    }

    private record Run(int exit, String out) {
    }

    private static Run resend(Path configFile, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SupervisionJobMain.commandLine(new WebhookResendCommand());
        command.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 2];
        args[0] = "--config";
        args[1] = configFile.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        int exit = command.execute(args);
        assertThat(err.toString()).isEmpty();
        return new Run(exit, out.toString());
    }

    private static String summary(Run run) {
        return run.out().lines().filter(line -> line.startsWith("sent ")).findFirst().orElse(run.out()).replaceFirst(";.*", "");
    }

    /** Dead letters as the sink writes them: the wire format is the contract {@code webhooks-resend} reads. */
    private static void writeDeadLetters(JobConfig config, List<Alert> alerts) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (Alert alert : alerts) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("endpoint", "case-system".getBytes(StandardCharsets.UTF_8));
                headers.add("lastError", "HTTP 503".getBytes(StandardCharsets.UTF_8));
                headers.add("attempts", "3".getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(config.webhooks.deadLetterTopic, null, alert.getAlertId().getBytes(StandardCharsets.UTF_8),
                        AvroBytes.of(alert::toByteBuffer), headers));
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Alert decode(byte[] value) {
        try {
            return Alert.getDecoder().decode(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
    }

    private static List<Alert> alerts(String prefix) {
        Instant t = Instant.parse("2026-03-02T08:00:00Z");
        return IntStream.range(0, ALERTS).mapToObj(i -> String.format("%s-%03d", prefix, i)).map(id -> Alert.newBuilder()
                .setAlertId(id).setRuleId("TRACE-NO-RX").setRuleVersion("1").setSeverity(Severity.HIGH)
                .setCategory(RuleCategory.TRACEABILITY).setTitle("结算未见处方").setCitation("000 art.12")
                .setEventTime(t).setDetectedAt(t.plusSeconds(86_400)).setPoolingRegion("350203").setPrescriptionId("RX-" + id)
                .setFundAtRiskFen(12_345)
                .setEvidence(List.of(new Evidence("settlement", "ev-s-" + id, t, Map.of("fundFen", "12345"))))
                .build()).toList();
    }

    /** A receiver as the README describes one: verifies the signature, stores, de-duplicates by Idempotency-Key. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger badSignatures = new AtomicInteger();
        final List<String> stored = new CopyOnWriteArrayList<>();
        /** Alert ids it answers 503 to, as a receiver that cannot store them yet. */
        volatile Predicate<String> refuses;

        Receiver(int port, Predicate<String> refuses) throws IOException {
            this.refuses = refuses;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setExecutor(threads);
            server.createContext("/hooks/insurwatch", exchange -> {
                requests.incrementAndGet();
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                String key = headers.getFirst(WebhookSignature.IDEMPOTENCY_KEY);
                int status;
                if (!WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), headers.getFirst(WebhookSignature.TIMESTAMP),
                        body, headers.getFirst(WebhookSignature.SIGNATURE), Instant.now(), Duration.ofMinutes(5))) {
                    badSignatures.incrementAndGet();
                    status = 401;
                } else if (this.refuses.test(key)) {
                    status = 503;
                } else {
                    stored.add(key);
                    status = 200;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        Set<String> keys() {
            return Set.copyOf(stored);
        }

        int duplicates() {
            return stored.size() - keys().size();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
