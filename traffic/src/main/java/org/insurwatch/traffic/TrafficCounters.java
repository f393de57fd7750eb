package org.insurwatch.traffic;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run has written so far, safe to read from another thread while it runs (a demo printing events/s).
 * Chains are counted when planned, events when written.
 */
public final class TrafficCounters {

    private final LongAdder events = new LongAdder();
    private final LongAdder chains = new LongAdder();
    private final Map<String, LongAdder> eventsByStream = new ConcurrentHashMap<>();
    private final Map<Scenario, LongAdder> chainsByScenario = new ConcurrentHashMap<>();

    void countEvent(GeneratedEvent event) {
        events.increment();
        eventsByStream.computeIfAbsent(event.stream(), s -> new LongAdder()).increment();
    }

    void countChain(GroundTruth truth) {
        chains.increment();
        chainsByScenario.computeIfAbsent(truth.scenario(), s -> new LongAdder()).increment();
    }

    public long events() {
        return events.sum();
    }

    public long events(String stream) {
        LongAdder count = eventsByStream.get(stream);
        return count == null ? 0 : count.sum();
    }

    public long chains() {
        return chains.sum();
    }

    public long chains(Scenario scenario) {
        LongAdder count = chainsByScenario.get(scenario);
        return count == null ? 0 : count.sum();
    }

    public Map<String, Long> eventsByStream() {
        Map<String, Long> snapshot = new TreeMap<>();
        eventsByStream.forEach((stream, count) -> snapshot.put(stream, count.sum()));
        return snapshot;
    }

    public Map<Scenario, Long> chainsByScenario() {
        Map<Scenario, Long> snapshot = new TreeMap<>();
        chainsByScenario.forEach((scenario, count) -> snapshot.put(scenario, count.sum()));
        return snapshot;
    }
}
