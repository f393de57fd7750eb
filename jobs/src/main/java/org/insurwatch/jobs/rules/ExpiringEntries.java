package org.insurwatch.jobs.rules;

import org.apache.flink.api.common.state.MapState;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/** Keyed map state that a rule's event-time timers clear of what has expired. */
public final class ExpiringEntries {
    private ExpiringEntries() {
    }

    /**
     * Removes the entries whose value {@code expired} accepts, and the key's map itself once empty: removing through
     * the iterator leaves an empty map behind in the heap backend, one per key, for ever.
     */
    public static <K, V> void remove(MapState<K, V> state, Predicate<V> expired) throws Exception {
        Iterator<Map.Entry<K, V>> entries = state.iterator();
        while (entries.hasNext()) {
            if (expired.test(entries.next().getValue())) {
                entries.remove();
            }
        }
        if (state.isEmpty()) {
            state.clear();
        }
    }
}
