package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the alerts of two replays of the same range (NDJSON files sorted by alert id, as {@link Replay} writes
 * them): which alerts only the baseline raised, which only the candidate raised, and which both raised with
 * different content. Alert ids hash the rule and the evidence, so "the same alert" means the same rule on the
 * same events.
 */
public final class Backtest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the candidate does to one alert: removes it (only the baseline has it), adds it, or changes its content. */
    public enum ChangeKind {
        REMOVED, ADDED, CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** x is the baseline's version of an alert, y the candidate's, either null; null when they agree. */
        static ChangeKind of(JsonNode x, JsonNode y) {
            return y == null ? REMOVED : x == null ? ADDED : x.equals(y) ? null : CHANGED;
        }
    }

    /** One alert the two replays disagree on, with each replay's version of it (null where that replay has none). */
    public record Change(ChangeKind kind, String alertId, String ruleId, JsonNode baseline, JsonNode candidate) {
        /** The alert as it stands after the change: the candidate's, or the baseline's for one the candidate removes. */
        public JsonNode latest() {
            return candidate != null ? candidate : baseline;
        }

        public Instant eventTime() {
            return Instant.parse(latest().path("eventTime").asText());
        }

        /** A text field of the alert as it stands after the change; empty where it has none. */
        public String field(String name) {
            JsonNode value = latest().get(name);
            return value == null || value.isNull() ? "" : value.asText();
        }

        ObjectNode toJson() {
            ObjectNode line = JSON.createObjectNode().put("change", kind.label()).put("ruleId", ruleId).put("alertId", alertId);
            if (baseline != null) {
                line.set("baseline", baseline);
            }
            if (candidate != null) {
                line.set("candidate", candidate);
            }
            return line;
        }
    }

    /**
     * Per rule: alerts in the baseline and in the candidate, those the candidate removes, adds and changes, and the
     * fund at risk, in fen, of the alerts it removes and of those it adds.
     */
    public record RuleDiff(long baseline, long candidate, long removed, long added, long changed, long removedFundFen,
                           long addedFundFen) {
        static final RuleDiff NONE = new RuleDiff(0, 0, 0, 0, 0, 0, 0);

        RuleDiff plus(RuleDiff o) {
            return new RuleDiff(baseline + o.baseline, candidate + o.candidate, removed + o.removed, added + o.added,
                    changed + o.changed, Math.addExact(removedFundFen, o.removedFundFen), Math.addExact(addedFundFen, o.addedFundFen));
        }

        /** What one alert id contributes: x is the baseline's version, y the candidate's, either null. */
        static RuleDiff of(JsonNode x, JsonNode y, ChangeKind kind) {
            return new RuleDiff(x == null ? 0 : 1, y == null ? 0 : 1, kind == ChangeKind.REMOVED ? 1 : 0,
                    kind == ChangeKind.ADDED ? 1 : 0, kind == ChangeKind.CHANGED ? 1 : 0,
                    kind == ChangeKind.REMOVED ? fundFen(x) : 0, kind == ChangeKind.ADDED ? fundFen(y) : 0);
        }
    }

    /**
     * @param byRule rule id → its counts
     * @param titles rule id → the rule's title, as its alerts carry it
     * @param changes by rule, then event time, then alert id: the order a reader goes through them
     */
    public record Diff(Map<String, RuleDiff> byRule, Map<String, String> titles, List<Change> changes) {
        public boolean identical() {
            return changes.isEmpty();
        }

        public RuleDiff total() {
            return byRule.values().stream().reduce(RuleDiff.NONE, RuleDiff::plus);
        }

        /** The per-rule table for a terminal; fund at risk in yuan. */
        public String table() {
            String row = "%-24s %9s %9s %9s %9s %8s %16s %16s%n";
            StringBuilder out = new StringBuilder(String.format(row, "rule", "baseline", "candidate", "removed", "added",
                    "changed", "fund removed ¥", "fund added ¥"));
            byRule.forEach((rule, d) -> out.append(tableRow(row, rule, d)));
            return out.append(tableRow(row, "total", total()).stripTrailing()).toString();
        }

        private static String tableRow(String row, String rule, RuleDiff d) {
            return String.format(row, rule, d.baseline, d.candidate, d.removed, d.added, d.changed,
                    Yuan.grouped(d.removedFundFen), Yuan.grouped(d.addedFundFen));
        }
    }

    private Backtest() {
    }

    public static Diff compare(Path baseline, Path candidate) throws IOException {
        Map<String, JsonNode> a = read(baseline);
        Map<String, JsonNode> b = read(candidate);
        Map<String, RuleDiff> byRule = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            JsonNode x = a.get(id);
            JsonNode y = b.get(id);
            JsonNode latest = y != null ? y : x;
            String rule = latest.path("ruleId").asText();
            titles.putIfAbsent(rule, latest.path("title").asText());
            ChangeKind kind = ChangeKind.of(x, y);
            byRule.merge(rule, RuleDiff.of(x, y, kind), RuleDiff::plus);
            if (kind != null) {
                changes.add(new Change(kind, id, rule, x, y));
            }
        }
        changes.sort(Comparator.comparing(Change::ruleId).thenComparing(Change::eventTime).thenComparing(Change::alertId));
        return new Diff(byRule, titles, changes);
    }

    /** One line per change. */
    public static void writeChanges(Diff diff, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Change change : diff.changes()) {
                out.write(JSON.writeValueAsBytes(change.toJson()));
                out.write('\n');
            }
        }
    }

    static long fundFen(JsonNode alert) {
        return alert.path("fundAtRiskFen").asLong();
    }

    private static Map<String, JsonNode> read(Path ndjson) throws IOException {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (String line : Files.readAllLines(ndjson, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode alert = JSON.readTree(line);
                alerts.put(alert.path("alertId").asText(), alert);
            }
        }
        return alerts;
    }
}
