package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.insurwatch.traffic.GeneratedTraffic.Chain;

/** A run whose chains are drawn with one scenario, or clean, and the alerts the job must raise on it. */
record ScenarioRun(World world, GeneratedTraffic traffic, List<Chain> chains,
                   Map<String, List<RuleOracle.Alert>> alerts) {

    static final int CHAINS = 60;

    static ScenarioRun of(Scenario scenario) {
        return of(scenario, Duration.ofSeconds(1));
    }

    static ScenarioRun of(Scenario scenario, Duration gap) {
        return of(scenario, gap, CHAINS);
    }

    /**
     * {@code chains} chains of the scenario, a gap apart; of a scenario spanning many chains, as many bursts as
     * fit, the chains left over clean.
     */
    static ScenarioRun of(Scenario scenario, Duration gap, int chains) {
        ScenarioRun run = amongClean(scenario, gap, chains, 1);
        if (scenario.isBurst()) {
            assertThat(run.traffic().truths()).extracting(GroundTruth::expectedRuleId)
                    .containsOnly(scenario.ruleId(), null);
        } else {
            assertThat(run.traffic().truths()).allSatisfy(truth -> {
                assertThat(truth.scenario()).isEqualTo(scenario);
                assertThat(truth.expectedRuleId()).isEqualTo(scenario.ruleId());
            });
        }
        return run;
    }

    /**
     * {@code chains} chains, a gap apart, each drawn with the scenario at odds of {@code share}, else clean: for
     * the scenarios that need clean traffic first (a recent supply, a province median), and are planned CLEAN
     * when drawn without it.
     */
    static ScenarioRun amongClean(Scenario scenario, Duration gap, int chains, double share) {
        TrafficOptions options = GeneratedTraffic.options(5).withSimulatedGap(gap);
        options = scenario.isViolation()
                ? options.withViolationRate(share).withScenarios(Set.of(scenario)).withHardNegativeRate(0)
                : options.withViolationRate(0).withHardNegativeRate(share).withHardNegatives(Set.of(scenario));
        World world = GeneratedTraffic.world(5);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, options, chains);
        assertThat(traffic.truths()).hasSize(chains);
        assertThat(traffic.truths()).extracting(GroundTruth::scenario).isSubsetOf(scenario, Scenario.CLEAN)
                .contains(scenario);
        Set<String> citable = traffic.citableIds();
        assertThat(traffic.truths()).allSatisfy(truth -> assertThat(citable).containsAll(truth.evidenceEventIds()));
        return new ScenarioRun(world, traffic, traffic.chains(), RuleOracle.judge(world, traffic.events()));
    }

    /** Where each live event stands in the output. */
    Map<String, Integer> positions() {
        return traffic.positions();
    }

    /**
     * The run's alerts are exactly those its ground truth expects, citing their evidence (none for a hard
     * negative), and every chain is complete and in order.
     */
    void assertExactlyTheExpectedAlertsAndTraceable() {
        List<RuleOracle.Alert> raised = alerts.values().stream().flatMap(List::stream).toList();
        List<RuleOracle.Alert> expected = new ArrayList<>();
        for (GroundTruth truth : traffic.truths()) {
            if (truth.expectedRuleId() != null) {
                assertThat(truth.evidenceEventIds()).isNotEmpty();
                expected.add(new RuleOracle.Alert(truth.expectedRuleId(), String.join(",", truth.evidenceEventIds())));
            }
        }
        assertThat(raised).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(chains).allSatisfy(Chain::assertTraceable);
    }
}
