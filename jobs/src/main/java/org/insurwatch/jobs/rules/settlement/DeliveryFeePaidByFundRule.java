package org.insurwatch.jobs.rules.settlement;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/** PAY-DELIVERY-FEE: the delivery fee is the patient's own; neither the pooled fund nor the personal account may pay it (000 art.6; 004). */
public final class DeliveryFeePaidByFundRule implements FlatMapFunction<Settlement, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-DELIVERY-FEE", "1", Severity.MEDIUM, RuleCategory.SETTLEMENT,
            "配送费由医保基金支付 Delivery fee paid by insurance", "000 art.6; 004");

    private final Pseudonymiser pseudonymiser;

    public DeliveryFeePaidByFundRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Settlement s, Collector<Alert> out) {
        long paidByInsurance = 0;
        for (FeeItem item : s.getFeeItems()) {
            if (item.getKind() == FeeKind.DELIVERY_FEE) {
                paidByInsurance += item.getFundFen() + item.getPersonalAccountFen();
            }
        }
        if (paidByInsurance > 0) {
            out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "deliveryFeePaidByInsuranceFen", Long.toString(paidByInsurance))
                    .fundAtRiskFen(paidByInsurance).build());
        }
    }
}
