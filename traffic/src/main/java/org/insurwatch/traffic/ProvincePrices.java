package org.insurwatch.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job's PRICE-ABOVE-MEDIAN (RULES.md §7) will know of a drug's unit prices in a province when it judges
 * a settlement: every drug line settled in the province before the 10-minute window of event time the settlement
 * falls in, as the median takes in the latest sales at the end of each window. Counted from the chains planned
 * so far, which is conservative: a chain planned later may still settle within reach of the count, and only add
 * to it.
 *
 * <p>A chain may charge off the pharmacies' range ({@link RetailPharmacy#LOWEST_PRICE_PERCENT} to
 * {@link RetailPharmacy#HIGHEST_PRICE_PERCENT}) for a drug whose median is steady: it rests on
 * {@link #STEADY_SAMPLES} sales (the job judges by 30 or more), and the lines ever charged off the range, this one
 * included, are at most one in {@link #SALES_PER_OFF_PRICE} of them. The last planned of the off-range lines a
 * later median holds was allowed so on no more sales than that median holds, and counted every off-range line
 * planned before it: so off-range lines are at most a quarter of any median's sales, and the median is a sale at
 * a pharmacy's own price, whether the job reads it exactly or off its sketch (beyond 200 sales), a few percent of
 * rank off.
 */
final class ProvincePrices {

    // how often the job's medians take in the latest sales: at the end of each such epoch-aligned window
    private static final long MEDIAN_REFRESH = Duration.ofMinutes(10).toMillis();
    // more than the job's 30: the count is a plan's, not the job's
    private static final int STEADY_SAMPLES = 40;
    private static final int SALES_PER_OFF_PRICE = 4;

    private final Map<String, Sales> byProvinceAndDrug = new HashMap<>();

    /**
     * Those of {@code drugs} whose median is steady enough to judge a settlement at {@code settledAt} in
     * {@code region} by, and to take one more line charged off the pharmacies' range.
     */
    List<Drug> withSteadyMedian(PoolingRegion region, List<PrescribedDrug> drugs, long settledAt) {
        long window = windowOf(settledAt);
        List<Drug> steady = new ArrayList<>();
        for (PrescribedDrug line : drugs) {
            Sales sales = byProvinceAndDrug.get(key(region, line.drug()));
            if (sales != null && sales.steadyBefore(window)) {
                steady.add(line.drug());
            }
        }
        return steady;
    }

    /**
     * Counts the drug lines of a chain just planned, of each settlement it emits; no chain planned later starts
     * before {@code plannedFrom}, so settles before it either.
     */
    void settled(VisitChain chain, long plannedFrom) {
        PoolingRegion region = chain.participants().patient().region();
        for (ChainStep step : chain.emittedSteps()) {
            if (step.stream() != TrafficStream.SETTLEMENT) {
                continue;
            }
            long window = windowOf(chain.timeline().timeOf(step));
            for (PrescribedDrug line : chain.drugs()) {
                Sales sales = byProvinceAndDrug.computeIfAbsent(key(region, line.drug()), k -> new Sales());
                sales.add(window, chain.isRepriced(line.drug()));
                sales.settleWindowsBefore(windowOf(plannedFrom));
            }
        }
    }

    /** The start of the window {@code time} falls in. */
    private static long windowOf(long time) {
        return Math.floorDiv(time, MEDIAN_REFRESH) * MEDIAN_REFRESH;
    }

    /** As the job keys its medians: the province (the pooling region's first two digits + 0000) and the drug. */
    private static String key(PoolingRegion region, Drug drug) {
        return region.code().substring(0, 2) + "0000|" + drug.code();
    }

    /** The sales of one drug in one province. */
    private static final class Sales {
        // sales of windows no chain still to be judged falls in or before, then the sales of each later window
        private long settledEarlier;
        private final TreeMap<Long, Integer> byWindow = new TreeMap<>();
        private int offPrice;

        void add(long window, boolean chargedOffTheRange) {
            byWindow.merge(window, 1, Integer::sum);
            if (chargedOffTheRange) {
                offPrice++;
            }
        }

        /** Folds the windows before {@code window} into one count: no chain planned later is judged by them alone. */
        void settleWindowsBefore(long window) {
            while (!byWindow.isEmpty() && byWindow.firstKey() < window) {
                settledEarlier += byWindow.pollFirstEntry().getValue();
            }
        }

        boolean steadyBefore(long window) {
            long sales = settledEarlier;
            for (int count : byWindow.headMap(window).values()) {
                sales += count;
            }
            return sales >= STEADY_SAMPLES && (offPrice + 1L) * SALES_PER_OFF_PRICE <= sales;
        }
    }
}
