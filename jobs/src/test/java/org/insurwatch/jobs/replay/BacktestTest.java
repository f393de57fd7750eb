package org.insurwatch.jobs.replay;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {
    private static final String LATE = "\"ruleId\":\"TRACE-LATE-UPLOAD\",\"title\":\"处方未实时上传 Prescription not uploaded in real time\"";
    /** A title with what CSV must quote and HTML must escape. */
    private static final String NO_RX = "\"ruleId\":\"TRACE-NO-RX\",\"title\":\"结算无对应处方, <script>alert('x')</script> & co\"";
    private static final String ORDER = "\"ruleId\":\"TRACE-ORDER\",\"title\":\"链路时间倒序 Chain steps out of order\"";
    private static final String WHERE = "\"institutionId\":\"H-01\",\"doctorId\":\"D-01\",\"poolingRegion\":\"350203\"";

    @TempDir
    Path dir;
    Path baseline;
    Path candidate;

    @BeforeEach
    void replays() throws Exception {
        baseline = dir.resolve("baseline.ndjson");
        candidate = dir.resolve("candidate.ndjson");
        // fund at risk beyond a double's 2^53: floating point would lose the last fen
        Files.writeString(baseline, String.join("\n",
                alert("1", LATE, "2026-03-01T10:00:00Z", 1050),
                alert("2", LATE, "2026-03-01T09:00:00Z", 20),
                alert("3", NO_RX, "2026-03-01T11:00:00Z", 30),
                alert("4", NO_RX, "2026-03-01T11:30:00Z", 40),
                alert("7", NO_RX, "2026-03-01T12:00:00Z", 9_007_199_254_740_993L),
                "{\"alertId\":\"8\"," + NO_RX + ",\"eventTime\":\"2026-03-01T07:00:00Z\",\"institutionId\":null,\"fundAtRiskFen\":1}",
                ""), StandardCharsets.UTF_8);
        Files.writeString(candidate, String.join("\n",
                alert("2", LATE, "2026-03-01T09:00:00Z", 20),
                alert("3", NO_RX, "2026-03-01T11:00:00Z", 31),
                alert("4", NO_RX, "2026-03-01T11:30:00Z", 40),
                alert("5", ORDER, "2026-03-01T08:00:00.500Z", 5000),
                alert("6", ORDER, "2026-03-01T08:00:00Z", 1),
                ""), StandardCharsets.UTF_8);
    }

    private static String alert(String id, String rule, String eventTime, long fundFen) {
        return "{\"alertId\":\"" + id + "\"," + rule + ",\"eventTime\":\"" + eventTime + "\"," + WHERE + ",\"fundAtRiskFen\":" + fundFen + "}";
    }

    @Test
    void tellsRemovedAddedAndChangedAlertsApartPerRuleWithTheirFundAtRisk() throws Exception {
        Backtest.Diff diff = Backtest.compare(baseline, candidate);
        assertThat(diff.byRule()).containsEntry("TRACE-LATE-UPLOAD", new Backtest.RuleDiff(2, 1, 1, 0, 0, 1050, 0))
                .containsEntry("TRACE-NO-RX", new Backtest.RuleDiff(4, 2, 2, 0, 1, 9_007_199_254_740_994L, 0))
                .containsEntry("TRACE-ORDER", new Backtest.RuleDiff(0, 2, 0, 2, 0, 0, 5001));
        assertThat(diff.total()).isEqualTo(new Backtest.RuleDiff(6, 5, 3, 2, 1, 9_007_199_254_742_044L, 5001));
        assertThat(diff.titles()).containsEntry("TRACE-ORDER", "链路时间倒序 Chain steps out of order");
        // by rule, then by event time (as instants: "08:00:00Z" comes before "08:00:00.500Z"), then by id
        assertThat(diff.changes()).extracting(c -> c.alertId() + " " + c.kind().label())
                .containsExactly("1 removed", "8 removed", "3 changed", "7 removed", "6 added", "5 added");
        assertThat(diff.table().lines()).containsExactly(
                "rule                      baseline candidate   removed     added  changed   fund removed ¥     fund added ¥",
                "TRACE-LATE-UPLOAD                2         1         1         0        0            10.50             0.00",
                "TRACE-NO-RX                      4         2         2         0        1 90,071,992,547,409.94             0.00",
                "TRACE-ORDER                      0         2         0         2        0             0.00            50.01",
                "total                            6         5         3         2        1 90,071,992,547,420.44            50.01");

        Backtest.writeChanges(diff, dir.resolve("changes.ndjson"));
        assertThat(Files.readAllLines(dir.resolve("changes.ndjson"))).hasSize(6).first().asString()
                .startsWith("{\"change\":\"removed\",\"ruleId\":\"TRACE-LATE-UPLOAD\",\"alertId\":\"1\",\"baseline\":{");
        assertThat(Backtest.compare(baseline, baseline).identical()).isTrue();
    }

    @Test
    void writesTheSummaryAndTheChangesAsCsvForSpreadsheets() throws Exception {
        Backtest.Diff diff = Backtest.compare(baseline, candidate);
        Path summary = dir.resolve("backtest-summary.csv");
        Path changes = dir.resolve("backtest-changes.csv");
        BacktestCsv.writeSummary(diff, summary);
        BacktestCsv.writeChanges(diff, changes);

        assertThat(Files.readAllLines(summary, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFrule_id,title,baseline,candidate,removed,added,changed,fund_at_risk_removed_yuan,fund_at_risk_added_yuan",
                "TRACE-LATE-UPLOAD,处方未实时上传 Prescription not uploaded in real time,2,1,1,0,0,10.50,0.00",
                "TRACE-NO-RX,\"结算无对应处方, <script>alert('x')</script> & co\",4,2,2,0,1,90071992547409.94,0.00",
                "TRACE-ORDER,链路时间倒序 Chain steps out of order,0,2,0,2,0,0.00,50.01");
        // a side without the alert stays empty, not 0.00
        assertThat(Files.readAllLines(changes, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFalert_id,rule_id,change,event_time,institution_id,doctor_id,pooling_region,fund_at_risk_baseline_yuan,"
                        + "fund_at_risk_candidate_yuan",
                "1,TRACE-LATE-UPLOAD,removed,2026-03-01T10:00:00Z,H-01,D-01,350203,10.50,",
                "8,TRACE-NO-RX,removed,2026-03-01T07:00:00Z,,,,0.01,",
                "3,TRACE-NO-RX,changed,2026-03-01T11:00:00Z,H-01,D-01,350203,0.30,0.31",
                "7,TRACE-NO-RX,removed,2026-03-01T12:00:00Z,H-01,D-01,350203,90071992547409.93,",
                "6,TRACE-ORDER,added,2026-03-01T08:00:00Z,H-01,D-01,350203,,0.01",
                "5,TRACE-ORDER,added,2026-03-01T08:00:00.500Z,H-01,D-01,350203,,50.00");
    }

    @Test
    void writesOneSelfContainedEscapedHtmlPage() throws Exception {
        Path report = dir.resolve("backtest-report.html");
        BacktestHtml.write(Backtest.compare(baseline, candidate), "Back-test of <candidate>.yaml",
                List.of("event time [2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z) & more"), report);
        String html = Files.readString(report, StandardCharsets.UTF_8);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("<title>Back-test of &lt;candidate&gt;.yaml</title>")
                .contains("<li>event time [2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z) &amp; more</li>")
                // the rules' Chinese titles as they are, their markup escaped
                .contains("<td>TRACE-LATE-UPLOAD</td><td>处方未实时上传 Prescription not uploaded in real time</td>")
                .contains("<td>结算无对应处方, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</td>")
                .contains("<tfoot><tr><th>total</th><th></th><th class=\"n\">6</th><th class=\"n\">5</th><th class=\"n\">3</th>"
                        + "<th class=\"n\">2</th><th class=\"n\">1</th><th class=\"n\">90,071,992,547,420.44</th><th class=\"n\">50.01</th></tr>")
                .contains("<h2>Changes (6)</h2>")
                .contains("<tr><td>8</td><td>TRACE-NO-RX</td><td class=\"removed\">removed</td><td>2026-03-01T07:00:00Z</td>"
                        + "<td></td><td></td><td></td><td class=\"n\">0.01</td><td class=\"n\"></td></tr>")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("url(");

        BacktestHtml.write(Backtest.compare(baseline, baseline), "same", List.of(), report);
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("<h2>Changes (0)</h2><p>None:");
    }
}
