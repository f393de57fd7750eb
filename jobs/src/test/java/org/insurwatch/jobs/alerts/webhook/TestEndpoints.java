package org.insurwatch.jobs.alerts.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Endpoint configs for tests, their secret in a file as in production. */
final class TestEndpoints {
    static final String SECRET = "webhook-test-secret-0123";

    private TestEndpoints() {
    }

    static WebhookConfig.Endpoint endpoint(String name, String url) {
        WebhookConfig.Endpoint endpoint = new WebhookConfig.Endpoint();
        endpoint.name = name;
        endpoint.url = url;
        endpoint.secretFile = secretFile().toString();
        return endpoint;
    }

    private static Path secretFile() {
        try {
            Path file = Files.createTempFile("insurwatch-webhook-", ".secret");
            file.toFile().deleteOnExit();
            return Files.writeString(file, SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
