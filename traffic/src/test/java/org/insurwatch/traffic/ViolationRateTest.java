package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViolationRateTest {

    @Test
    void aboutOneChainInTwentyCarriesAViolationAndOneInFiftyIsAHardNegativeEachDrawnUniformly() {
        World world = World.create(2, GeneratedTraffic.TEST_WORLD.withInsuredPersons(22_000),
                TrafficOptions.DEFAULT_START);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, GeneratedTraffic.options(2), 20_000);
        Map<Scenario, Long> counts = traffic.truths().stream()
                .collect(Collectors.groupingBy(GroundTruth::scenario, Collectors.counting()));

        // 1 000 expected, standard deviation about 31
        long violations = Scenario.violations().stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
        assertThat(violations).isBetween(850L, 1_150L);
        // 1 000 / 18 ≈ 56 each, standard deviation about 7
        long perViolation = 1_000 / Scenario.violations().size();
        assertThat(Scenario.violations()).allSatisfy(scenario ->
                assertThat(counts.getOrDefault(scenario, 0L)).isBetween(perViolation / 2, perViolation * 3 / 2));
        // 400 expected, standard deviation about 20; 400 / 3 ≈ 133 each, about 11
        long hardNegatives = Scenario.hardNegatives().stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
        assertThat(hardNegatives).isBetween(320L, 480L);
        long perHardNegative = 400 / Scenario.hardNegatives().size();
        assertThat(Scenario.hardNegatives()).allSatisfy(scenario ->
                assertThat(counts.getOrDefault(scenario, 0L)).isBetween(perHardNegative * 7 / 10,
                        perHardNegative * 13 / 10));
        assertThat(counts.get(Scenario.CLEAN)).isEqualTo(20_000 - violations - hardNegatives);
    }

    @Test
    void hardNegativesTakeWhatTheViolationsLeave() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0.7).withHardNegativeRate(0.5);
        Map<Scenario.Kind, Long> kinds = GeneratedTraffic.generate(options, 1_000).truths().stream()
                .collect(Collectors.groupingBy(t -> t.scenario().kind(), Collectors.counting()));

        // but for a DLV-TRACE-CODE-REUSED drawn before any chain dispensed a pack, planned clean instead
        assertThat(kinds).containsKeys(Scenario.Kind.VIOLATION, Scenario.Kind.HARD_NEGATIVE);
        assertThat(kinds.getOrDefault(Scenario.Kind.CLEAN, 0L)).isLessThanOrEqualTo(3L);
        assertThat(kinds.get(Scenario.Kind.VIOLATION)).isBetween(640L, 760L);
    }

    @Test
    void withoutHardNegativesTheTrafficIsWhatItWasBeforeThem() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0.3);
        TrafficOptions legacy = new TrafficOptions(options.seed(), options.start(), options.simulatedGap(),
                options.violationRate(), options.scenarios());

        assertThat(legacy.hardNegativeRate()).isZero();
        assertThat(legacy.hardNegatives()).containsExactlyElementsOf(Scenario.hardNegatives());
        assertThat(GeneratedTraffic.generate(legacy, 300).truths())
                .isEqualTo(GeneratedTraffic.generate(options.withHardNegativeRate(0), 300).truths())
                .noneSatisfy(truth -> assertThat(truth.scenario().isHardNegative()).isTrue());
    }

    @Test
    void onlyTheEnabledViolationsAreInjected() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0.5)
                .withScenarios(EnumSet.of(Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY))
                .withHardNegativeRate(0.2).withHardNegatives(EnumSet.of(Scenario.AGREEMENT_RESTORED));
        Map<Scenario, Long> counts = GeneratedTraffic.generate(options, 400).truths().stream()
                .collect(Collectors.groupingBy(GroundTruth::scenario, Collectors.counting()));

        assertThat(counts).containsOnlyKeys(Scenario.CLEAN, Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY,
                Scenario.AGREEMENT_RESTORED);
    }

    @Test
    void aRateOfZeroIsAllClean() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0).withScenarios(EnumSet.noneOf(Scenario.class))
                .withHardNegativeRate(0);
        assertThat(GeneratedTraffic.generate(options, 300).truths())
                .extracting(GroundTruth::scenario).containsOnly(Scenario.CLEAN);
    }
}
