package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Alerts for webhook tests, varied only where routing looks. */
final class TestAlerts {
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    private TestAlerts() {
    }

    static Alert alert(String id, RuleCategory category, Severity severity, String poolingRegion) {
        return Alert.newBuilder()
                .setAlertId(id).setRuleId("TRACE-NO-RX").setRuleVersion("1").setSeverity(severity).setCategory(category)
                .setTitle("结算未见处方").setCitation("000 art.12").setEventTime(T).setDetectedAt(T.plusSeconds(86_400))
                .setInstitutionId("H-01").setPoolingRegion(poolingRegion).setPatientPseudonym("P-0a1b2c")
                .setPrescriptionId("RX-" + id).setFundAtRiskFen(12_345)
                .setEvidence(List.of(new Evidence("settlement", "ev-s-" + id, T, Map.of("fundFen", "12345"))))
                .build();
    }

    static List<Alert> alerts(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> alert(String.format("alert-%03d", i), RuleCategory.TRACEABILITY, Severity.HIGH, "350203"))
                .toList();
    }
}
