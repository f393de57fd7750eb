package org.insurwatch.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    private static final String HOST = "127.0.0.1";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final int START_ATTEMPTS = 3;

    /**
     * PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the process; so every child is
     * forked from this one long-lived daemon thread (a core thread of a fixed pool never times out).
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-kafka-launcher");
        t.setDaemon(true);
        return t;
    });

    private final Path workDir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private final Process process;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(Path workDir, Path logFile, int port, int controllerPort, Process process) {
        this.workDir = workDir;
        this.logFile = logFile;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Resident set size of the child JVM in bytes (Linux /proc), or -1 when unknown. */
    public long residentSetSizeBytes() {
        return rssBytes(process.toHandle());
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
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }

    /** Stops the broker (SIGTERM, up to 15 s, then SIGKILL) and deletes the work dir. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
            // called from the hook itself
        }
        stop(process, Duration.ofSeconds(15));
        deleteRecursively(workDir);
        LOG.info("Embedded Kafka at {} stopped", bootstrapServers());
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", pid " + process.pid() + ", " + workDir + "]";
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
            Path dir = workDir;
            try {
                dir = dir == null ? Files.createTempDirectory("embedded-kafka") : dir.toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(dir);
                } catch (PortClash e) {
                    // another process grabbed one of the free ports between probing and binding: try new ports
                    LOG.warn("Embedded Kafka: port clash on attempt {}, retrying with new ports", attempt);
                    last = e;
                }
            }
            throw last;
        }

        private EmbeddedKafka startOnce(Path dir) {
            long t0 = System.nanoTime();
            prepareWorkDir(dir);
            int[] ports = freePorts(2);
            int port = ports[0];
            int controllerPort = ports[1];
            Path logFile = dir.resolve("kafka.log");
            try {
                Path data = Files.createDirectories(dir.resolve("data"));
                Path config = dir.resolve("server.properties");
                Files.writeString(config, serverProperties(port, controllerPort, data), StandardCharsets.UTF_8);
                Path log4j = dir.resolve("log4j2.properties");
                Files.writeString(log4j, LOG4J2, StandardCharsets.UTF_8);

                List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
                        "-Djava.awt.headless=true", "-Dkafka.logs.dir=" + dir.resolve("logs"),
                        "-Dlog4j2.configurationFile=" + log4j.toUri()));
                jvm.addAll(jvmOptions);

                List<String> format = javaCommand(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dlog4j2.configurationFile=" + log4j.toUri()), "kafka.tools.StorageTool",
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone");
                Process fmt = launch(format, dir, logFile);
                if (!fmt.waitFor(60, TimeUnit.SECONDS)) {
                    stop(fmt, Duration.ofSeconds(2));
                    throw new IllegalStateException("Kafka StorageTool format timed out\n" + tail(logFile));
                }
                if (fmt.exitValue() != 0) {
                    throw new IllegalStateException("Kafka StorageTool format failed with exit code "
                            + fmt.exitValue() + "\n" + tail(logFile));
                }

                Process process = launch(javaCommand(jvm, "kafka.Kafka", config.toString()), dir, logFile);
                try {
                    awaitReady(process, port, logFile);
                } catch (RuntimeException | Error e) {
                    stop(process, Duration.ofSeconds(5));
                    throw e;
                }
                EmbeddedKafka kafka = new EmbeddedKafka(dir, logFile, port, controllerPort, process);
                LOG.info("Embedded Kafka started at {} in {} ms (pid {}, work dir {})", kafka.bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), process.pid(), dir);
                return kafka;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Kafka in " + dir, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting embedded Kafka", e);
            }
        }

        private void awaitReady(Process process, int port, Path logFile) throws InterruptedException {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            // 1. wait for the listener: avoids an Admin client spamming "connection refused" warnings
            while (!accepts(port)) {
                checkAlive(process, logFile);
                checkDeadline(deadline, logFile, "its listener to open");
                Thread.sleep(100);
            }
            // 2. wait until the broker answers and reports itself
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
            try (Admin admin = Admin.create(props)) {
                while (true) {
                    checkAlive(process, logFile);
                    checkDeadline(deadline, logFile, "describeCluster to succeed");
                    try {
                        if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException notYet) {
                        // retry
                    }
                    Thread.sleep(100);
                }
            }
        }

        private void checkDeadline(long deadline, Path logFile, String what) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("embedded Kafka did not start within " + startupTimeout.toSeconds()
                        + " s (waiting for " + what + "); log " + logFile + ":\n" + tail(logFile));
            }
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
            if (Files.isExecutable(SETPRIV)) {
                cmd.addAll(List.of(SETPRIV.toString(), "--pdeathsig=TERM"));
            }
            cmd.add(javaBinary());
            cmd.addAll(jvm);
            cmd.addAll(List.of("-cp", absoluteClassPath(classPath), mainClass));
            cmd.addAll(List.of(args));
            return cmd;
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

    // ---------------------------------------------------------------- helpers

    private static final class PortClash extends IllegalStateException {
        PortClash(String message) {
            super(message);
        }
    }

    private static void checkAlive(Process process, Path logFile) {
        if (!process.isAlive()) {
            String tail = tail(logFile);
            String message = "embedded Kafka exited with code " + process.exitValue() + " during start-up; log "
                    + logFile + ":\n" + tail;
            if (tail.contains("Address already in use")) {
                throw new PortClash(message);
            }
            throw new IllegalStateException(message);
        }
    }

    private static void prepareWorkDir(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalArgumentException("refusing to wipe non-empty directory " + dir
                            + " that was not created by EmbeddedKafka");
                }
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work dir " + dir, e);
        }
    }

    private static Process launch(List<String> command, Path dir, Path logFile) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        try {
            return LAUNCHER.submit(pb::start).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot launch " + command, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching " + command, e);
        }
    }

    private static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("Embedded Kafka process {} did not stop within {} s, killing it", h.pid(), grace.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static long rssBytes(ProcessHandle handle) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return -1;
    }

    private static String tail(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
