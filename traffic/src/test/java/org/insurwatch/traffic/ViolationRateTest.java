package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViolationRateTest {

    @Test
    void aboutOneChainInTwentyCarriesAViolationDrawnUniformly() {
        World world = World.create(2, GeneratedTraffic.TEST_WORLD.withInsuredPersons(22_000),
                TrafficOptions.DEFAULT_START);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, GeneratedTraffic.options(2), 20_000);
        Map<Scenario, Long> counts = traffic.truths().stream()
                .collect(Collectors.groupingBy(GroundTruth::scenario, Collectors.counting()));

        // 1 000 expected, standard deviation about 31
        long violations = 20_000 - counts.get(Scenario.CLEAN);
        assertThat(violations).isBetween(850L, 1_150L);
        // about 167 each, standard deviation about 13
        assertThat(Scenario.violations()).allSatisfy(scenario ->
                assertThat(counts.getOrDefault(scenario, 0L)).isBetween(105L, 230L));
    }

    @Test
    void onlyTheEnabledViolationsAreInjected() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0.5)
                .withScenarios(EnumSet.of(Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY));
        Map<Scenario, Long> counts = GeneratedTraffic.generate(options, 400).truths().stream()
                .collect(Collectors.groupingBy(GroundTruth::scenario, Collectors.counting()));

        assertThat(counts).containsOnlyKeys(Scenario.CLEAN, Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY);
    }

    @Test
    void aRateOfZeroIsAllClean() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0).withScenarios(EnumSet.noneOf(Scenario.class));
        assertThat(GeneratedTraffic.generate(options, 300).truths())
                .extracting(GroundTruth::scenario).containsOnly(Scenario.CLEAN);
    }
}
