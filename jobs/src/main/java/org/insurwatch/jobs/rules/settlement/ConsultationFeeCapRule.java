package org.insurwatch.jobs.rules.settlement;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceLookup;
import org.insurwatch.jobs.reference.ReferenceRule;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.reference.PriceCap;

import java.util.Optional;

/**
 * PAY-FEE-ABOVE-CAP: an online follow-up visit is paid at the ordinary outpatient consultation price of the
 * pooling region, the cap in force at settlement (003 art.10-12). A region without a cap is not judged.
 */
public final class ConsultationFeeCapRule implements ReferenceRule<Settlement> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-FEE-ABOVE-CAP", "1", Severity.MEDIUM, RuleCategory.SETTLEMENT,
            "诊查费超出普通门诊价格 Consultation fee above the outpatient price cap", "003 art.10-12");

    private final Pseudonymiser pseudonymiser;

    public ConsultationFeeCapRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Settlement s, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        for (FeeItem item : s.getFeeItems()) {
            if (item.getKind() != FeeKind.CONSULTATION_FEE) {
                continue;
            }
            Optional<PriceCap> cap = reference.priceCap(s.getPoolingRegion(), item.getItemCode(), s.getSettledAt());
            if (cap.isPresent() && item.getUnitPriceFen() > cap.get().getCapFen()) {
                long excessPaidByInsurance = Math.min(item.getFundFen() + item.getPersonalAccountFen(),
                        (item.getUnitPriceFen() - cap.get().getCapFen()) * item.getQuantity());
                out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "feeItem", item.getItemCode(),
                                "unitPriceFen", Long.toString(item.getUnitPriceFen()), "capFen", Long.toString(cap.get().getCapFen()))
                        .fundAtRiskFen(excessPaidByInsurance).build());
                return;
            }
        }
    }
}
