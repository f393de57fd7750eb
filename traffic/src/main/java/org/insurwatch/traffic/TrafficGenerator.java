package org.insurwatch.traffic;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Generates the four streams of a world: visit chains on a simulated clock, a share of them carrying a
 * violation, merged in event-time order; only the chains of {@link Scenario#LATE_BUT_ALLOWED} have events
 * that reach the traffic up to {@link Scenario#LATEST_ARRIVAL_MILLIS} behind later ones. Deterministic: the same
 * world and options give the same events and ground truth on every call.
 *
 * <p>Runs can be endless. Insured persons come back once most of their supply is used, and before their
 * offline diagnosis is too old to follow up they see a doctor at a physical institution again: those offline
 * visits are part of the traffic, as {@code OfflineVisit} records of stream {@code ref.offline-visits} (keyed
 * by the visit id, at the time of the visit), always before the first consultation that follows them up.
 * The world's first diagnoses, all dated before the world's date, reach the traffic the same way, each with
 * its person's first visit chain, at the start of its consultation: so the insurer knows every diagnosis a
 * consultation follows up before the consultation, and the reference data written before the traffic holds
 * none. Scenarios that need reference data of their own (a doctor suspended, a hospital's agreement suspended
 * and restored, an insured person suspended for fraud, a doctor newly registered, a walk-in patient's offline
 * visit) publish it the same way, on the reference topic's stream keyed by entity and start, at the start of the
 * chain's consultation: before the chain's events, and never dated to take effect before it is published. When
 * nobody is due for a follow-up (a world too small for the clock), simulated time skips ahead to the next
 * person's return instead of failing.
 */
public final class TrafficGenerator {

    /** A chain count for runs that go on until they are stopped. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final World world;
    private final TrafficOptions options;

    public TrafficGenerator(World world, TrafficOptions options) {
        int needed = DoctorRoster.doctorsNeeded(options.simulatedGap().toMillis());
        if (world.doctors().size() < needed) {
            throw new IllegalArgumentException("consultations every " + options.simulatedGap() + " need at least "
                    + needed + " doctors, so that no doctor holds two at once; the world has "
                    + world.doctors().size());
        }
        this.world = world;
        this.options = options;
    }

    /**
     * The events of the first {@code chains} visit chains, produced lazily in bounded memory.
     *
     * @param groundTruth told about each chain when it is planned, before any of its events is returned
     */
    public Iterator<GeneratedEvent> events(long chains, Consumer<GroundTruth> groundTruth) {
        if (chains < 0) {
            throw new IllegalArgumentException("the number of chains cannot be negative, got " + chains);
        }
        return new TimeOrderedEvents(new ChainPlanner(world, options), chains, groundTruth);
    }
}
