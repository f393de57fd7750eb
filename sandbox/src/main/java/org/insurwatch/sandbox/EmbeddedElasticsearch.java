package org.insurwatch.sandbox;

import static org.insurwatch.sandbox.LocalPorts.HOST;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    private final ChildProcess node;
    private final Path workDir;
    private final int httpPort;
    private final int transportPort;

    private EmbeddedElasticsearch(ChildProcess node, Path workDir, int httpPort, int transportPort) {
        this.node = node;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
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
        return url(httpPort);
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
        return node.logFile();
    }

    /** Pid of the Elasticsearch CLI launcher JVM; the server JVM is its child. */
    public long pid() {
        return node.pid();
    }

    public boolean isRunning() {
        return node.isAlive();
    }

    /** Resident set size of the launcher JVM plus the server JVM in bytes (Linux /proc), or -1 when unknown. */
    public long residentSetSizeBytes() {
        return node.residentSetSizeBytes();
    }

    /** Stops the node (SIGTERM, up to 20 s, then SIGKILL) and deletes the work dir. Idempotent. */
    @Override
    public void close() {
        node.close();
    }

    @Override
    public String toString() {
        return "EmbeddedElasticsearch[" + httpUrl() + ", pid " + node.pid() + ", " + workDir + "]";
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

    private static String url(int httpPort) {
        return "http://" + HOST + ":" + httpPort;
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
            Path dir = ServiceDirs.absoluteOrTemp(workDir, "embedded-es");
            return LocalPorts.startOnFreePorts("embedded Elasticsearch in " + dir, 2,
                    ports -> startOnce(home, dir, ports[0], ports[1]));
        }

        private EmbeddedElasticsearch startOnce(Path home, Path dir, int httpPort, int transportPort)
                throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            ServiceDirs.wipe(dir, MARKER, "EmbeddedElasticsearch");
            Path logFile = dir.resolve("elasticsearch-console.log");
            Path copiedHome = null;
            ChildProcess node = null;
            EmbeddedElasticsearch es = null;
            try {
                Path config = dir.resolve("config");
                copyTree(home.resolve("config"), config);
                Path data = Files.createDirectories(dir.resolve("data"));
                Path logs = Files.createDirectories(dir.resolve("logs"));
                Path tmp = Files.createDirectories(dir.resolve("tmp"));
                Files.writeString(config.resolve("elasticsearch.yml"), yaml(httpPort, transportPort, data, logs),
                        StandardCharsets.UTF_8);
                Files.createFile(logFile);

                RunAs runAs = RunAs.current();
                if (runAs.root) {
                    if (!Files.isExecutable(ChildProcess.SETPRIV)) {
                        throw new IllegalStateException("Elasticsearch refuses to run as root and "
                                + ChildProcess.SETPRIV + " is missing to run it as nobody");
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
                }
                List<String> command = ChildProcess.dyingWithThisJvm(runAs.setprivOptions(),
                        List.of("bash", home.resolve("bin/elasticsearch").toString()));
                node = ChildProcess.start("Embedded Elasticsearch at " + url(httpPort), command, dir, logFile,
                        Duration.ofSeconds(20), env -> environment(env, config, tmp, runAs.root ? dir : null));
                HttpRequest health = HttpRequest.newBuilder(URI.create(url(httpPort)
                        + "/_cluster/health?wait_for_status=yellow&timeout=2s")).timeout(Duration.ofSeconds(5))
                        .GET().build();
                node.awaitReady(startupTimeout, Duration.ofMillis(200), () -> notYellowBecause(health));
                if (replicasZero) {
                    installReplicasZeroTemplate(httpPort);
                }
                node.deleteOnClose(dir);
                if (copiedHome != null) {
                    node.deleteOnClose(copiedHome);
                }
                es = new EmbeddedElasticsearch(node, dir, httpPort, transportPort);
                LOG.info("Embedded Elasticsearch started at {} in {} ms (pid {}, {}work dir {})", es.httpUrl(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), node.pid(),
                        runAs.root ? "user nobody, " : "", dir);
                return es;
            } finally {
                if (es == null) {
                    if (node != null) {
                        node.close();
                    }
                    if (copiedHome != null) {
                        ServiceDirs.delete(copiedHome);
                    }
                }
            }
        }

        /** {@code home}, when not null, replaces HOME: a node run as nobody cannot use this user's. */
        private void environment(Map<String, String> env, Path config, Path tmp, Path home) {
            for (String v : List.of("JAVA_HOME", "JAVA_OPTS", "CLI_JAVA_OPTS", "ES_HOME")) {
                env.remove(v);
            }
            env.put("ES_JAVA_HOME", javaHome.toString());
            env.put("ES_PATH_CONF", config.toString());
            env.put("ES_TMPDIR", tmp.toString());
            List<String> opts = new ArrayList<>(List.of("-Xms" + heapMb + "m", "-Xmx" + heapMb + "m"));
            opts.addAll(jvmOptions);
            env.put("ES_JAVA_OPTS", String.join(" ", opts));
            if (home != null) {
                env.put("HOME", home.toString());
            }
        }

        /** Null once the cluster is yellow, else the last answer. */
        private static String notYellowBecause(HttpRequest health) throws InterruptedException {
            String last;
            try {
                HttpResponse<String> r = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"timed_out\":false")) {
                    return null;
                }
                last = r.statusCode() + " " + r.body();
            } catch (ConnectException notYet) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            }
            return "health yellow, last answer: " + last;
        }

        private static void installReplicasZeroTemplate(int httpPort) throws InterruptedException {
            String body = "{\"index_patterns\":[\"*\"],\"order\":-1000,"
                    + "\"settings\":{\"index\":{\"number_of_replicas\":0}}}";
            HttpRequest put = HttpRequest.newBuilder(URI.create(url(httpPort) + "/_template/embedded-defaults"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
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

        List<String> setprivOptions() {
            return root ? List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups") : List.of();
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
            List<String> command = new ArrayList<>(List.of(ChildProcess.SETPRIV.toString()));
            command.addAll(setprivOptions());
            command.addAll(List.of("sh", "-c", script, "sh", path.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
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
}
