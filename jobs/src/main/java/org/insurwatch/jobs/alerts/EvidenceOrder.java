package org.insurwatch.jobs.alerts;

/**
 * The order two evidence events are cited in: by event time, then event id. Rules that meet the same two
 * events in either arrival order (a restart, a replay, two partitions) cite them in this order, so the alert
 * reads the same every time.
 */
public final class EvidenceOrder {
    private EvidenceOrder() {
    }

    /** Whether the event (timeA, idA) is cited before the event (timeB, idB). */
    public static boolean precedes(long timeA, String idA, long timeB, String idB) {
        return timeA < timeB || (timeA == timeB && idA.compareTo(idB) <= 0);
    }
}
