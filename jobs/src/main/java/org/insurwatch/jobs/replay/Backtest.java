package org.insurwatch.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Counts per rule: alerts in the baseline, in the candidate, only in one of them, in both but changed. */
    public record RuleDiff(long baseline, long candidate, long onlyBaseline, long onlyCandidate, long changed) {
        RuleDiff plus(RuleDiff o) {
            return new RuleDiff(baseline + o.baseline, candidate + o.candidate, onlyBaseline + o.onlyBaseline,
                    onlyCandidate + o.onlyCandidate, changed + o.changed);
        }
    }

    public record Diff(Map<String, RuleDiff> byRule, List<ObjectNode> changes) {
        public boolean identical() {
            return changes.isEmpty();
        }

        public String table() {
            StringBuilder out = new StringBuilder(String.format("%-24s %9s %9s %9s %9s %8s%n", "rule", "baseline", "candidate",
                    "removed", "added", "changed"));
            RuleDiff total = new RuleDiff(0, 0, 0, 0, 0);
            for (Map.Entry<String, RuleDiff> e : byRule.entrySet()) {
                RuleDiff d = e.getValue();
                total = total.plus(d);
                out.append(String.format("%-24s %9d %9d %9d %9d %8d%n", e.getKey(), d.baseline, d.candidate, d.onlyBaseline,
                        d.onlyCandidate, d.changed));
            }
            out.append(String.format("%-24s %9d %9d %9d %9d %8d", "total", total.baseline, total.candidate, total.onlyBaseline,
                    total.onlyCandidate, total.changed));
            return out.toString();
        }
    }

    private Backtest() {
    }

    public static Diff compare(Path baseline, Path candidate) throws IOException {
        Map<String, JsonNode> a = read(baseline);
        Map<String, JsonNode> b = read(candidate);
        Map<String, long[]> counts = new TreeMap<>();
        List<ObjectNode> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            JsonNode x = a.get(id);
            JsonNode y = b.get(id);
            String rule = (x != null ? x : y).path("ruleId").asText();
            long[] c = counts.computeIfAbsent(rule, r -> new long[5]);
            String change = null;
            if (x != null) {
                c[0]++;
            }
            if (y != null) {
                c[1]++;
            }
            if (y == null) {
                c[2]++;
                change = "removed";
            } else if (x == null) {
                c[3]++;
                change = "added";
            } else if (!x.equals(y)) {
                c[4]++;
                change = "changed";
            }
            if (change != null) {
                ObjectNode line = JSON.createObjectNode().put("change", change).put("ruleId", rule).put("alertId", id);
                if (x != null) {
                    line.set("baseline", x);
                }
                if (y != null) {
                    line.set("candidate", y);
                }
                changes.add(line);
            }
        }
        Map<String, RuleDiff> byRule = new TreeMap<>();
        counts.forEach((rule, c) -> byRule.put(rule, new RuleDiff(c[0], c[1], c[2], c[3], c[4])));
        return new Diff(byRule, changes);
    }

    /** One line per change, in alert id order. */
    public static void writeChanges(Diff diff, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (ObjectNode change : diff.changes()) {
                out.write(JSON.writeValueAsBytes(change));
                out.write('\n');
            }
        }
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
