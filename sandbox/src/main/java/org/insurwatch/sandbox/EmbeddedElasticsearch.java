package org.insurwatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch 8 running as a child process from an unpacked distribution
 * (e.g. {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:zip}), security disabled, HTTP on a free
 * port of 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(Path.of("target/elasticsearch"), Path.of("target/es"))) {
 *     String url = es.httpUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * Elasticsearch refuses to run as root: when this JVM runs as root the node runs as {@code nobody} through
 * {@code setpriv}, its work dir is chowned to nobody and, if nobody cannot read the distribution, the distribution is
 * copied to a temporary directory first. The child is started through {@code setpriv --pdeathsig=TERM} (when
 * available) so it stops with this JVM even on {@code kill -9}; a shutdown hook closes it on a normal JVM exit.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final String MARKER = ".embedded-elasticsearch";
    private static final String HOST = "127.0.0.1";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final int START_ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    /**
     * PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the process; so every child is
     * forked from this one long-lived daemon thread (a core thread of a fixed pool never times out).
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-elasticsearch-launcher");
        t.setDaemon(true);
        return t;
    });

    private final Path workDir;
    private final Path copiedHome;
    private final Path logFile;
    private final int httpPort;
    private final int transportPort;
    private final Process process;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedElasticsearch(Path workDir, Path copiedHome, Path logFile, int httpPort, int transportPort,
            Process process) {
        this.workDir = workDir;
        this.copiedHome = copiedHome;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "embedded-elasticsearch-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a node with default settings.
     *
     * @param esHome the unpacked distribution: either the directory holding {@code bin/elasticsearch} or a directory
     *               with exactly one such sub-directory (as the maven-dependency-plugin unpack leaves it)
     * @param workDir config, data and logs (wiped on start, deleted on close); a temporary directory when null
     */
    public static EmbeddedElasticsearch start(Path esHome, Path workDir) {
        return builder(esHome).workDir(workDir).start();
    }

    public static Builder builder(Path esHome) {
        return new Builder(esHome);
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String httpUrl() {
        return "http://" + HOST + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int transportPort() {
        return transportPort;
    }

    public Path workDir() {
        return workDir;
    }

    /** Console output of the node (Elasticsearch's log). Deleted by {@link #close()} together with the work dir. */
    public Path logFile() {
        return logFile;
    }

    /** Pid of the Elasticsearch CLI launcher JVM; the server JVM is its child. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Resident set size of the launcher JVM plus the server JVM in bytes (Linux /proc), or -1 when unknown. */
    public long residentSetSizeBytes() {
        long launcher = rssBytes(process.toHandle());
        if (launcher < 0) {
            return -1;
        }
        return launcher + process.descendants().mapToLong(EmbeddedElasticsearch::rssBytes).filter(v -> v > 0).sum();
    }

    /** Stops the node (SIGTERM, up to 20 s, then SIGKILL) and deletes the work dir. Idempotent. */
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
        stop(process, Duration.ofSeconds(20));
        deleteRecursively(workDir);
        if (copiedHome != null) {
            deleteRecursively(copiedHome);
        }
        LOG.info("Embedded Elasticsearch at {} stopped", httpUrl());
    }

    @Override
    public String toString() {
        return "EmbeddedElasticsearch[" + httpUrl() + ", pid " + process.pid() + ", " + workDir + "]";
    }

    /**
     * The directory holding {@code bin/elasticsearch}: {@code dir} itself or its only sub-directory that holds it.
     */
    public static Path resolveHome(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs.resolve("bin/elasticsearch"))) {
            return abs;
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                List<Path> homes = s.filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch")))
                        .collect(Collectors.toList());
                if (homes.size() == 1) {
                    return homes.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("no Elasticsearch distribution (bin/elasticsearch) in " + abs
                + " - was the zip unpacked (mvn generate-test-resources)?");
    }

    /** Settings for {@link EmbeddedElasticsearch}. */
    public static final class Builder {
        private final Path esHome;
        private Path workDir;
        private int heapMb = 512;
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private boolean replicasZero = true;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder(Path esHome) {
            this.esHome = Objects.requireNonNull(esHome, "esHome");
        }

        /** Config, data and logs (wiped on start, deleted on close); a temporary directory when null. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Heap (-Xms = -Xmx), default 512 MB. */
        public Builder heapMb(int heapMb) {
            this.heapMb = heapMb;
            return this;
        }

        /** Default 120 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** JDK that runs Elasticsearch (ES_JAVA_HOME), default this JVM's java.home. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome);
            return this;
        }

        /** Adds or overrides an elasticsearch.yml setting. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Extra options appended to ES_JAVA_OPTS. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * Whether to install a legacy index template {@code embedded-defaults} (pattern {@code *}, lowest order)
         * with {@code number_of_replicas: 0} so indices go green (default true). A legacy template is used because
         * a composable one on {@code *} would make any composable template of the same priority fail to install.
         */
        public Builder replicasZero(boolean replicasZero) {
            this.replicasZero = replicasZero;
            return this;
        }

        public EmbeddedElasticsearch start() {
            Path home = resolveHome(esHome);
            Path dir;
            try {
                dir = workDir == null ? Files.createTempDirectory("embedded-es")
                        : workDir.toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(home, dir);
                } catch (PortClash e) {
                    LOG.warn("Embedded Elasticsearch: port clash on attempt {}, retrying with new ports", attempt);
                    last = e;
                }
            }
            throw last;
        }

        private EmbeddedElasticsearch startOnce(Path home, Path dir) {
            long t0 = System.nanoTime();
            prepareWorkDir(dir);
            int[] ports = freePorts(2);
            int httpPort = ports[0];
            int transportPort = ports[1];
            Path logFile = dir.resolve("elasticsearch-console.log");
            Path copiedHome = null;
            try {
                Path config = dir.resolve("config");
                copyTree(home.resolve("config"), config);
                Path data = Files.createDirectories(dir.resolve("data"));
                Path logs = Files.createDirectories(dir.resolve("logs"));
                Path tmp = Files.createDirectories(dir.resolve("tmp"));
                Files.writeString(config.resolve("elasticsearch.yml"), yaml(httpPort, transportPort, data, logs),
                        StandardCharsets.UTF_8);
                Files.createFile(logFile);

                List<String> command = new ArrayList<>();
                RunAs runAs = RunAs.current();
                if (runAs.root) {
                    if (!Files.isExecutable(SETPRIV)) {
                        throw new IllegalStateException("Elasticsearch refuses to run as root and " + SETPRIV
                                + " is missing to run it as nobody");
                    }
                    if (!runAs.canRead(home)) {
                        copiedHome = Files.createTempDirectory("embedded-es-home");
                        LOG.info("user nobody cannot read {}; copying it to {}", home, copiedHome);
                        copyTree(home, copiedHome);
                        runAs.chown(copiedHome);
                        home = copiedHome;
                    }
                    runAs.chown(dir);
                    if (!runAs.canWrite(dir)) {
                        throw new IllegalStateException("user nobody cannot write " + dir
                                + " (a parent directory is not world-executable?); use a work dir under /tmp or"
                                + " a world-traversable project directory");
                    }
                    command.addAll(List.of(SETPRIV.toString(), "--reuid=" + runAs.uid, "--regid=" + runAs.gid,
                            "--clear-groups", "--pdeathsig=TERM"));
                } else if (Files.isExecutable(SETPRIV)) {
                    command.addAll(List.of(SETPRIV.toString(), "--pdeathsig=TERM"));
                }
                command.addAll(List.of("bash", home.resolve("bin/elasticsearch").toString()));

                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                Map<String, String> env = pb.environment();
                for (String v : List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS",
                        "CLI_JAVA_OPTS", "ES_HOME")) {
                    env.remove(v);
                }
                env.put("ES_JAVA_HOME", javaHome.toString());
                env.put("ES_PATH_CONF", config.toString());
                env.put("ES_TMPDIR", tmp.toString());
                List<String> opts = new ArrayList<>(List.of("-Xms" + heapMb + "m", "-Xmx" + heapMb + "m"));
                opts.addAll(jvmOptions);
                env.put("ES_JAVA_OPTS", String.join(" ", opts));
                if (runAs.root) {
                    env.put("HOME", dir.toString());
                }

                Process process = LAUNCHER.submit(pb::start).get();
                try {
                    awaitHealthy(process, httpPort, logFile);
                    if (replicasZero) {
                        installReplicasZeroTemplate(httpPort);
                    }
                } catch (RuntimeException | Error e) {
                    stop(process, Duration.ofSeconds(10));
                    throw e;
                }
                EmbeddedElasticsearch es = new EmbeddedElasticsearch(dir, copiedHome, logFile, httpPort,
                        transportPort, process);
                LOG.info("Embedded Elasticsearch started at {} in {} ms (pid {}, {}work dir {})", es.httpUrl(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), process.pid(),
                        runAs.root ? "user nobody, " : "", dir);
                return es;
            } catch (IOException e) {
                deleteCopiedHome(copiedHome);
                throw new UncheckedIOException("cannot start embedded Elasticsearch in " + dir, e);
            } catch (ExecutionException e) {
                deleteCopiedHome(copiedHome);
                throw new IllegalStateException("cannot launch Elasticsearch from " + home, e.getCause());
            } catch (InterruptedException e) {
                deleteCopiedHome(copiedHome);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting embedded Elasticsearch", e);
            } catch (RuntimeException | Error e) {
                deleteCopiedHome(copiedHome);
                throw e;
            }
        }

        private void awaitHealthy(Process process, int httpPort, Path logFile) throws InterruptedException {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + httpPort
                    + "/_cluster/health?wait_for_status=yellow&timeout=2s")).timeout(Duration.ofSeconds(5)).GET()
                    .build();
            String last = "no answer";
            while (true) {
                if (!process.isAlive()) {
                    String tail = tail(logFile);
                    String message = "embedded Elasticsearch exited with code " + process.exitValue()
                            + " during start-up; log " + logFile + ":\n" + tail;
                    if (tail.contains("BindException") || tail.contains("Address already in use")) {
                        throw new PortClash(message);
                    }
                    throw new IllegalStateException(message);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded Elasticsearch not healthy (yellow) within "
                            + startupTimeout.toSeconds() + " s, last answer: " + last + "; log " + logFile + ":\n"
                            + tail(logFile));
                }
                try {
                    HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"timed_out\":false")) {
                        return;
                    }
                    last = r.statusCode() + " " + r.body();
                } catch (ConnectException notYet) {
                    last = "connection refused";
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(200);
            }
        }

        private static void installReplicasZeroTemplate(int httpPort) throws InterruptedException {
            String body = "{\"index_patterns\":[\"*\"],\"order\":-1000,"
                    + "\"settings\":{\"index\":{\"number_of_replicas\":0}}}";
            HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + httpPort
                    + "/_template/embedded-defaults")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> r = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("installing the replicas-0 template failed: " + r.statusCode()
                            + " " + r.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("installing the replicas-0 template failed", e);
            }
        }

        private String yaml(int httpPort, int transportPort, Path data, Path logs) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("cluster.name", "embedded");
            s.put("node.name", "embedded-node");
            s.put("discovery.type", "single-node");
            s.put("network.host", HOST);
            s.put("http.port", Integer.toString(httpPort));
            s.put("transport.port", Integer.toString(transportPort));
            s.put("path.data", quote(data.toString()));
            s.put("path.logs", quote(logs.toString()));
            s.put("xpack.security.enabled", "false");
            s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            s.put("action.destructive_requires_name", "false");
            settings.forEach((k, v) -> s.put(k, v));
            return s.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n", "# written by EmbeddedElasticsearch\n", "\n"));
        }

        private static String quote(String v) {
            return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final class PortClash extends IllegalStateException {
        PortClash(String message) {
            super(message);
        }
    }

    /** Who the node runs as: this user, or nobody when this JVM runs as root. */
    private static final class RunAs {
        final boolean root;
        final int uid;
        final int gid;

        private RunAs(boolean root, int uid, int gid) {
            this.root = root;
            this.uid = uid;
            this.gid = gid;
        }

        static RunAs current() {
            boolean root;
            try {
                root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
            } catch (IOException | RuntimeException e) {
                root = "root".equals(System.getProperty("user.name"));
            }
            if (!root) {
                return new RunAs(false, -1, -1);
            }
            int uid = 65534;
            int gid = 65534;
            try {
                for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                    String[] f = line.split(":");
                    if (f.length > 3 && f[0].equals("nobody")) {
                        uid = Integer.parseInt(f[2]);
                        gid = Integer.parseInt(f[3]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // keep 65534
            }
            return new RunAs(true, uid, gid);
        }

        boolean canRead(Path home) throws IOException, InterruptedException {
            // config/ is not needed (copied to the work dir) and is mode 660 in the distribution
            return check("test -r \"$1/bin/elasticsearch\" && test -z \"$(find \"$1\" -path \"$1/config\" -prune"
                    + " -o ! -readable -print -quit 2>&1)\"", home);
        }

        boolean canWrite(Path dir) throws IOException, InterruptedException {
            return check("test -w \"$1\" && test -x \"$1\" && test -w \"$1/config\"", dir);
        }

        private boolean check(String script, Path path) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                    "sh", "-c", script, "sh", path.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        }

        void chown(Path dir) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("chown", "-R", uid + ":" + gid, dir.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("chown -R " + uid + ":" + gid + " " + dir + " failed: " + out);
            }
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
                            + " that was not created by EmbeddedElasticsearch");
                }
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work dir " + dir, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static void deleteCopiedHome(Path copiedHome) {
        if (copiedHome != null) {
            deleteRecursively(copiedHome);
        }
    }

    private static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        process.destroy(); // SIGTERM to the launcher JVM, whose shutdown hook stops the server JVM
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("Embedded Elasticsearch process {} did not stop within {} s, killing it", h.pid(),
                        grace.toSeconds());
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

    private static long rssBytes(ProcessHandle handle) {
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
            String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
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
