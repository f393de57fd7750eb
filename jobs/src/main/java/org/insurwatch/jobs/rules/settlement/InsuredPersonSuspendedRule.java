package org.insurwatch.jobs.rules.settlement;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceLookup;
import org.insurwatch.jobs.reference.ReferenceRule;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.reference.InsuredStatus;

/** PAY-INSURED-SUSPENDED: an insured person suspended for fraud may not settle with insurance while suspended (000 art.9; 004). */
public final class InsuredPersonSuspendedRule implements ReferenceRule<Settlement> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-INSURED-SUSPENDED", "1", Severity.CRITICAL, RuleCategory.SETTLEMENT,
            "参保人因欺诈被暂停医保结算 Insured person suspended for fraud", "000 art.9; 004");

    private final Pseudonymiser pseudonymiser;

    public InsuredPersonSuspendedRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Settlement s, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        boolean suspended = reference.insuredPerson(s.getInsuredPersonId(), s.getSettledAt())
                .map(status -> status.getStatus() == InsuredStatus.SUSPENDED_FOR_FRAUD).orElse(false);
        if (suspended) {
            out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "insuredStatus", InsuredStatus.SUSPENDED_FOR_FRAUD.name())
                    .fundAtRiskFen(s.getFundFen()).build());
        }
    }
}
