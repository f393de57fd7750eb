package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.insurwatch.traffic.GeneratedTraffic.Chain;
import org.junit.jupiter.api.Test;

/**
 * Mixed traffic, judged as the job judges it: every injected violation of the single-event, reference-data,
 * follow-up and bulk rules raises exactly its alert on exactly its evidence, and nothing else alerts: no hard
 * negative, no clean chain, no other violation, no chain of a doctor's burst but its first, and no reference
 * version published for one chain touches another, also where doctors, hospitals and persons come back as soon
 * as they can.
 */
class InjectedRulesTest {

    private static final Set<String> TRACE_RULES = Set.of("TRACE-NO-CONSULT", "TRACE-NO-RX", "TRACE-NO-PAY",
            "TRACE-STALLED", "TRACE-ORDER", "TRACE-LATE-UPLOAD");

    @Test
    void aBusyWorldRaisesExactlyTheInjectedAlerts() {
        check(GeneratedTraffic.world(31), GeneratedTraffic.options(31).withViolationRate(0.4)
                .withHardNegativeRate(0.3), 6_000);
    }

    @Test
    void doctorsBookedBackToBackAndBusyHospitalsKeepEveryChangeToItsChain() {
        // exactly as many doctors as a consultation a minute needs: each is booked again as his booking ends
        Duration gap = Duration.ofMinutes(1);
        World world = World.create(32, new WorldSizes(14, 10, 21, DoctorRoster.doctorsNeeded(gap.toMillis()), 5_000),
                TrafficOptions.DEFAULT_START);
        check(world, GeneratedTraffic.options(32).withSimulatedGap(gap).withViolationRate(0.5)
                .withHardNegativeRate(0.5), 3_000);
    }

    @Test
    void personsComingBackAfterASuspensionSettleCleanly() {
        // 400 persons, 2 000 chains over 40 simulated days: everybody comes back, several times
        World world = World.create(33, new WorldSizes(14, 10, 21, 100, 400), TrafficOptions.DEFAULT_START);
        GeneratedTraffic traffic = check(world, GeneratedTraffic.options(33).withSimulatedGap(Duration.ofMinutes(30))
                .withViolationRate(0.5).withHardNegativeRate(0.2), 2_000);

        Map<String, Long> chainsByPerson = traffic.chains().stream().filter(c -> c.consultation() != null)
                .collect(Collectors.groupingBy(c -> c.consultation().getInsuredPersonId(), Collectors.counting()));
        List<String> suspended = traffic.chains().stream()
                .filter(c -> c.truth().scenario() == Scenario.PAY_INSURED_SUSPENDED)
                .map(c -> c.consultation().getInsuredPersonId()).toList();
        assertThat(suspended).filteredOn(person -> chainsByPerson.get(person) > 1).hasSizeGreaterThan(20);
    }

    private static GeneratedTraffic check(World world, TrafficOptions options, long chains) {
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, options, chains);
        Map<String, List<RuleOracle.Alert>> judged = RuleOracle.judge(world, traffic.events());

        List<RuleOracle.Alert> expected = new ArrayList<>();
        for (GroundTruth truth : traffic.truths()) {
            if (truth.expectedRuleId() != null && !TRACE_RULES.contains(truth.expectedRuleId())) {
                assertThat(RuleOracle.RULES).contains(truth.expectedRuleId());
                assertThat(truth.evidenceEventIds()).isNotEmpty();
                expected.add(new RuleOracle.Alert(truth.expectedRuleId(),
                        String.join(",", truth.evidenceEventIds())));
            }
        }
        List<RuleOracle.Alert> raised = judged.values().stream().flatMap(List::stream).toList();
        assertThat(raised).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(raised.stream().map(RuleOracle.Alert::ruleId).distinct()).containsExactlyInAnyOrderElementsOf(
                RuleOracle.RULES);

        assertThat(traffic.truths()).extracting(GroundTruth::scenario).containsAll(Scenario.violations())
                .containsAll(Scenario.hardNegatives());
        assertThat(traffic.chains()).filteredOn(c -> !c.truth().scenario().name().startsWith("TRACE_"))
                .allSatisfy(Chain::assertTraceable);
        traffic.assertInEventTimeOrderButForLateArrivals();
        return traffic;
    }
}
