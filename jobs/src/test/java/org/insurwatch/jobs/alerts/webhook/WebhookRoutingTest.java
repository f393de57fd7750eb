package org.insurwatch.jobs.alerts.webhook;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.alerts.webhook.TestAlerts.alert;
import static org.insurwatch.jobs.alerts.webhook.TestEndpoints.SECRET;
import static org.insurwatch.jobs.alerts.webhook.TestEndpoints.endpoint;

class WebhookRoutingTest {
    @Test
    void anEndpointWithoutFiltersWantsEveryAlert() {
        WebhookEndpoint all = WebhookEndpoint.of(endpoint("all", "http://127.0.0.1:9/"));
        assertThat(all.wants(alert("a", RuleCategory.PRICE, Severity.LOW, null))).isTrue();
        assertThat(all.wants(alert("b", RuleCategory.TRACEABILITY, Severity.CRITICAL, "350203"))).isTrue();
    }

    @Test
    void everyFilterAnEndpointSetsMustMatch() {
        WebhookConfig.Endpoint config = endpoint("xiamen-critical", "http://127.0.0.1:9/");
        config.categories = List.of(RuleCategory.TRACEABILITY, RuleCategory.SETTLEMENT);
        config.minSeverity = Severity.HIGH;
        config.poolingRegions = List.of("350203", "350206");
        WebhookEndpoint xiamen = WebhookEndpoint.of(config);

        assertThat(xiamen.wants(alert("match", RuleCategory.SETTLEMENT, Severity.HIGH, "350206"))).isTrue();
        assertThat(xiamen.wants(alert("above", RuleCategory.TRACEABILITY, Severity.CRITICAL, "350203"))).isTrue();
        assertThat(xiamen.wants(alert("category", RuleCategory.PRICE, Severity.CRITICAL, "350203"))).isFalse();
        assertThat(xiamen.wants(alert("severity", RuleCategory.TRACEABILITY, Severity.MEDIUM, "350203"))).isFalse();
        assertThat(xiamen.wants(alert("region", RuleCategory.TRACEABILITY, Severity.CRITICAL, "371302"))).isFalse();
        assertThat(xiamen.wants(alert("no-region", RuleCategory.TRACEABILITY, Severity.CRITICAL, null))).isFalse();
    }

    @Test
    void theWriterSendsAnAlertToEveryEndpointItMatches() throws Exception {
        try (TestReceiver receiver = new TestReceiver(SECRET, n -> TestReceiver.Reply.status(200))) {
            WebhookConfig config = new WebhookConfig();
            WebhookConfig.Endpoint critical = endpoint("critical", receiver.url("/critical"));
            critical.minSeverity = Severity.CRITICAL;
            WebhookConfig.Endpoint linyi = endpoint("linyi", receiver.url("/linyi"));
            linyi.poolingRegions = List.of("371302");
            config.endpoints = List.of(endpoint("everything", receiver.url("/all")), critical, linyi);
            config.validate();

            List<Alert> alerts = List.of(
                    alert("low-xiamen", RuleCategory.TRACEABILITY, Severity.LOW, "350203"),
                    alert("critical-xiamen", RuleCategory.PRICE, Severity.CRITICAL, "350203"),
                    alert("critical-linyi", RuleCategory.DELIVERY, Severity.CRITICAL, "371302"));
            CapturedMetrics metrics = new CapturedMetrics();
            WebhookWriter writer = new WebhookWriter(config, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), metrics);
            for (Alert alert : alerts) {
                writer.write(alert, null);
            }
            writer.flush(false);
            writer.close();

            assertThat(receiver.stored()).extracting(r -> r.alertId())
                    .containsExactlyInAnyOrder("low-xiamen", "critical-xiamen", "critical-linyi", // everything
                            "critical-xiamen", "critical-linyi",                                      // critical
                            "critical-linyi");                                                         // linyi
            assertThat(metrics.count("webhooksDelivered")).isEqualTo(6);
        }
    }
}
