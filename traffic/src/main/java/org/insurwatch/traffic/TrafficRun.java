package org.insurwatch.traffic;

import java.util.Iterator;

/**
 * Drives a generator into a sink in the caller's thread, for a number of chains or until stopped, at an
 * optional wall-clock rate. Stopping mid-run leaves the chains in flight incomplete: their ground truth is
 * written, some of their events are not.
 */
public final class TrafficRun {

    private final TrafficGenerator generator;
    private final TrafficSink sink;
    private final long chains;
    private final TrafficCounters counters = new TrafficCounters();
    private final Pacer pacer;
    private volatile boolean stopped;

    /**
     * @param chains how many visit chains to generate, {@link TrafficGenerator#UNBOUNDED} to run until stopped
     * @param eventsPerSecond wall-clock rate limit, 0 for as fast as the sink takes them
     */
    public TrafficRun(TrafficGenerator generator, TrafficSink sink, long chains, double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("the rate must be a finite number of events per second >= 0, got "
                    + eventsPerSecond);
        }
        this.generator = generator;
        this.sink = sink;
        this.chains = chains;
        this.pacer = new Pacer(eventsPerSecond, () -> stopped);
    }

    /** Writes the traffic; returns when every chain is written or {@link #stop()} was called, after a flush. */
    public void run() {
        Iterator<GeneratedEvent> events = generator.events(chains, truth -> {
            counters.countChain(truth);
            sink.write(truth);
        });
        try {
            for (long index = 0; !stopped && events.hasNext(); index++) {
                pacer.awaitTurn(index);
                if (stopped) {
                    break;
                }
                GeneratedEvent event = events.next();
                sink.write(event);
                counters.countEvent(event);
            }
        } finally {
            sink.flush();
        }
    }

    /** Asks the run to stop after the event being written; callable from any thread. */
    public void stop() {
        stopped = true;
    }

    public TrafficCounters counters() {
        return counters;
    }
}
