package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The back-test as CSV for spreadsheets: one row per rule, and one per changed alert. Money in yuan with two
 * decimals, from the alerts' integer fen. UTF-8 with a byte-order mark: Excel, what most readers open a CSV with,
 * takes one without it for the local code page and garbles the Chinese rule titles.
 */
final class BacktestCsv {
    // quotes only the values that need it (Jackson quotes any value longer than 24 characters by default)
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SUMMARY = header("rule_id", "title", "baseline", "candidate", "removed", "added", "changed",
            "fund_at_risk_removed_yuan", "fund_at_risk_added_yuan");
    private static final CsvSchema CHANGES = header("alert_id", "rule_id", "change", "event_time", "institution_id", "doctor_id",
            "pooling_region", "fund_at_risk_baseline_yuan", "fund_at_risk_candidate_yuan");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private BacktestCsv() {
    }

    static void writeSummary(Backtest.Diff diff, Path file) throws IOException {
        write(file, SUMMARY, diff.byRule().entrySet().stream().map(e -> {
            Backtest.RuleDiff d = e.getValue();
            return List.<Object>of(e.getKey(), diff.titles().getOrDefault(e.getKey(), ""), d.baseline(), d.candidate(),
                    d.removed(), d.added(), d.changed(), Yuan.plain(d.removedFundFen()), Yuan.plain(d.addedFundFen()));
        }).toList());
    }

    static void writeChanges(Backtest.Diff diff, Path file) throws IOException {
        write(file, CHANGES, diff.changes().stream().map(c -> List.<Object>of(c.alertId(), c.ruleId(), c.kind().label(),
                c.eventTime().toString(), c.field("institutionId"), c.field("doctorId"), c.field("poolingRegion"),
                fund(c.baseline()), fund(c.candidate()))).toList());
    }

    /** Empty where that replay has no such alert, so "none" and "zero" stay apart. */
    private static String fund(JsonNode alert) {
        return alert == null ? "" : Yuan.plain(Backtest.fundFen(alert));
    }

    private static void write(Path file, CsvSchema schema, List<List<Object>> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(BYTE_ORDER_MARK);
            try (SequenceWriter csv = CSV.writer(schema).writeValues(out)) {
                csv.writeAll(rows);
            }
        }
    }

    private static CsvSchema header(String... columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String column : columns) {
            schema.addColumn(column);
        }
        return schema.setUseHeader(true).build();
    }
}
