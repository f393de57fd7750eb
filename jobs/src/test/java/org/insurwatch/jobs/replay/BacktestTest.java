package org.insurwatch.jobs.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {
    @TempDir
    Path dir;

    @Test
    void tellsRemovedAddedAndChangedAlertsApartPerRule() throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Files.writeString(a, """
                {"alertId":"1","ruleId":"TRACE-LATE-UPLOAD","fundAtRiskFen":10}
                {"alertId":"2","ruleId":"TRACE-LATE-UPLOAD","fundAtRiskFen":20}
                {"alertId":"3","ruleId":"TRACE-NO-RX","fundAtRiskFen":30}
                {"alertId":"4","ruleId":"TRACE-NO-RX","fundAtRiskFen":40}
                """);
        Files.writeString(b, """
                {"alertId":"2","ruleId":"TRACE-LATE-UPLOAD","fundAtRiskFen":20}
                {"alertId":"3","ruleId":"TRACE-NO-RX","fundAtRiskFen":31}
                {"alertId":"4","ruleId":"TRACE-NO-RX","fundAtRiskFen":40}
                {"alertId":"5","ruleId":"TRACE-ORDER","fundAtRiskFen":50}
                """);
        Backtest.Diff diff = Backtest.compare(a, b);
        assertThat(diff.byRule()).containsEntry("TRACE-LATE-UPLOAD", new Backtest.RuleDiff(2, 1, 1, 0, 0))
                .containsEntry("TRACE-NO-RX", new Backtest.RuleDiff(2, 2, 0, 0, 1))
                .containsEntry("TRACE-ORDER", new Backtest.RuleDiff(0, 1, 0, 1, 0));
        assertThat(diff.changes()).extracting(c -> c.path("alertId").asText() + " " + c.path("change").asText())
                .containsExactly("1 removed", "3 changed", "5 added");
        assertThat(diff.table()).contains("total").contains("TRACE-NO-RX");
        Backtest.writeChanges(diff, dir.resolve("changes.ndjson"));
        assertThat(Files.readAllLines(dir.resolve("changes.ndjson"))).hasSize(3);
        assertThat(Backtest.compare(a, a).identical()).isTrue();
    }
}
