package org.insurwatch.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Settlement;
import org.insurwatch.traffic.GeneratedTraffic.Chain;
import org.junit.jupiter.api.Test;

/**
 * PRICE_ABOVE_MEDIAN and PRICED_JUST_UNDER: a pharmacy charging far above, or just under 1.5 times, the median
 * unit price of a drug in its province, for the drugs whose median the job judges by rests on enough sales.
 */
class PriceScenarioTest {

    private static final Duration MEDIAN_REFRESH = Duration.ofMinutes(10);
    private static final Map<String, Drug> DRUGS = Stream.concat(DrugCatalogue.DRUGS.stream(),
            DrugCatalogue.NOT_COVERED.stream()).collect(Collectors.toMap(Drug::code, Function.identity()));

    @Test
    void aPharmacyChargesFarAboveTheProvinceMedianForTheDrugsWithOneOfFortySalesOrMore() {
        // a chain a second for half an hour: the busiest drugs' medians rest on 40 sales within minutes
        ScenarioRun run = ScenarioRun.amongClean(Scenario.PRICE_ABOVE_MEDIAN, Duration.ofSeconds(1), 1_800, 0.5);
        List<Chain> overpriced = chainsOf(run, Scenario.PRICE_ABOVE_MEDIAN);

        assertThat(overpriced).hasSizeGreaterThan(100);
        assertChargedAt(run, overpriced, 175, 250);
        assertThat(overpriced).allSatisfy(chain -> assertThat(chain.truth().evidenceEventIds())
                .containsExactly(chain.settlement().getEventId()));
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void aPharmacyPricedJustUnderOneAndAHalfTimesTheMedianRaisesNothing() {
        ScenarioRun run = ScenarioRun.amongClean(Scenario.PRICED_JUST_UNDER, Duration.ofSeconds(1), 1_800, 0.5);
        List<Chain> pricedHigh = chainsOf(run, Scenario.PRICED_JUST_UNDER);

        assertThat(pricedHigh).hasSizeGreaterThan(100);
        assertChargedAt(run, pricedHigh, 130, 133);
        assertThat(run.alerts().values()).allSatisfy(alerts -> assertThat(alerts).isEmpty());
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    @Test
    void evenWhenEveryChainWouldOverchargeTheMedianStaysAnOrdinaryPharmacysPrice() {
        // every chain drawn to overcharge, for an hour: the lines charged so make at most a quarter of the sales
        ScenarioRun run = ScenarioRun.amongClean(Scenario.PRICE_ABOVE_MEDIAN, Duration.ofSeconds(1), 3_600, 1);
        Sales sales = new Sales(run);

        assertThat(chainsOf(run, Scenario.PRICE_ABOVE_MEDIAN)).hasSizeGreaterThan(500);
        assertThat(run.chains()).allSatisfy(chain -> {
            Settlement s = chain.settlement();
            for (FeeItem line : drugLines(s)) {
                List<Long> before = sales.before(s, line);
                long dearest = DRUGS.get(line.getItemCode()).priceFen(RetailPharmacy.HIGHEST_PRICE_PERCENT);
                long offTheRange = before.stream().filter(price -> price > dearest).count();
                assertThat(offTheRange * 4).isLessThanOrEqualTo(before.size());
            }
        });
        run.assertExactlyTheExpectedAlertsAndTraceable();
    }

    /**
     * Each chain charges one percentage of the reference price, from {@code lowest} to {@code highest}, for its drugs
     * whose province median rests on 40 sales before the settlement's window, and its pharmacy's own price for the
     * others; every sum adds up, the consultation fee is within its cap, and the delivery fee is paid in cash.
     * Chains settling in the first window, without a median, are clean.
     */
    private static void assertChargedAt(ScenarioRun run, List<Chain> chains, int lowest, int highest) {
        Map<String, RetailPharmacy> pharmacies = run.world().pharmacies().stream()
                .collect(Collectors.toMap(RetailPharmacy::id, Function.identity()));
        Sales sales = new Sales(run);
        assertThat(chains).allSatisfy(chain -> {
            Settlement s = chain.settlement();
            RetailPharmacy pharmacy = pharmacies.get(s.getPharmacyId());
            Set<Integer> charged = new HashSet<>();
            for (FeeItem line : drugLines(s)) {
                Drug drug = DRUGS.get(line.getItemCode());
                if (line.getUnitPriceFen() == pharmacy.unitPriceFen(drug)) {
                    continue;
                }
                int percent = percentOf(drug, line.getUnitPriceFen());
                assertThat(percent).isBetween(lowest, highest);
                charged.add(percent);
                assertThat(sales.before(s, line)).hasSizeGreaterThanOrEqualTo(40);
            }
            assertThat(charged).hasSize(1);
            ScenarioTest.assertBalanced(s);
            assertThat(s.getFeeItems()).allSatisfy(item -> {
                if (item.getKind() == FeeKind.CONSULTATION_FEE) {
                    assertThat(item.getUnitPriceFen()).isLessThanOrEqualTo(capOf(s));
                } else if (item.getKind() == FeeKind.DELIVERY_FEE) {
                    assertThat(item.getCashFen()).isEqualTo(item.getAmountFen());
                }
            });
        });
        Instant firstMedian = TrafficOptions.DEFAULT_START.plus(MEDIAN_REFRESH);
        assertThat(run.chains()).filteredOn(chain -> chain.settlement().getSettledAt().isBefore(firstMedian))
                .isNotEmpty().allSatisfy(chain -> assertThat(chain.truth().scenario()).isEqualTo(Scenario.CLEAN));
    }

    /** The percentage of the reference price that rounds to {@code unitPriceFen}, as prices are made. */
    private static int percentOf(Drug drug, long unitPriceFen) {
        int percent = (int) Math.round(unitPriceFen * 100.0 / drug.referencePriceFen());
        assertThat(drug.priceFen(percent)).isEqualTo(unitPriceFen);
        return percent;
    }

    private static long capOf(Settlement s) {
        return PoolingRegion.ALL.stream().filter(r -> r.code().equals(s.getPoolingRegion())).findFirst()
                .orElseThrow().consultationFeeCapFen();
    }

    private static List<Chain> chainsOf(ScenarioRun run, Scenario scenario) {
        return run.chains().stream().filter(c -> c.truth().scenario() == scenario).toList();
    }

    private static List<FeeItem> drugLines(Settlement s) {
        return s.getFeeItems().stream().filter(item -> item.getKind() == FeeKind.DRUG).toList();
    }

    /** The drug lines of a run's settlements, by province and drug. */
    private static final class Sales {
        private final Map<String, List<Settlement>> byProvinceAndDrug = new HashMap<>();

        Sales(ScenarioRun run) {
            for (Chain chain : run.chains()) {
                Settlement s = chain.settlement();
                drugLines(s).forEach(line -> byProvinceAndDrug.computeIfAbsent(key(s, line), k -> new ArrayList<>())
                        .add(s));
            }
        }

        /** The unit prices of the line's drug in its province, of the sales before the settlement's window. */
        List<Long> before(Settlement settlement, FeeItem line) {
            long window = settlement.getSettledAt().toEpochMilli() / MEDIAN_REFRESH.toMillis()
                    * MEDIAN_REFRESH.toMillis();
            return byProvinceAndDrug.get(key(settlement, line)).stream()
                    .filter(s -> s.getSettledAt().toEpochMilli() < window)
                    .flatMap(s -> drugLines(s).stream().filter(l -> l.getItemCode().equals(line.getItemCode())))
                    .map(FeeItem::getUnitPriceFen).toList();
        }

        private static String key(Settlement s, FeeItem line) {
            return s.getPoolingRegion().substring(0, 2) + "|" + line.getItemCode();
        }
    }
}
