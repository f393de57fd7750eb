package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;

/**
 * RULES.md §7: unit prices far above the province's running median of the drug (002 §4(10)).
 *
 * <pre>
 * settlements → drug lines ─keyBy province×drug×pharmacy→ KLL sketch per refresh window
 *    ─keyBy province×drug→ merged into the running sketch → median version, valid from the window's end
 *                                                                  │ broadcast
 * settlements ─keyBy settlement───────────────────────────→ judged once the watermark passes them → alerts
 * </pre>
 *
 * The per-pharmacy sketches spread a busy drug's sales over the parallel instances; only the merge per drug and
 * province sees them all.
 */
public final class PriceSupervision {
    private PriceSupervision() {
    }

    public static DataStream<Alert> apply(DataStream<Settlement> settlements, JobConfig.PriceRules config, Pseudonymiser pseudonymiser) {
        return settlements.keyBy(Settlement::getSettlementId, Types.STRING)
                .connect(medians(settlements, config).broadcast(MedianVersions.DESCRIPTOR))
                .process(new PriceJudge(new PriceAboveMedianRule(config, pseudonymiser)), new AvroTypeInfo<>(Alert.class))
                .name("price-above-median").uid("price-above-median");
    }

    /** Each drug's median unit price per province, a new version at the end of every refresh window with sales. */
    static DataStream<ProvinceMedian> medians(DataStream<Settlement> settlements, JobConfig.PriceRules config) {
        TypeInformation<PharmacyPrices> pharmacyPrices = TypeInformation.of(PharmacyPrices.class);
        TypeInformation<PharmacySketch> pharmacySketch = TypeInformation.of(PharmacySketch.class);
        return settlements
                .<PriceSample>flatMap((s, out) -> PriceSample.of(s).forEach(out::collect)).returns(PriceSample.class)
                .name("price-samples").uid("price-samples")
                .keyBy(p -> Tuple2.of(p.provinceDrug(), p.pharmacyId), Types.TUPLE(Types.STRING, Types.STRING))
                .window(TumblingEventTimeWindows.of(config.medianRefresh))
                .aggregate(new PharmacyPriceSketch(config.sketchK), pharmacyPrices, pharmacySketch)
                .name("pharmacy-price-sketches").uid("pharmacy-price-sketches")
                .keyBy(p -> p.provinceDrug, Types.STRING)
                .window(TumblingEventTimeWindows.of(config.medianRefresh))
                .process(new ProvinceMedianRefresh(config.sketchK), TypeInformation.of(ProvinceMedian.class))
                .name("province-drug-medians").uid("province-drug-medians");
    }
}
