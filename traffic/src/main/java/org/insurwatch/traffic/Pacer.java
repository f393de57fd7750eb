package org.insurwatch.traffic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Holds a run to a wall-clock rate of events per second, measured from its first event. */
final class Pacer {

    // Sleep in short slices so that a stop is noticed even at a very low rate.
    private static final long LONGEST_SLEEP = TimeUnit.MILLISECONDS.toNanos(100);

    private final double nanosPerEvent;
    private final BooleanSupplier stopped;
    private long startNanos;

    /** @param eventsPerSecond 0 for no limit */
    Pacer(double eventsPerSecond, BooleanSupplier stopped) {
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
        this.stopped = stopped;
    }

    /** Waits until event number {@code index} (from 0) is due. */
    void awaitTurn(long index) {
        if (nanosPerEvent == 0) {
            return;
        }
        if (index == 0) {
            startNanos = System.nanoTime();
        }
        long due = startNanos + (long) (index * nanosPerEvent);
        for (long wait = due - System.nanoTime(); wait > 0 && !stopped.getAsBoolean(); wait = due - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, LONGEST_SLEEP));
        }
    }
}
