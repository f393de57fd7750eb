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

import java.util.ArrayList;
import java.util.List;

/**
 * PAY-NOT-COVERED: the pooled fund pays only for drugs in the insurance catalogue in force when the drug was
 * settled (003 art.11; 000 art.6); a drug missing from the catalogue counts as not covered.
 */
public final class NotCoveredDrugRule implements ReferenceRule<Settlement> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-NOT-COVERED", "1", Severity.HIGH, RuleCategory.SETTLEMENT,
            "目录外药品由统筹基金支付 Drug outside the insurance catalogue paid by the pooled fund", "003 art.11; 000 art.6");

    private final Pseudonymiser pseudonymiser;

    public NotCoveredDrugRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Settlement s, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        List<String> drugs = new ArrayList<>();
        long fundPaid = 0;
        for (FeeItem item : s.getFeeItems()) {
            if (item.getKind() == FeeKind.DRUG && item.getFundFen() > 0
                    && !reference.drug(item.getItemCode(), s.getSettledAt()).map(d -> d.getInInsuranceList()).orElse(false)) {
                drugs.add(item.getItemCode());
                fundPaid += item.getFundFen();
            }
        }
        if (!drugs.isEmpty()) {
            out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "drugCode", String.join(",", drugs),
                    "fundPaidForThemFen", Long.toString(fundPaid)).fundAtRiskFen(fundPaid).build());
        }
    }
}
