package org.insurwatch.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Settlement;

/**
 * PRICE-ABOVE-MEDIAN of RULES.md §7 as the job judges it (jobs/.../price): every drug line of a settlement sold at
 * a price is a sample of its drug in its province (the pooling region's first two digits + 0000). A settlement is
 * judged by the median the job publishes at the start of the 10-minute window (epoch-aligned) it settles in: that
 * of the samples settled before that start. Resting on 30 samples or more, it makes a line priced above 1.5
 * times it fire; one alert per settlement, citing it. The median is the middle sample, or the mean of the two
 * middle ones rounded half up. Beyond 200 samples the job reads it off a KLL sketch, within about 1.3 % of rank:
 * the oracle refuses a line that the samples at either end of that band would judge apart, as the job could
 * judge it either way. Only a few fields of each settlement are kept, so that a run of months fits.
 */
final class PriceOracle {

    private static final long MEDIAN_REFRESH = Duration.ofMinutes(10).toMillis();
    private static final int MIN_SAMPLES = 30;
    private static final int EXACT_UP_TO = 200;
    private static final double SKETCH_RANK_ERROR = 0.013;

    private record Sample(long settledAt, String provinceDrug, long unitPriceFen) {
    }

    /** A settlement with drug lines, judged by the samples settled before {@code medianFrom}. */
    private record Judged(String eventId, long medianFrom, List<Sample> lines) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<Judged> settlements = new ArrayList<>();

    /** Judges the settlements of a run, adding each alert to the settlement's. */
    static void judge(List<SpecificRecord> live, Map<String, List<RuleOracle.Alert>> alerts) {
        PriceOracle oracle = new PriceOracle();
        live.forEach(oracle::add);
        oracle.raiseInto(alerts);
    }

    /** Takes in a settlement's drug lines; any other record is no concern of the rule. */
    void add(SpecificRecord record) {
        if (!(record instanceof Settlement s) || !s.getPoolingRegion().matches("\\d{6}")) {
            return;
        }
        long settledAt = s.getSettledAt().toEpochMilli();
        String province = s.getPoolingRegion().substring(0, 2) + "0000";
        List<Sample> lines = new ArrayList<>();
        for (FeeItem item : s.getFeeItems()) {
            if (item.getKind() == FeeKind.DRUG && item.getUnitPriceFen() > 0) {
                lines.add(new Sample(settledAt, province + "|" + item.getItemCode(), item.getUnitPriceFen()));
            }
        }
        if (!lines.isEmpty()) {
            samples.addAll(lines);
            settlements.add(new Judged(s.getEventId(), Math.floorDiv(settledAt, MEDIAN_REFRESH) * MEDIAN_REFRESH,
                    lines));
        }
    }

    /** Adds the alert of each settlement taken in so far that the rule fires on to the settlement's alerts. */
    void raiseInto(Map<String, List<RuleOracle.Alert>> alerts) {
        List<Sample> bySettledAt = samples.stream().sorted(Comparator.comparingLong(Sample::settledAt)).toList();
        List<Judged> byMedian = settlements.stream().sorted(Comparator.comparingLong(Judged::medianFrom)).toList();
        Map<String, List<Long>> sortedPrices = new HashMap<>();
        int taken = 0;
        for (Judged settlement : byMedian) {
            while (taken < bySettledAt.size() && bySettledAt.get(taken).settledAt() < settlement.medianFrom()) {
                Sample sample = bySettledAt.get(taken++);
                List<Long> prices = sortedPrices.computeIfAbsent(sample.provinceDrug(), k -> new ArrayList<>());
                int at = Collections.binarySearch(prices, sample.unitPriceFen());
                prices.add(at < 0 ? -at - 1 : at, sample.unitPriceFen());
            }
            boolean overpriced = false;
            for (Sample line : settlement.lines()) {
                overpriced |= farAboveMedian(line, sortedPrices.getOrDefault(line.provinceDrug(), List.of()),
                        settlement.eventId());
            }
            if (overpriced) {
                alerts.computeIfAbsent(settlement.eventId(), id -> new ArrayList<>())
                        .add(new RuleOracle.Alert("PRICE-ABOVE-MEDIAN", settlement.eventId()));
            }
        }
    }

    /** Whether the line is priced far above the median of {@code prices}, sorted; refused when too close to call. */
    private static boolean farAboveMedian(Sample line, List<Long> prices, String eventId) {
        int n = prices.size();
        if (n < MIN_SAMPLES) {
            return false;
        }
        long median = n % 2 == 1 ? prices.get(n / 2) : (prices.get(n / 2 - 1) + prices.get(n / 2) + 1) / 2;
        boolean above = farAbove(line.unitPriceFen(), median);
        if (n > EXACT_UP_TO) {
            long lowest = prices.get((int) Math.floor(n * (0.5 - SKETCH_RANK_ERROR)));
            long highest = prices.get(Math.min(n - 1, (int) Math.ceil(n * (0.5 + SKETCH_RANK_ERROR))));
            if (farAbove(line.unitPriceFen(), lowest) != farAbove(line.unitPriceFen(), highest)) {
                throw new AssertionError(eventId + " charges " + line.unitPriceFen() + " fen for "
                        + line.provinceDrug() + ", too close to 1.5 times a median of " + n
                        + " samples for the job's sketch to judge it surely: within " + lowest + ".." + highest);
            }
        }
        return above;
    }

    /** Above 1.5 times the median, exactly: 2 × price > 3 × median. */
    private static boolean farAbove(long unitPriceFen, long medianFen) {
        return 2 * unitPriceFen > 3 * medianFen;
    }
}
