package org.insurwatch.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the traffic is generated.
 *
 * @param seed makes the traffic repeatable; it also tags every id, so runs with different seeds never
 *     share an event, consultation, prescription, settlement or shipment id
 * @param start when the first consultation starts, in simulated time
 * @param simulatedGap simulated time between the starts of consecutive consultations; a short gap makes
 *     simulated days pass in wall-clock minutes, so 24 h and 72 h timeouts can be seen in a demo
 * @param violationRate the fraction of chains that carry a violation
 * @param scenarios the violations to draw from, uniformly
 */
public record TrafficOptions(long seed, Instant start, Duration simulatedGap, double violationRate,
                             Set<Scenario> scenarios) {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

    public TrafficOptions {
        if (simulatedGap.toMillis() < 1) {
            throw new IllegalArgumentException("the simulated gap must be at least 1 ms, got " + simulatedGap);
        }
        if (!(violationRate >= 0 && violationRate <= 1)) {
            throw new IllegalArgumentException("the violation rate must lie in 0..1, got " + violationRate);
        }
        if (scenarios.stream().anyMatch(s -> !s.isViolation())) {
            throw new IllegalArgumentException("only violations can be injected, got " + scenarios);
        }
        if (violationRate > 0 && scenarios.isEmpty()) {
            throw new IllegalArgumentException("a violation rate above 0 needs at least one scenario");
        }
        // an EnumSet iterates in declaration order, which keeps the draw of scenarios repeatable
        scenarios = Collections.unmodifiableSet(
                scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios));
    }

    /** Seed 1, starting 2026-01-05, a consultation every simulated second, 5 % violations of every kind. */
    public static TrafficOptions defaults() {
        return new TrafficOptions(1, DEFAULT_START, Duration.ofSeconds(1), 0.05, EnumSet.copyOf(Scenario.violations()));
    }

    public TrafficOptions withSeed(long newSeed) {
        return new TrafficOptions(newSeed, start, simulatedGap, violationRate, scenarios);
    }

    public TrafficOptions withStart(Instant newStart) {
        return new TrafficOptions(seed, newStart, simulatedGap, violationRate, scenarios);
    }

    public TrafficOptions withSimulatedGap(Duration newGap) {
        return new TrafficOptions(seed, start, newGap, violationRate, scenarios);
    }

    public TrafficOptions withViolationRate(double newRate) {
        return new TrafficOptions(seed, start, simulatedGap, newRate, scenarios);
    }

    public TrafficOptions withScenarios(Set<Scenario> enabled) {
        return new TrafficOptions(seed, start, simulatedGap, violationRate, enabled);
    }
}
