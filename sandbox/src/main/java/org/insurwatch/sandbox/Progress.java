package org.insurwatch.sandbox;

import org.insurwatch.traffic.TrafficCounters;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** One line of the demo's progress: events generated and consumed per second, alerts by rule. */
final class Progress {
    interface Reading<T> {
        T read() throws Exception;
    }

    private final PrintStream out;
    private final TrafficCounters generated;
    private final Reading<Long> consumed;
    private final Reading<Map<String, Long>> alertsByRule;
    private final long startedNanos = System.nanoTime();
    private long lastNanos = startedNanos;
    private long lastGenerated;
    private long lastConsumed;

    Progress(PrintStream out, TrafficCounters generated, Reading<Long> consumed, Reading<Map<String, Long>> alertsByRule) {
        this.out = out;
        this.generated = generated;
        this.consumed = consumed;
        this.alertsByRule = alertsByRule;
    }

    void print() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        // offline visits go to a reference topic: the job's consumed count covers the live topics only
        long generatedNow = generated.events() - generated.events("ref.offline-visits");
        long consumedNow = orElse(consumed, lastConsumed);
        Map<String, Long> alerts = orElse(alertsByRule, null);
        out.printf("[%4ds] generated %,d events (%,.0f/s) | job consumed %,d (%,.0f/s, at checkpoints) | alerts %s%n",
                (now - startedNanos) / 1_000_000_000L,
                generatedNow, (generatedNow - lastGenerated) / seconds,
                consumedNow, (consumedNow - lastConsumed) / seconds,
                alerts == null ? "n/a (Elasticsearch is not answering)" : describe(alerts));
        lastNanos = now;
        lastGenerated = generatedNow;
        lastConsumed = consumedNow;
    }

    private static String describe(Map<String, Long> alerts) {
        long total = alerts.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%,d", total) + (alerts.isEmpty() ? "" : ": " + alerts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    private static <T> T orElse(Reading<T> reading, T fallback) {
        try {
            return reading.read();
        } catch (Exception e) {
            return fallback;
        }
    }
}
