package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.jobs.SupervisionJobMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments end in one line that says what to fix, before any Kafka is needed. */
class WebhookResendCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = SupervisionJobMain.commandLine(new SupervisionJobMain());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("insurwatch.yaml"), yaml);
    }

    @Test
    void theConfigFileIsRequiredAndMustExist() {
        assertThat(run("webhooks-resend")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");

        err.getBuffer().setLength(0);
        assertThat(run("webhooks-resend", "--config", tmp.resolve("nowhere.yaml").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: config file " + tmp.resolve("nowhere.yaml") + " does not exist");
    }

    @Test
    void aConfigWithoutEndpointsHasNothingToResendTo() throws Exception {
        assertThat(run("webhooks-resend", "--config", config("parallelism: 1\n").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "error: config key 'webhooks.endpoints' is empty: there is no endpoint to re-deliver to");
    }

    @Test
    void anUnknownEndpointIsNamedWithTheConfiguredOnes() throws Exception {
        Path secret = Files.writeString(tmp.resolve("cases.secret"), "resend-test-secret-0123");
        Path config = config("webhooks: {endpoints: [{name: case-system, url: 'http://127.0.0.1:9/', secretFile: '" + secret + "'}]}\n");
        assertThat(run("webhooks-resend", "--config", config.toString(), "--endpoint", "case-sytem")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "error: --endpoint: no webhook endpoint named 'case-sytem'; configured: case-system");
    }

    @Test
    void aMissingSecretStopsTheRunWithOneLine() throws Exception {
        Path config = config("webhooks: {endpoints: [{name: case-system, url: 'http://127.0.0.1:9/', "
                + "secretEnv: INSURWATCH_TEST_WEBHOOK_SECRET_THAT_IS_NOT_SET}]}\n");
        assertThat(run("webhooks-resend", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: set the environment variable INSURWATCH_TEST_WEBHOOK_SECRET_THAT_IS_NOT_SET")
                .doesNotContain("\n");
    }
}
