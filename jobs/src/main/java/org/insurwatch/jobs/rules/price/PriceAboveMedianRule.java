package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PRICE-ABOVE-MEDIAN: a pharmacy charges far more for a drug than is usual in its province, by default more than
 * 1.5 times the province's running median unit price once that rests on 30 sales (002 §4(10)). One alert per
 * settlement, however many of its lines are overpriced: the alert id is the rule and the settlement, so a
 * replay or a changed threshold that finds other lines overpriced still names the same alert.
 */
public final class PriceAboveMedianRule implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PRICE-ABOVE-MEDIAN", "1", Severity.MEDIUM, RuleCategory.PRICE,
            "药品价格显著高于全省中位数 Unit price far above the province median", "002 §4(10)");

    private final Pseudonymiser pseudonymiser;

    PriceAboveMedianRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** A drug line and the median it was judged by. */
    private record Overpriced(FeeItem line, MedianVersion median) {
    }

    /** Judges each drug line of {@code s} by the median of its drug in its province valid at the settlement. */
    Optional<Alert> judge(Settlement s, ReadOnlyBroadcastState<String, List<MedianVersion>> medians, SettingsInForce settings)
            throws Exception {
        // the ratio as written (1.5, 1.1), so price > ratio × median is decided exactly, in decimal
        BigDecimal ratio = BigDecimal.valueOf(settings.priceRatio());
        List<Overpriced> overpriced = new ArrayList<>();
        for (FeeItem line : s.getFeeItems()) {
            Optional<String> provinceDrug = PriceSample.provinceDrug(s, line);
            if (provinceDrug.isEmpty()) {
                continue;
            }
            Optional<MedianVersion> median = MedianVersions.at(medians.get(provinceDrug.get()), s.getSettledAt().toEpochMilli())
                    .filter(m -> m.samples >= settings.priceMinSamples());
            if (median.isPresent() && farAbove(line.getUnitPriceFen(), median.get().medianFen, ratio)) {
                overpriced.add(new Overpriced(line, median.get()));
            }
        }
        return overpriced.isEmpty() ? Optional.empty() : Optional.of(alert(s, overpriced));
    }

    private static boolean farAbove(long unitPriceFen, long medianFen, BigDecimal ratio) {
        return BigDecimal.valueOf(unitPriceFen).compareTo(ratio.multiply(BigDecimal.valueOf(medianFen))) > 0;
    }

    /** Cites the settlement; the per-line fields list the overpriced lines in the settlement's order, comma-separated. */
    private Alert alert(Settlement s, List<Overpriced> overpriced) {
        long fundAboveMedian = 0;
        for (Overpriced o : overpriced) {
            // the share of the line's fund payment that paid for the price above the median, floored to whole fen
            long unitPrice = o.line().getUnitPriceFen();
            fundAboveMedian += Math.floorDiv(Math.multiplyExact(o.line().getFundFen(), unitPrice - o.median().medianFen), unitPrice);
        }
        return AlertBuilder.of(RULE, s.getSettledAt().toEpochMilli())
                .evidence("settlement", s.getEventId(), s.getSettledAt(),
                        "settlementId", s.getSettlementId(),
                        "pharmacyId", s.getPharmacyId(),
                        "drugCode", each(overpriced, o -> o.line().getItemCode()),
                        "unitPriceFen", each(overpriced, o -> Long.toString(o.line().getUnitPriceFen())),
                        "provinceMedianFen", each(overpriced, o -> Long.toString(o.median().medianFen)),
                        "samples", each(overpriced, o -> Long.toString(o.median().samples)),
                        "ratio", each(overpriced, o -> BigDecimal.valueOf(o.line().getUnitPriceFen())
                                .divide(BigDecimal.valueOf(o.median().medianFen), 2, RoundingMode.HALF_UP).toPlainString()),
                        "lineFundFen", each(overpriced, o -> Long.toString(o.line().getFundFen())))
                .institution(s.getSettlingInstitutionId(), s.getInternetHospitalId(), s.getPharmacyId())
                .poolingRegion(s.getPoolingRegion())
                .patientPseudonym(pseudonymiser.pseudonym(s.getInsuredPersonId()))
                .chain(s.getConsultationId(), s.getPrescriptionId())
                .fundAtRiskFen(fundAboveMedian)
                .build();
    }

    private static String each(List<Overpriced> overpriced, Function<Overpriced, String> field) {
        return overpriced.stream().map(field).collect(Collectors.joining(","));
    }
}
