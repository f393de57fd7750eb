package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.insurwatch.schema.Prescription;
import org.insurwatch.traffic.GeneratedTraffic.Chain;
import org.junit.jupiter.api.Test;

/**
 * RX_EARLY_REFILL: a person a clean chain supplied lately is back long before half the supply is used, for the
 * same drugs; and back again when the roster planned it with the supply, no earlier, and not early for the refill.
 */
class EarlyRefillScenarioTest {

    @Test
    void aPersonSuppliedLatelyIsPrescribedTheSameDrugsAgainWithinTheFirstQuarterOfTheSupply() {
        // a chain a minute for ten hours: supplies of days, refilled within hours
        ScenarioRun run = ScenarioRun.amongClean(Scenario.RX_EARLY_REFILL, Duration.ofMinutes(1), 600, 0.3);
        Map<String, Chain> byPrescriptionEvent = run.chains().stream()
                .collect(Collectors.toMap(c -> c.prescription().getEventId(), Function.identity()));
        List<Chain> refills = refills(run);
        assertThat(refills).hasSizeGreaterThan(100);
        Set<String> refilled = new HashSet<>();
        assertThat(refills).allSatisfy(chain -> {
            Prescription refill = chain.prescription();
            List<String> evidence = chain.truth().evidenceEventIds();
            assertThat(evidence).hasSize(2).endsWith(refill.getEventId());
            assertThat(refilled.add(evidence.get(0))).as("refilled twice").isTrue();
            Chain earlier = byPrescriptionEvent.get(evidence.get(0));
            assertThat(earlier.truth().scenario()).isEqualTo(Scenario.CLEAN);
            Prescription supply = earlier.prescription();
            assertThat(refill.getInsuredPersonId()).isEqualTo(supply.getInsuredPersonId());
            assertThat(refill.getLines()).isEqualTo(supply.getLines());
            assertThat(chain.consultation().getFollowUpOf()).isEqualTo(earlier.consultation().getFollowUpOf());
            assertThat(chain.consultation().getStartedAt()).isAfter(supply.getUploadedAt());
            int days = supply.getLines().get(0).getDaysOfSupply();
            assertThat(Duration.between(supply.getSignedAt(), refill.getSignedAt()))
                    .isLessThan(Duration.ofHours(6L * days));
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void aRefilledPersonIsBackOnceWhenTheRosterPlannedItWithTheSupplyAndNotEarlyForTheRefill() {
        // 400 persons, 2 000 chains over 40 simulated days: everybody comes back, several times
        World world = World.create(34, new WorldSizes(14, 10, 21, 100, 400), TrafficOptions.DEFAULT_START);
        TrafficOptions options = GeneratedTraffic.options(34).withSimulatedGap(Duration.ofMinutes(30))
                .withViolationRate(0.3).withScenarios(Set.of(Scenario.RX_EARLY_REFILL)).withHardNegativeRate(0);
        GeneratedTraffic traffic = GeneratedTraffic.generate(world, options, 2_000);

        Map<String, List<Chain>> byPerson = traffic.chains().stream()
                .sorted(Comparator.comparing(c -> c.consultation().getStartedAt()))
                .collect(Collectors.groupingBy(c -> c.consultation().getInsuredPersonId()));
        List<Chain> backAfterARefill = new ArrayList<>();
        for (List<Chain> chains : byPerson.values()) {
            assertThat(chains.get(0).truth().scenario()).isEqualTo(Scenario.CLEAN);
            Chain supplied = chains.get(0);
            boolean refilled = false;
            for (Chain chain : chains.subList(1, chains.size())) {
                // due back at 75 % of the last supply the roster knows of: the refill's is none of its business
                Prescription last = supplied.prescription();
                Instant due = supplied.consultation().getStartedAt()
                        .plus(Duration.ofHours(18L * last.getLines().get(0).getDaysOfSupply()));
                if (chain.truth().scenario() == Scenario.RX_EARLY_REFILL) {
                    assertThat(refilled).as("refilled twice").isFalse();
                    assertThat(chain.truth().evidenceEventIds().get(0)).isEqualTo(last.getEventId());
                    assertThat(chain.consultation().getStartedAt()).isBefore(due);
                    refilled = true;
                } else {
                    assertThat(chain.consultation().getStartedAt()).as(chain.truth().consultationId())
                            .isAfterOrEqualTo(due);
                    if (refilled) {
                        backAfterARefill.add(chain);
                    }
                    supplied = chain;
                    refilled = false;
                }
            }
        }
        assertThat(backAfterARefill).hasSizeGreaterThan(50);
        assertThat(RuleOracle.judge(world, traffic.events()).values().stream().flatMap(List::stream).toList())
                .containsExactlyInAnyOrderElementsOf(refills(traffic).stream().map(chain -> new RuleOracle.Alert(
                        "RX-EARLY-REFILL", String.join(",", chain.truth().evidenceEventIds()))).toList());
    }

    private static List<Chain> refills(ScenarioRun run) {
        return refills(run.traffic());
    }

    private static List<Chain> refills(GeneratedTraffic traffic) {
        return traffic.chains().stream().filter(c -> c.truth().scenario() == Scenario.RX_EARLY_REFILL).toList();
    }
}
