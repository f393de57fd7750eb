package org.insurwatch.jobs.rules.settlement;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * PAY-AMOUNT-MISMATCH: a settlement must add up, line by line and in total, and its split between pooled
 * fund, personal account and cash must equal the total (003 art.10-13). Money is integer fen, so "add up" is exact.
 */
public final class AmountMismatchRule implements FlatMapFunction<Settlement, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-AMOUNT-MISMATCH", "1", Severity.HIGH, RuleCategory.SETTLEMENT,
            "结算金额不平 Settlement amounts do not add up", "003 art.10-13; 000 art.14");

    private final Pseudonymiser pseudonymiser;

    public AmountMismatchRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void flatMap(Settlement s, Collector<Alert> out) {
        List<String> mismatches = new ArrayList<>();
        long lines = 0;
        for (FeeItem item : s.getFeeItems()) {
            lines += item.getAmountFen();
            if (item.getUnitPriceFen() * item.getQuantity() != item.getAmountFen()) {
                mismatches.add(item.getItemCode() + ": unit price × quantity ≠ amount");
            }
            if (item.getFundFen() + item.getPersonalAccountFen() + item.getCashFen() != item.getAmountFen()) {
                mismatches.add(item.getItemCode() + ": fund + account + cash ≠ amount");
            }
        }
        if (!s.getFeeItems().isEmpty() && lines != s.getTotalFen()) {
            mismatches.add("lines " + lines + " ≠ total " + s.getTotalFen());
        }
        if (s.getFundFen() + s.getPersonalAccountFen() + s.getCashFen() != s.getTotalFen()) {
            mismatches.add("fund + account + cash " + (s.getFundFen() + s.getPersonalAccountFen() + s.getCashFen())
                    + " ≠ total " + s.getTotalFen());
        }
        if (!mismatches.isEmpty()) {
            out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "cashFen", Long.toString(s.getCashFen()),
                    "mismatch", String.join("; ", mismatches)).fundAtRiskFen(s.getFundFen()).build());
        }
    }
}
