package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.types.Either;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

/**
 * RULES.md §7: unit prices far above the province's running median of the drug (002 §4(10)).
 *
 * <pre>
 * settlements → drug lines ─keyBy province×drug×pharmacy→ KLL sketch per refresh window
 *    ─keyBy province×drug→ merged into the running sketch → median version, valid from the window's end
 *                                                  rule settings ──┤ broadcast
 * settlements ─keyBy settlement───────────────────────────→ judged once the watermark passes them → alerts
 * </pre>
 *
 * The per-pharmacy sketches spread a busy drug's sales over the parallel instances; only the merge per drug and
 * province sees them all.
 */
public final class PriceSupervision {
    private PriceSupervision() {
    }

    /** @param reference the reference versions, of which the rule settings give the ratio and the samples needed */
    public static DataStream<Alert> apply(DataStream<Settlement> settlements, DataStream<ReferenceVersions> reference,
                                          SettingsSelection settings, JobConfig.PriceRules config, Pseudonymiser pseudonymiser) {
        TypeInformation<Either<ProvinceMedian, ReferenceVersions>> judgedBy = new EitherTypeInfo<>(
                TypeInformation.of(ProvinceMedian.class), new AvroTypeInfo<>(ReferenceVersions.class));
        DataStream<Either<ProvinceMedian, ReferenceVersions>> mediansAndSettings = medians(settlements, config)
                .map(Either::<ProvinceMedian, ReferenceVersions>Left, judgedBy).name("median-versions").uid("median-versions")
                .union(reference.filter(SettingsSelection::isSettings).name("rule-settings-for-prices").uid("rule-settings-for-prices")
                        .map(Either::<ProvinceMedian, ReferenceVersions>Right, judgedBy).name("rule-settings-versions").uid("rule-settings-versions"));
        return settlements.keyBy(Settlement::getSettlementId, Types.STRING)
                .connect(mediansAndSettings.broadcast(MedianVersions.DESCRIPTOR, ReferenceState.DESCRIPTOR))
                .process(new PriceJudge(new PriceAboveMedianRule(pseudonymiser), settings), new AvroTypeInfo<>(Alert.class))
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
