package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.schema.alert.Alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** A configured receiver with its secret resolved: which alerts it wants, and the signed request that carries one to it. */
final class WebhookEndpoint {
    private final WebhookConfig.Endpoint config;
    private final URI url;
    private final byte[] secret;
    private final Set<String> poolingRegions;

    private WebhookEndpoint(WebhookConfig.Endpoint config, byte[] secret) {
        this.config = config;
        this.url = URI.create(config.url);
        this.secret = secret;
        this.poolingRegions = Set.copyOf(config.poolingRegions);
    }

    /** Reads the endpoint's secret from its file or environment variable; the message of a failure never holds the secret. */
    static WebhookEndpoint of(WebhookConfig.Endpoint config) {
        String secret;
        if (!WebhookConfig.blank(config.secretFile)) {
            try {
                secret = Files.readString(Path.of(config.secretFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new InvalidConfigException("webhook endpoint '" + config.name + "': cannot read its secretFile " + config.secretFile);
            }
        } else {
            secret = System.getenv(config.secretEnv);
            if (WebhookConfig.blank(secret)) {
                throw new InvalidConfigException("set the environment variable " + config.secretEnv
                        + " to the HMAC secret of webhook endpoint '" + config.name + "' (its secretEnv)");
            }
        }
        if (secret.length() < 16) {
            throw new InvalidConfigException("the HMAC secret of webhook endpoint '" + config.name + "' must have at least 16 characters");
        }
        return new WebhookEndpoint(config, secret.getBytes(StandardCharsets.UTF_8));
    }

    String name() {
        return config.name;
    }

    /** The routing filters: every one the endpoint sets must match. */
    boolean wants(Alert alert) {
        return (config.categories.isEmpty() || config.categories.contains(alert.getCategory()))
                && alert.getSeverity().compareTo(config.minSeverity) >= 0
                && (poolingRegions.isEmpty() || alert.getPoolingRegion() != null && poolingRegions.contains(alert.getPoolingRegion()));
    }

    /** One attempt's request, signed at {@code now}: a retry is signed afresh, so a late retry is not stale to the receiver. */
    HttpRequest request(String alertId, byte[] body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        return HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ALERT_ID, alertId)
                .header(WebhookSignature.IDEMPOTENCY_KEY, alertId)
                .header(WebhookSignature.TIMESTAMP, timestamp)
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
