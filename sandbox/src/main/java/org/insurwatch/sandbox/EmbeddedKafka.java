package org.insurwatch.sandbox;

import static org.insurwatch.sandbox.LocalPorts.HOST;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.x broker (KRaft, {@code process.roles=broker,controller}) running in a child JVM
 * that uses the current JVM's class path, so {@code org.apache.kafka:kafka_2.13} must be on it.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of("target/kafka"))) {
 *     kafka.createTopics(Map.of("claims", 2));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * The work directory is wiped on start (only if it is empty or was created by this class) and deleted on
 * {@link #close()}. The child is started through {@code setpriv --pdeathsig=TERM} when available, so it dies with
 * this JVM even on {@code kill -9}; a shutdown hook closes it on a normal JVM exit.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String MARKER = ".embedded-kafka";

    private final ChildProcess broker;
    private final Path workDir;
    private final int port;
    private final int controllerPort;

    private EmbeddedKafka(ChildProcess broker, Path workDir, int port, int controllerPort) {
        this.broker = broker;
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker with default settings in {@code workDir} (a temporary directory when null). */
    public static EmbeddedKafka start(Path workDir) {
        return builder().workDir(workDir).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path workDir() {
        return workDir;
    }

    /** The child's stdout/stderr (Kafka's log). Deleted by {@link #close()} together with the work dir. */
    public Path logFile() {
        return broker.logFile();
    }

    public long pid() {
        return broker.pid();
    }

    public boolean isRunning() {
        return broker.isAlive();
    }

    /** Resident set size of the child JVM in bytes (Linux /proc), or -1 when unknown. */
    public long residentSetSizeBytes() {
        return broker.residentSetSizeBytes();
    }

    /** Creates topics with replication factor 1 (existing ones are left alone); waits until they exist. */
    public void createTopics(Map<String, Integer> topicPartitions) {
        createTopics(topicPartitions, Map.of());
    }

    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions), Map.of());
    }

    /** Creates a topic with {@code cleanup.policy=compact}. */
    public void createCompactedTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions), Map.of("cleanup.policy", "compact"));
    }

    /** Creates topics with replication factor 1 and the given topic configs. */
    public void createTopics(Map<String, Integer> topicPartitions, Map<String, String> topicConfigs) {
        List<NewTopic> topics = topicPartitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1).configs(topicConfigs))
                .collect(Collectors.toList());
        try (Admin admin = admin()) {
            for (Map.Entry<String, KafkaFuture<Void>> f : admin.createTopics(topics).values().entrySet()) {
                try {
                    f.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + f.getKey() + " failed", e.getCause());
                    }
                    LOG.debug("topic {} already exists", f.getKey());
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + topicPartitions.keySet() + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** A new Admin client for this broker; the caller closes it. */
    public Admin admin() {
        return admin(port, 10_000, 30_000);
    }

    /** Stops the broker (SIGTERM, up to 15 s, then SIGKILL) and deletes the work dir. Idempotent. */
    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", pid " + broker.pid() + ", " + workDir + "]";
    }

    private static Admin admin(int port, int requestTimeoutMs, int apiTimeoutMs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(requestTimeoutMs));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(apiTimeoutMs));
        return Admin.create(props);
    }

    /** Settings for {@link EmbeddedKafka}. */
    public static final class Builder {
        private Path workDir;
        private int partitions = 2;
        private int heapMb = 512;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String classPath = System.getProperty("java.class.path");
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {
        }

        /** Work dir (wiped on start, deleted on close); a temporary directory when null. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** {@code num.partitions} for topics created without an explicit count (default 2). */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Child heap (-Xmx), default 512 MB. */
        public Builder heapMb(int heapMb) {
            this.heapMb = heapMb;
            return this;
        }

        /** Default 60 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Overrides or adds a server.properties entry, e.g. {@code auto.create.topics.enable=true}. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Extra JVM options for the child. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Class path of the child (default: this JVM's {@code java.class.path}); must hold kafka_2.13. */
        public Builder classPath(String classPath) {
            this.classPath = Objects.requireNonNull(classPath);
            return this;
        }

        public EmbeddedKafka start() {
            Path dir = ServiceDirs.absoluteOrTemp(workDir, "embedded-kafka");
            return LocalPorts.startOnFreePorts("embedded Kafka in " + dir, 2,
                    ports -> startOnce(dir, ports[0], ports[1]));
        }

        private EmbeddedKafka startOnce(Path dir, int port, int controllerPort)
                throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            ServiceDirs.wipe(dir, MARKER, "EmbeddedKafka");
            Path logFile = dir.resolve("kafka.log");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(port, controllerPort, data), StandardCharsets.UTF_8);
            Path log4j = dir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J2, StandardCharsets.UTF_8);

            List<String> format = javaCommand(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + log4j.toUri()), "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone");
            ChildProcess.start("Kafka StorageTool format", format, dir, logFile, Duration.ofSeconds(2))
                    .awaitSuccessfulExit(Duration.ofSeconds(60));

            List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
                    "-Djava.awt.headless=true", "-Dkafka.logs.dir=" + dir.resolve("logs"),
                    "-Dlog4j2.configurationFile=" + log4j.toUri()));
            jvm.addAll(jvmOptions);
            ChildProcess broker = ChildProcess.start("Embedded Kafka at " + HOST + ":" + port,
                    javaCommand(jvm, "kafka.Kafka", config.toString()), dir, logFile, Duration.ofSeconds(15));
            try (BrokerProbe probe = new BrokerProbe(port)) {
                broker.awaitReady(startupTimeout, Duration.ofMillis(100), probe);
            }
            broker.deleteOnClose(dir);
            EmbeddedKafka kafka = new EmbeddedKafka(broker, dir, port, controllerPort);
            LOG.info("Embedded Kafka started at {} in {} ms (pid {}, work dir {})", kafka.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), broker.pid(), dir);
            return kafka;
        }

        private String serverProperties(int port, int controllerPort, Path data) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            // Kafka 4.x dynamic quorum: bootstrap servers + "StorageTool format --standalone"
            p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":"
                    + controllerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", data.toString());
            p.put("num.partitions", Integer.toString(partitions));
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            // Flink's exactly-once KafkaSink uses transaction.timeout.ms=1h, above the broker default of 15 min
            p.put("transaction.max.timeout.ms", "3600000");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.put("delete.topic.enable", "true");
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "4");
            p.put("num.recovery.threads.per.data.dir", "1");
            p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
            p.put("log.retention.hours", "24");
            p.put("log.retention.check.interval.ms", "60000");
            p.put("log.cleaner.threads", "1");
            p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
            p.putAll(brokerProperties);
            return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "# written by EmbeddedKafka\n", "\n"));
        }

        private List<String> javaCommand(List<String> jvm, String mainClass, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaBinary());
            cmd.addAll(jvm);
            cmd.addAll(List.of("-cp", absoluteClassPath(classPath), mainClass));
            cmd.addAll(List.of(args));
            return ChildProcess.dyingWithThisJvm(List.of(), cmd);
        }
    }

    /**
     * Ready once the broker answers and reports itself. The listener is awaited first: an Admin client polling a
     * closed port logs a "connection refused" warning each time.
     */
    private static final class BrokerProbe implements ChildProcess.Probe, AutoCloseable {
        private final int port;
        private Admin admin;

        BrokerProbe(int port) {
            this.port = port;
        }

        @Override
        public String pending() throws InterruptedException {
            if (admin == null) {
                if (!LocalPorts.accepts(port)) {
                    return "its listener to open";
                }
                admin = admin(port, 2_000, 3_000);
            }
            try {
                return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty() ? "describeCluster to list it"
                        : null;
            } catch (ExecutionException | TimeoutException notYet) {
                return "describeCluster to succeed";
            }
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close();
            }
        }
    }

    private static final String LOG4J2 = String.join("\n",
            "status = warn",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
            "logger.config.level = WARN",
            "");

    /** The child runs in the work dir, so relative class path entries are resolved against user.dir first. */
    private static String absoluteClassPath(String classPath) {
        Path cwd = Path.of(System.getProperty("user.dir"));
        return Arrays.stream(classPath.split(File.pathSeparator, -1))
                .map(e -> e.isEmpty() ? cwd.toString() : cwd.resolve(e).toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }
}
