package org.insurwatch.jobs.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How much of a history of versions a rule can still ask for. A version is dropped only once its successor
 * started by the earliest time still to be judged; pruning by count instead would make a verdict depend on
 * how far the versions were read ahead of the events (a replay reads all of its range's versions first).
 */
public final class VersionHistory {

    private VersionHistory() {
    }

    /**
     * {@code versions} (in order of start) from the one valid at {@code earliestJudged} (epoch millis) on: the
     * versions before it can answer no lookup still to come.
     */
    public static <V> List<V> stillNeeded(List<V> versions, ToLongFunction<V> startMillis, long earliestJudged) {
        int firstNeeded = 0;
        while (firstNeeded + 1 < versions.size() && startMillis.applyAsLong(versions.get(firstNeeded + 1)) <= earliestJudged) {
            firstNeeded++;
        }
        return firstNeeded == 0 ? versions : new ArrayList<>(versions.subList(firstNeeded, versions.size()));
    }
}
