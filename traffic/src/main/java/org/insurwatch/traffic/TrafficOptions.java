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
 * @param scenarios the violations to draw from, each as often as its {@link Scenario#drawWeight} says
 * @param hardNegativeRate the fraction of chains that are hard negatives (clean, though close to a violation),
 *     as far as the violations leave room: with violation rate v, min(hardNegativeRate, 1 - v)
 * @param hardNegatives the hard negatives to draw from, each as often as its {@link Scenario#drawWeight} says
 */
public record TrafficOptions(long seed, Instant start, Duration simulatedGap, double violationRate,
                             Set<Scenario> scenarios, double hardNegativeRate, Set<Scenario> hardNegatives) {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    public static final double DEFAULT_VIOLATION_RATE = 0.05;
    public static final double DEFAULT_HARD_NEGATIVE_RATE = 0.02;

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
        if (!(hardNegativeRate >= 0 && hardNegativeRate <= 1)) {
            throw new IllegalArgumentException("the hard negative rate must lie in 0..1, got " + hardNegativeRate);
        }
        if (hardNegatives.stream().anyMatch(s -> !s.isHardNegative())) {
            throw new IllegalArgumentException("only hard negatives can be drawn as such, got " + hardNegatives);
        }
        if (hardNegativeRate > 0 && hardNegatives.isEmpty()) {
            throw new IllegalArgumentException("a hard negative rate above 0 needs at least one hard negative");
        }
        // an EnumSet iterates in declaration order, which keeps the draw of scenarios repeatable
        scenarios = ordered(scenarios);
        hardNegatives = ordered(hardNegatives);
    }

    /**
     * Without hard negatives (rate 0; every hard negative enabled should the rate be raised), as before hard
     * negatives existed.
     */
    public TrafficOptions(long seed, Instant start, Duration simulatedGap, double violationRate,
                          Set<Scenario> scenarios) {
        this(seed, start, simulatedGap, violationRate, scenarios, 0, EnumSet.copyOf(Scenario.hardNegatives()));
    }

    /**
     * Seed 1, starting 2026-01-05, a consultation every simulated second, 5 % violations of every kind, 2 % hard
     * negatives of every kind.
     */
    public static TrafficOptions defaults() {
        return new TrafficOptions(1, DEFAULT_START, Duration.ofSeconds(1), DEFAULT_VIOLATION_RATE,
                EnumSet.copyOf(Scenario.violations()), DEFAULT_HARD_NEGATIVE_RATE,
                EnumSet.copyOf(Scenario.hardNegatives()));
    }

    public TrafficOptions withSeed(long newSeed) {
        return new TrafficOptions(newSeed, start, simulatedGap, violationRate, scenarios, hardNegativeRate,
                hardNegatives);
    }

    public TrafficOptions withStart(Instant newStart) {
        return new TrafficOptions(seed, newStart, simulatedGap, violationRate, scenarios, hardNegativeRate,
                hardNegatives);
    }

    public TrafficOptions withSimulatedGap(Duration newGap) {
        return new TrafficOptions(seed, start, newGap, violationRate, scenarios, hardNegativeRate, hardNegatives);
    }

    public TrafficOptions withViolationRate(double newRate) {
        return new TrafficOptions(seed, start, simulatedGap, newRate, scenarios, hardNegativeRate, hardNegatives);
    }

    public TrafficOptions withScenarios(Set<Scenario> enabled) {
        return new TrafficOptions(seed, start, simulatedGap, violationRate, enabled, hardNegativeRate, hardNegatives);
    }

    public TrafficOptions withHardNegativeRate(double newRate) {
        return new TrafficOptions(seed, start, simulatedGap, violationRate, scenarios, newRate, hardNegatives);
    }

    public TrafficOptions withHardNegatives(Set<Scenario> enabled) {
        return new TrafficOptions(seed, start, simulatedGap, violationRate, scenarios, hardNegativeRate, enabled);
    }

    private static Set<Scenario> ordered(Set<Scenario> scenarios) {
        return Collections.unmodifiableSet(
                scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios));
    }
}
