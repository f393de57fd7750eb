package org.insurwatch.jobs.alerts.webhook;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A metric group that keeps the counters registered on it, for tests to read. */
final class CapturedMetrics extends UnregisteredMetricsGroup {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        counters.put(name, counter);
        return counter;
    }

    long count(String name) {
        return counters.get(name).getCount();
    }
}
