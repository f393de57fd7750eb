package org.insurwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the production docker-compose.yml with {@code docker-compose config}. The command needs
 * no Docker engine, so the check runs wherever the docker-compose client is installed. CI
 * installs it. Without it, these tests are skipped and not failed.
 *
 * <p>The repository root is the system property {@code repo.root}, or else the parent of the
 * working directory, since Surefire runs in the sandbox module.
 */
class DockerComposeConfigTest {

    private static final String KEY_VARIABLE = "INSURWATCH_PSEUDONYM_KEY";
    private static final String DUMMY_KEY = "compose-config-check-dummy-key";
    private static final long TIMEOUT_SECONDS = 120;

    private static Path repoRoot;
    private static Path composeFile;
    private static Path composeBinary;

    /** Holds the empty --env-file, so a developer's .env cannot supply the key behind the test's back. */
    @TempDir
    static Path tempDir;

    @BeforeAll
    static void locate() {
        String property = System.getProperty("repo.root");
        repoRoot = (property == null || property.isBlank() ? Path.of("..") : Path.of(property))
                .toAbsolutePath().normalize();
        composeFile = repoRoot.resolve("docker-compose.yml");
        composeBinary = findOnPath("docker-compose").orElse(null);
    }

    @Test
    void configIsValidWhenTheKeyIsSet() throws Exception {
        Result result = compose(true, "config", "--quiet");

        assertThat(result.exitCode()).as("docker-compose config --quiet failed:%n%s", result.stderr()).isZero();
    }

    @Test
    void configFailsWithoutThePseudonymKey() throws Exception {
        Result result = compose(false, "config", "--quiet");

        assertThat(result.exitCode()).as("the stack must refuse to start without %s", KEY_VARIABLE).isNotZero();
        assertThat(result.stderr()).contains(KEY_VARIABLE);
    }

    @Test
    void jobManagerMountsTheJvmOptionsTheJarAndTheConfig() throws Exception {
        assertFlinkMounts("jobmanager");
    }

    @Test
    void taskManagerMountsTheJvmOptionsTheJarAndTheConfig() throws Exception {
        assertFlinkMounts("taskmanager");
    }

    private void assertFlinkMounts(String service) throws Exception {
        JsonNode node = renderedService(service);
        List<Mount> mounts = mounts(node);

        assertThat(mounts).as("volumes of %s", service)
                .anySatisfy(m -> {
                    assertThat(m.target()).isEqualTo("/opt/insurwatch/flink-jvm.options");
                    assertThat(Path.of(m.source()).normalize()).isEqualTo(repoRoot.resolve("flink-jvm.options"));
                    assertThat(m.readOnly()).isTrue();
                })
                .anySatisfy(m -> {
                    assertThat(m.target()).isEqualTo("/opt/flink/usrlib/insurwatch-job.jar");
                    assertThat(Path.of(m.source()).normalize())
                            .isEqualTo(repoRoot.resolve("jobs/target/insurwatch-job.jar"));
                    assertThat(m.readOnly()).isTrue();
                })
                .anySatisfy(m -> {
                    assertThat(m.target()).isEqualTo("/opt/insurwatch/insurwatch.yaml");
                    assertThat(Path.of(m.source()).normalize())
                            .isEqualTo(repoRoot.resolve("deploy/config/insurwatch.yaml"));
                })
                .anySatisfy(m -> assertThat(m.target()).isEqualTo("/opt/flink/checkpoints"));

        assertThat(node.path("image").asText()).isEqualTo("flink:2.2.1-java17");
        assertThat(node.path("environment").path(KEY_VARIABLE).asText()).isEqualTo(DUMMY_KEY);
        assertThat(node.path("depends_on").path("setup").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void theMountedFilesExistInTheRepository() {
        assertThat(repoRoot.resolve("flink-jvm.options")).isRegularFile();
        assertThat(repoRoot.resolve("deploy/config/insurwatch.yaml")).isRegularFile();
        assertThat(repoRoot.resolve("deploy/flink/entrypoint.sh")).isRegularFile();
        assertThat(repoRoot.resolve("deploy/setup/create-topics.sh")).isRegularFile();
        assertThat(repoRoot.resolve("deploy/setup/install-index-template.sh")).isRegularFile();
    }

    private JsonNode renderedService(String service) throws Exception {
        Result result = compose(true, "config");
        assertThat(result.exitCode()).as("docker-compose config failed:%n%s", result.stderr()).isZero();
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(result.stdout()).path("services");
        assertThat(services.has(service)).as("service %s in the rendered stack", service).isTrue();
        return services.path(service);
    }

    /** Both forms that {@code config} prints: Compose v2's long syntax and v1's "source:target:mode". */
    private static List<Mount> mounts(JsonNode service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                mounts.add(new Mount(parts[0], parts.length > 1 ? parts[1] : parts[0], readOnly));
            } else {
                mounts.add(new Mount(volume.path("source").asText(), volume.path("target").asText(),
                        volume.path("read_only").asBoolean(false)));
            }
        }
        return mounts;
    }

    private Result compose(boolean withKey, String... args) throws IOException, InterruptedException {
        assumeTrue(composeBinary != null, "no docker-compose on PATH; CI installs it");
        assertThat(composeFile).as("docker-compose.yml at the repository root").isRegularFile();

        Path emptyEnvFile = Files.writeString(tempDir.resolve("empty.env"), "");
        List<String> command = new ArrayList<>(List.of(composeBinary.toString(),
                "--env-file", emptyEnvFile.toString(), "-f", composeFile.toString()));
        command.addAll(List.of(args));

        Path stdout = Files.createTempFile(tempDir, "compose", ".out");
        Path stderr = Files.createTempFile(tempDir, "compose", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repoRoot.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove(KEY_VARIABLE);
        if (withKey) {
            environment.put(KEY_VARIABLE, DUMMY_KEY);
        }

        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
        }
        return new Result(process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : List.of(name, name + ".exe")) {
                Path file = Path.of(dir).resolve(candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private record Mount(String source, String target, boolean readOnly) {
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
