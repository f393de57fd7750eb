package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {
    private static final String TWO_ENDPOINTS = """
            webhooks:
              endpoints:
                - {name: case-system, url: "https://cases.example.org/hooks/insurwatch", secretEnv: CASES_WEBHOOK_SECRET}
                - name: xiamen-critical
                  url: http://10.0.0.7:8080/alerts
                  secretFile: /run/secrets/xiamen
                  categories: [TRACEABILITY, SETTLEMENT]
                  minSeverity: CRITICAL
                  poolingRegions: ["350203"]
            """;

    @Test
    void noWebhooksByDefaultAndADefaultRetryPolicyThatEndsWithinAMinute() {
        WebhookConfig webhooks = JobConfig.parse("").webhooks;
        assertThat(webhooks.endpoints).isEmpty();
        assertThat(webhooks.deadLetterTopic).isEqualTo("webhook-dead-letters");
        assertThat(new RetryPolicy(webhooks.retry).longestDelivery()).isEqualTo(Duration.ofMillis(32_500));
    }

    @Test
    void endpointsAndTheirFiltersAreReadFromYaml() {
        WebhookConfig webhooks = JobConfig.parse(TWO_ENDPOINTS).webhooks;
        assertThat(webhooks.endpoints).extracting(e -> e.name).containsExactly("case-system", "xiamen-critical");
        WebhookConfig.Endpoint xiamen = webhooks.endpoints.get(1);
        assertThat(xiamen.categories).containsExactly(RuleCategory.TRACEABILITY, RuleCategory.SETTLEMENT);
        assertThat(xiamen.minSeverity).isEqualTo(Severity.CRITICAL);
        assertThat(xiamen.poolingRegions).containsExactly("350203");
        assertThat(webhooks.endpoints.get(0).minSeverity).isEqualTo(Severity.LOW);
    }

    @Test
    void badValuesAreRejectedWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.parse(TWO_ENDPOINTS.replace("http://10.0.0.7:8080/alerts", "10.0.0.7:8080")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("config key 'webhooks.endpoints[1].url' must be an http:// or https:// URL");
        assertThatThrownBy(() -> JobConfig.parse(TWO_ENDPOINTS.replace(", secretEnv: CASES_WEBHOOK_SECRET", "")))
                .hasMessage("config key 'webhooks.endpoints[0]' set exactly one of secretEnv and secretFile");
        assertThatThrownBy(() -> JobConfig.parse(TWO_ENDPOINTS.replace("xiamen-critical", "case-system")))
                .hasMessageStartingWith("config key 'webhooks.endpoints[1].name' 'case-system' is already");
        assertThatThrownBy(() -> JobConfig.parse(TWO_ENDPOINTS.replace("CRITICAL", "URGENT")))
                .hasMessageStartingWith("bad value for config key 'webhooks.endpoints").hasMessageContaining("[1].minSeverity'");
        assertThatThrownBy(() -> JobConfig.parse("webhooks: {retry: {maxAttempts: 0}}"))
                .hasMessage("config key 'webhooks.retry.maxAttempts' must be at least 1");
        assertThatThrownBy(() -> JobConfig.parse("webhooks: {retry: {initialBackoff: PT5S, maxBackoff: PT1S}}"))
                .hasMessageStartingWith("config key 'webhooks.retry.maxBackoff' must not be shorter");
        assertThatThrownBy(() -> JobConfig.parse("webhooks: {retry: {requestTimeout: PT0S}}"))
                .hasMessageContaining("'webhooks.retry.requestTimeout'");
        assertThatThrownBy(() -> JobConfig.parse("webhooks: {deadLetterTopic: ''}"))
                .hasMessageContaining("'webhooks.deadLetterTopic'");
        assertThatThrownBy(() -> JobConfig.parse("webhooks: {sign: true}"))
                .hasMessage("unknown config key 'webhooks.sign'");
    }

    @Test
    void aMissingSecretNamesItsVariableAndAShortOneIsRefusedWithoutBeingShown(@TempDir Path tmp) throws Exception {
        WebhookConfig.Endpoint endpoint = JobConfig.parse(TWO_ENDPOINTS).webhooks.endpoints.get(0);
        endpoint.secretEnv = "INSURWATCH_TEST_WEBHOOK_SECRET_THAT_IS_NOT_SET";
        assertThatThrownBy(() -> WebhookEndpoint.of(endpoint)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("INSURWATCH_TEST_WEBHOOK_SECRET_THAT_IS_NOT_SET").hasMessageContaining("'case-system'");

        Path file = tmp.resolve("short.secret");
        Files.writeString(file, "hunter2\n");
        endpoint.secretEnv = "";
        endpoint.secretFile = file.toString();
        assertThatThrownBy(() -> WebhookEndpoint.of(endpoint)).hasMessageContaining("at least 16 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
