package org.insurwatch.jobs.alerts.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** When a failed delivery is tried again, and after how long. */
final class RetryPolicy {
    private final WebhookConfig.Retry config;

    RetryPolicy(WebhookConfig.Retry config) {
        this.config = config;
    }

    int maxAttempts() {
        return config.maxAttempts;
    }

    Duration requestTimeout() {
        return config.requestTimeout;
    }

    /**
     * 429 and 5xx say "not now"; any other status is the receiver's final word (a refused signature, a wrong
     * URL), which repeating the same signed request cannot change.
     */
    static boolean retryable(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    /**
     * The pause after the {@code failedAttempts}-th failure: exponential with full jitter, uniform in
     * [0, min(maxBackoff, initialBackoff·2^(n-1))], so the many deliveries that failed together when a receiver
     * went down do not all come back at the same instant.
     */
    long backoffMillis(int failedAttempts) {
        return ThreadLocalRandom.current().nextLong(cap(failedAttempts) + 1);
    }

    /** The longest one delivery can take: every attempt timing out, every pause at its cap. A checkpoint waits at most this. */
    Duration longestDelivery() {
        long pauses = 0;
        for (int n = 1; n < config.maxAttempts; n++) {
            pauses += cap(n);
        }
        return config.requestTimeout.multipliedBy(config.maxAttempts).plusMillis(pauses);
    }

    private long cap(int failedAttempts) {
        double exponential = config.initialBackoff.toMillis() * Math.pow(2, failedAttempts - 1);
        return (long) Math.min(config.maxBackoff.toMillis(), exponential);
    }
}
