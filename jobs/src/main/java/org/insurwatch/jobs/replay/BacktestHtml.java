package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The back-test as one HTML page to pass around: self-contained (no script, no external style or font, so it opens
 * from a mail or a file share as it is), UTF-8 so the Chinese rule titles render, and every text from the alerts and
 * the configs escaped. The per-rule summary with its total, then every change.
 */
final class BacktestHtml {
    private static final String STYLE = """
            body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
            thead th,tfoot th{background:#f2f2f2}td:first-child{white-space:nowrap}.n{text-align:right;font-variant-numeric:tabular-nums}
            .removed{color:#a40000}.added{color:#006400}.changed{color:#8a5a00}""";

    private final Writer out;

    private BacktestHtml(Writer out) {
        this.out = out;
    }

    /**
     * @param heading the page's title
     * @param about   lines that say what was compared over which range
     */
    static void write(Backtest.Diff diff, String heading, List<String> about, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new BacktestHtml(out).page(diff, heading, about);
        }
    }

    private void page(Backtest.Diff diff, String heading, List<String> about) throws IOException {
        markup("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
        text(heading);
        markup("</title><style>" + STYLE + "</style></head>\n<body><h1>");
        text(heading);
        markup("</h1><ul>");
        for (String line : about) {
            element("li", line, "");
        }
        markup("</ul>\n<h2>Per rule</h2><table><thead><tr>");
        for (String column : List.of("rule", "title", "baseline", "candidate", "removed", "added", "changed",
                "fund at risk removed ¥", "fund at risk added ¥")) {
            element("th", column, "");
        }
        markup("</tr></thead><tbody>\n");
        for (Map.Entry<String, Backtest.RuleDiff> rule : diff.byRule().entrySet()) {
            summaryRow("td", rule.getKey(), diff.titles().getOrDefault(rule.getKey(), ""), rule.getValue());
        }
        markup("</tbody><tfoot>");
        summaryRow("th", "total", "", diff.total());
        markup("</tfoot></table>\n<h2>Changes (" + diff.changes().size() + ")</h2>");
        if (diff.identical()) {
            markup("<p>None: the candidate raises exactly the baseline's alerts.</p>");
        } else {
            changes(diff.changes());
        }
        markup("\n</body></html>\n");
    }

    private void summaryRow(String cell, String rule, String title, Backtest.RuleDiff d) throws IOException {
        markup("<tr>");
        element(cell, rule, "");
        element(cell, title, "");
        for (long count : new long[] {d.baseline(), d.candidate(), d.removed(), d.added(), d.changed()}) {
            element(cell, Long.toString(count), "n");
        }
        element(cell, Yuan.grouped(d.removedFundFen()), "n");
        element(cell, Yuan.grouped(d.addedFundFen()), "n");
        markup("</tr>\n");
    }

    private void changes(List<Backtest.Change> changes) throws IOException {
        markup("<table><thead><tr>");
        for (String column : List.of("alert id", "rule", "change", "event time", "institution", "doctor", "pooling region",
                "fund at risk baseline ¥", "fund at risk candidate ¥")) {
            element("th", column, "");
        }
        markup("</tr></thead><tbody>\n");
        for (Backtest.Change c : changes) {
            markup("<tr>");
            element("td", c.alertId(), "");
            element("td", c.ruleId(), "");
            element("td", c.kind().label(), c.kind().label());
            element("td", c.eventTime().toString(), "");
            element("td", c.field("institutionId"), "");
            element("td", c.field("doctorId"), "");
            element("td", c.field("poolingRegion"), "");
            element("td", fund(c.baseline()), "n");
            element("td", fund(c.candidate()), "n");
            markup("</tr>\n");
        }
        markup("</tbody></table>");
    }

    private static String fund(JsonNode alert) {
        return alert == null ? "" : Yuan.grouped(Backtest.fundFen(alert));
    }

    /** An element holding escaped text; {@code cssClass} is one of this class's own names, or empty. */
    private void element(String tag, String text, String cssClass) throws IOException {
        markup(cssClass.isEmpty() ? "<" + tag + ">" : "<" + tag + " class=\"" + cssClass + "\">");
        text(text);
        markup("</" + tag + ">");
    }

    /** Markup this class wrote itself, never data. */
    private void markup(String html) throws IOException {
        out.write(html);
    }

    private void text(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write("&quot;");
                case '\'' -> out.write("&#39;");
                default -> out.write(c);
            }
        }
    }
}
