package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When the chains planned so far settle, by internet hospital: what a scenario needs to place a change of a
 * hospital's agreement where it touches no other chain's settlement. Only settlements from the start of the
 * latest chain planned alone (or burst) on are kept, as no later window starts earlier.
 */
final class HospitalSettlements {

    private final Map<String, PriorityQueue<Long>> byHospital = new HashMap<>();

    /**
     * A chain just planned settles at {@code settledAt}; no chain planned later starts before {@code plannedFrom}
     * (a chain's start; for a burst's chains, the burst's).
     */
    void settled(String hospitalId, long settledAt, long plannedFrom) {
        PriorityQueue<Long> times = byHospital.computeIfAbsent(hospitalId, id -> new PriorityQueue<>());
        times.add(settledAt);
        while (times.peek() < plannedFrom) {
            times.poll();
        }
    }

    /**
     * The longest stretch {@code [from, to)} within {@code [earliest, latest)} in which no chain planned so far
     * settles at the hospital, as {@code {from, to}}.
     *
     * @throws IllegalStateException if settlements leave no millisecond free
     */
    long[] quietStretch(String hospitalId, long earliest, long latest) {
        List<Long> inside = new ArrayList<>();
        for (long time : byHospital.getOrDefault(hospitalId, new PriorityQueue<>())) {
            if (time >= earliest && time < latest) {
                inside.add(time);
            }
        }
        Collections.sort(inside);
        long[] best = {earliest, earliest};
        long from = earliest;
        for (long time : inside) {
            if (time - from > best[1] - best[0]) {
                best = new long[] {from, time};
            }
            from = time + 1;
        }
        if (latest - from > best[1] - best[0]) {
            best = new long[] {from, latest};
        }
        if (best[1] <= best[0]) {
            throw new IllegalStateException("settlements at " + hospitalId + " leave no quiet time in ["
                    + earliest + ", " + latest + ")");
        }
        return best;
    }
}
