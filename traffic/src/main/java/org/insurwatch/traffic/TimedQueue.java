package org.insurwatch.traffic;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A min-heap of (time, serial, payload) entries in primitive arrays, earliest time first and ties to the lower
 * serial: a {@code PriorityQueue} of records would cost about three times the memory, and the roster holds an
 * entry for each of millions of insured persons.
 */
final class TimedQueue {

    private long[] times;
    private int[] serials;
    private long[] payloads;
    private int size;

    /** @param withPayload whether entries carry a payload; without, {@link #peekPayload()} is always 0 */
    TimedQueue(int initialCapacity, boolean withPayload) {
        int capacity = Math.max(16, initialCapacity);
        times = new long[capacity];
        serials = new int[capacity];
        payloads = withPayload ? new long[capacity] : null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long time, int serial, long payload) {
        if (size == times.length) {
            int capacity = size + (size >> 1);
            times = Arrays.copyOf(times, capacity);
            serials = Arrays.copyOf(serials, capacity);
            if (payloads != null) {
                payloads = Arrays.copyOf(payloads, capacity);
            }
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(time, serial, times[parent], serials[parent])) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, time, serial, payload);
    }

    long peekTime() {
        requireEntry();
        return times[0];
    }

    int peekSerial() {
        requireEntry();
        return serials[0];
    }

    long peekPayload() {
        requireEntry();
        return payloads == null ? 0 : payloads[0];
    }

    /** Removes the earliest entry; read it with the peek methods first. */
    void remove() {
        requireEntry();
        int last = --size;
        long time = times[last];
        int serial = serials[last];
        long payload = payloads == null ? 0 : payloads[last];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], serials[child + 1], times[child], serials[child])) {
                child++;
            }
            if (!before(times[child], serials[child], time, serial)) {
                break;
            }
            move(child, at);
            at = child;
        }
        if (size > 0) {
            set(at, time, serial, payload);
        }
    }

    private static boolean before(long time, int serial, long otherTime, int otherSerial) {
        return time < otherTime || (time == otherTime && serial < otherSerial);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        serials[to] = serials[from];
        if (payloads != null) {
            payloads[to] = payloads[from];
        }
    }

    private void set(int at, long time, int serial, long payload) {
        times[at] = time;
        serials[at] = serial;
        if (payloads != null) {
            payloads[at] = payload;
        }
    }

    private void requireEntry() {
        if (size == 0) {
            throw new NoSuchElementException("the queue is empty");
        }
    }
}
