package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViolationRateTest {

    @Test
    void aboutOneDrawInTwentyIsAViolationAndOneInFiftyAHardNegativeEachAsOftenAsItsWeightSays() {
        World world = World.create(2, GeneratedTraffic.TEST_WORLD.withInsuredPersons(22_000),
                TrafficOptions.DEFAULT_START);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, GeneratedTraffic.options(2), 20_000);
        Map<Scenario, Long> draws = traffic.draws();
        long total = draws.values().stream().mapToLong(Long::longValue).sum();
        // the bursts' chains take about a thousand chains' numbers
        assertThat(total).isBetween(18_500L, 19_500L);

        // about 950 expected, standard deviation about 30
        long violations = count(draws, Scenario.violations());
        assertThat(violations).isBetween(total * 5 / 100 * 85 / 100, total * 5 / 100 * 115 / 100);
        assertInProportionToTheirWeights(draws, Scenario.violations(), violations);
        // about 380 expected, standard deviation about 19
        long hardNegatives = count(draws, Scenario.hardNegatives());
        assertThat(hardNegatives).isBetween(total * 2 / 100 * 80 / 100, total * 2 / 100 * 120 / 100);
        assertInProportionToTheirWeights(draws, Scenario.hardNegatives(), hardNegatives);
        assertThat(draws.get(Scenario.CLEAN)).isEqualTo(total - violations - hardNegatives);
    }

    /**
     * Each scenario's share: a chain alone about 34 times of the violations' 950 (standard deviation about 6), a
     * burst about 9 (3); of the hard negatives' 380 about 61 (8), a burst about 15 (4).
     */
    private static void assertInProportionToTheirWeights(Map<Scenario, Long> draws, List<Scenario> scenarios,
                                                         long drawn) {
        int totalWeight = scenarios.stream().mapToInt(Scenario::drawWeight).sum();
        assertThat(scenarios).allSatisfy(scenario -> {
            double expected = (double) drawn * scenario.drawWeight() / totalWeight;
            assertThat((double) draws.getOrDefault(scenario, 0L)).as("%s", scenario)
                    .isBetween(expected * 0.4, expected * 1.6);
        });
        assertThat(scenarios).filteredOn(Scenario::isBurst).isNotEmpty();
    }

    private static Set<Scenario> without(List<Scenario> scenarios, Set<Scenario> left) {
        Set<Scenario> kept = EnumSet.copyOf(scenarios);
        kept.removeAll(left);
        return kept;
    }

    private static long count(Map<Scenario, Long> draws, List<Scenario> scenarios) {
        return scenarios.stream().mapToLong(s -> draws.getOrDefault(s, 0L)).sum();
    }

    @Test
    void hardNegativesTakeWhatTheViolationsLeave() {
        // without the scenarios that wait for clean traffic (a clean chain's supply to refill, a median of 40
        // sales), which in a run with next to no clean chains, or only 16 minutes long, are mostly planned clean
        Set<Scenario> waiting = EnumSet.of(Scenario.RX_EARLY_REFILL, Scenario.PRICE_ABOVE_MEDIAN,
                Scenario.PRICED_JUST_UNDER);
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0.7).withHardNegativeRate(0.5)
                .withScenarios(without(Scenario.violations(), waiting))
                .withHardNegatives(without(Scenario.hardNegatives(), waiting));
        Map<Scenario.Kind, Long> kinds = GeneratedTraffic.generate(options, 1_000).draws().entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().kind(), Collectors.summingLong(Map.Entry::getValue)));
        long draws = kinds.values().stream().mapToLong(Long::longValue).sum();

        // but for a DLV-TRACE-CODE-REUSED drawn before any chain dispensed a pack, or a burst drawn too late for
        // the run to hold it, planned clean instead
        assertThat(kinds).containsKeys(Scenario.Kind.VIOLATION, Scenario.Kind.HARD_NEGATIVE);
        assertThat(kinds.getOrDefault(Scenario.Kind.CLEAN, 0L)).isLessThanOrEqualTo(5L);
        assertThat(kinds.get(Scenario.Kind.VIOLATION)).isBetween(draws * 64 / 100, draws * 76 / 100);
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
                .withScenarios(EnumSet.of(Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY, Scenario.BULK_MULTI_SITE))
                .withHardNegativeRate(0.2).withHardNegatives(EnumSet.of(Scenario.AGREEMENT_RESTORED));
        Map<Scenario, Long> counts = GeneratedTraffic.generate(options, 400).truths().stream()
                .collect(Collectors.groupingBy(GroundTruth::scenario, Collectors.counting()));

        assertThat(counts).containsOnlyKeys(Scenario.CLEAN, Scenario.TRACE_ORDER, Scenario.TRACE_NO_PAY,
                Scenario.BULK_MULTI_SITE, Scenario.AGREEMENT_RESTORED);
    }

    @Test
    void aRateOfZeroIsAllClean() {
        TrafficOptions options = GeneratedTraffic.options(4).withViolationRate(0).withScenarios(EnumSet.noneOf(Scenario.class))
                .withHardNegativeRate(0);
        assertThat(GeneratedTraffic.generate(options, 300).truths())
                .extracting(GroundTruth::scenario).containsOnly(Scenario.CLEAN);
    }
}
