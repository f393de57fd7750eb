package org.insurwatch.jobs.alerts.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void pausesAreFullJitterUnderADoublingCap() {
        WebhookConfig.Retry config = new WebhookConfig.Retry();
        config.initialBackoff = Duration.ofMillis(100);
        config.maxBackoff = Duration.ofMillis(1000);
        RetryPolicy policy = new RetryPolicy(config);
        assertThat(IntStream.range(0, 1000).mapToLong(i -> policy.backoffMillis(1))).allMatch(ms -> ms >= 0 && ms <= 100)
                .anyMatch(ms -> ms < 50).anyMatch(ms -> ms >= 50);
        assertThat(IntStream.range(0, 1000).mapToLong(i -> policy.backoffMillis(3))).allMatch(ms -> ms <= 400).anyMatch(ms -> ms > 200);
        assertThat(IntStream.range(0, 1000).mapToLong(i -> policy.backoffMillis(40))).allMatch(ms -> ms <= 1000).anyMatch(ms -> ms > 500);
    }

    @Test
    void onlyRateLimitsAndServerErrorsAreRetried() {
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThat(RetryPolicy.retryable(301)).isFalse();
    }
}
