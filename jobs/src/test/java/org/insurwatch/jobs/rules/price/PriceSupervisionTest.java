package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.insurwatch.jobs.CollectingSink;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.settings.RuleSettingsFixture;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.insurwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.insurwatch.jobs.ChainFixture.T0;
import static org.insurwatch.jobs.rules.RuleTesting.PSEUDONYMISER;
import static org.insurwatch.jobs.rules.RuleTesting.SETTINGS;
import static org.insurwatch.jobs.rules.price.Sales.sale;

/**
 * The whole rule on Flink's MiniCluster at parallelism 2, the watermark following every settlement, so that median
 * versions and verdicts interleave as they do live. Refresh windows of 10 minutes from {@link org.insurwatch.jobs.ChainFixture#T0}.
 */
class PriceSupervisionTest {
    private static final Duration REFRESH = Duration.ofMinutes(10);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private final List<Settlement> settlements = new ArrayList<>();
    private int sales;

    /** Sales of {@code drug} at {@code prices}, spread over {@code pharmacies} and over the minute after {@code from}. */
    private List<Long> wave(String drug, Instant from, int pharmacies, long... prices) {
        List<Long> sold = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            settlements.add(sale("wave-" + sales++, "PHA-" + (i % pharmacies), from.plusMillis(i * 60_000L / prices.length), drug, prices[i]));
            sold.add(prices[i]);
        }
        return sold;
    }

    private static long[] around(long centreFen, int count, long seed) {
        Random random = new Random(seed);
        long[] prices = new long[count];
        for (int i = 0; i < count; i++) {
            prices[i] = centreFen - 300 + random.nextInt(601);
        }
        return prices;
    }

    private static long[] same(long priceFen, int count) {
        long[] prices = new long[count];
        Arrays.fill(prices, priceFen);
        return prices;
    }

    /** The middle sample, or the mean of the middle two rounded half up. */
    private static long exactMedian(List<Long> prices) {
        List<Long> sorted = prices.stream().sorted().toList();
        long lower = sorted.get((sorted.size() - 1) / 2);
        long upper = sorted.get(sorted.size() / 2);
        return BigDecimal.valueOf(lower + upper).divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static StreamExecutionEnvironment environment() {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(flink);
        env.setParallelism(2);
        return env;
    }

    private DataStream<Settlement> settlementsIn(StreamExecutionEnvironment env) {
        List<Settlement> inOrder = new ArrayList<>(settlements);
        inOrder.sort(Comparator.comparing(Settlement::getSettledAt));
        return env.fromData(inOrder, new AvroTypeInfo<>(Settlement.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Settlement>forGenerator(ctx -> new AfterEverySettlement())
                        .withTimestampAssigner((s, previous) -> s.getSettledAt().toEpochMilli()))
                .setParallelism(1);
    }

    /** A version of the rule settings with the config file's ratio and samples, so that it changes no verdict. */
    private static DataStream<ReferenceVersions> settingsIn(StreamExecutionEnvironment env) {
        JobConfig.PriceRules file = new JobConfig.PriceRules();
        return env.fromData(List.of(RuleSettingsFixture.broadcast(RuleSettingsFixture.version("v-prices", T0.minus(Duration.ofDays(1)))
                .setPriceRatio(file.ratio).setPriceMinSamples(file.minSamples).build())), new AvroTypeInfo<>(ReferenceVersions.class));
    }

    /** Moves the watermark up to just before every settlement, as far as it can go with settlements in time order. */
    private static final class AfterEverySettlement implements WatermarkGenerator<Settlement> {
        @Override
        public void onEvent(Settlement s, long time, WatermarkOutput out) {
            out.emitWatermark(new Watermark(time - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
        }
    }

    @Test
    void theMedianMergedFromSeveralPharmaciesSketchesIsTheExactMedian() throws Exception {
        List<Long> first = wave("XA01", T0.plusSeconds(30), 5, around(2000, 37, 1));
        List<Long> second = wave("XA01", T0.plus(REFRESH).plusSeconds(30), 3, around(2400, 24, 2));
        List<Long> other = wave("XB02", T0.plusSeconds(90), 4, around(800, 12, 3));
        StreamExecutionEnvironment env = environment();
        CollectingSink<ProvinceMedian> medians = new CollectingSink<>();
        PriceSupervision.medians(settlementsIn(env), new JobConfig.PriceRules()).sinkTo(medians);
        env.execute("province-medians-test");

        List<Long> both = new ArrayList<>(first);
        both.addAll(second);
        Map<String, List<MedianVersion>> byDrug = medians.received().stream().collect(Collectors.groupingBy(m -> m.provinceDrug,
                Collectors.mapping(m -> m.version, Collectors.toList())));
        assertThat(byDrug).containsOnlyKeys("350000|XA01", "350000|XB02");
        assertThat(byDrug.get("350000|XA01").stream().sorted(Comparator.comparingLong(v -> v.validFrom)).toList())
                .extracting(v -> Instant.ofEpochMilli(v.validFrom), v -> v.samples, v -> v.medianFen)
                .containsExactly(tuple(T0.plus(REFRESH), 37L, exactMedian(first)),
                        tuple(T0.plus(REFRESH.multipliedBy(2)), 61L, exactMedian(both)));
        assertThat(byDrug.get("350000|XB02")).singleElement()
                .satisfies(v -> assertThat(v.medianFen).isEqualTo(exactMedian(other)));
    }

    @Test
    void eachSaleIsJudgedByTheMedianValidBeforeItWhateverSellsLater() throws Exception {
        Instant secondWindow = T0.plus(REFRESH);
        Instant thirdWindow = T0.plus(REFRESH.multipliedBy(2));
        Instant fourthWindow = T0.plus(REFRESH.multipliedBy(3));
        // XA01: a median near 2000 from the first window, then a cheap wave in the third
        List<Long> xa01 = wave("XA01", T0.plusSeconds(30), 4, around(2000, 31, 4));
        Settlement tooFewSamples = sale("too-few-samples", "PHA-X", T0.plus(Duration.ofMinutes(5)), "XA01", 9000);
        xa01.add(9000L);
        long xa01Median = exactMedian(xa01);
        Settlement dear = sale("dear", "PHA-X", secondWindow.plus(Duration.ofMinutes(2)), "XA01", xa01Median * 16 / 10);
        Settlement fair = sale("fair", "PHA-Y", secondWindow.plus(Duration.ofMinutes(3)), "XA01", xa01Median * 14 / 10);
        wave("XA01", thirdWindow.plusSeconds(30), 4, same(1000, 100));
        Settlement dearAtTheWindowEnd = sale("dear-at-window-end", "PHA-X", fourthWindow, "XA01", 1600);
        // XB02: a median of 1000, then a dearer wave (1.4 ×, itself not far above) that lifts it to 1400
        wave("XB02", T0.plusSeconds(40), 3, same(1000, 30));
        Settlement dearBeforeTheWave = sale("dear-before-wave", "PHA-Y", secondWindow.plus(Duration.ofMinutes(1)), "XB02", 1600);
        wave("XB02", thirdWindow.plusSeconds(40), 3, same(1400, 100));
        settlements.addAll(List.of(tooFewSamples, dear, fair, dearAtTheWindowEnd, dearBeforeTheWave));

        StreamExecutionEnvironment env = environment();
        CollectingSink<Alert> alerts = new CollectingSink<>();
        PriceSupervision.apply(settlementsIn(env), settingsIn(env), SETTINGS, new JobConfig.PriceRules(), PSEUDONYMISER).sinkTo(alerts);
        env.execute("price-above-median-test");

        Map<String, Map<String, String>> fieldsBySettlement = alerts.received().stream().collect(Collectors.toMap(
                a -> a.getEvidence().get(0).getFields().get("settlementId"), a -> a.getEvidence().get(0).getFields()));
        assertThat(fieldsBySettlement).containsOnlyKeys(dear.getSettlementId(), dearAtTheWindowEnd.getSettlementId(),
                dearBeforeTheWave.getSettlementId());
        assertThat(fieldsBySettlement.get(dear.getSettlementId()))
                .containsEntry("provinceMedianFen", Long.toString(xa01Median)).containsEntry("samples", "32");
        assertThat(fieldsBySettlement.get(dearAtTheWindowEnd.getSettlementId()))
                .containsEntry("provinceMedianFen", "1000").containsEntry("samples", "134");
        assertThat(fieldsBySettlement.get(dearBeforeTheWave.getSettlementId()))
                .containsEntry("provinceMedianFen", "1000").containsEntry("samples", "30");
    }
}
