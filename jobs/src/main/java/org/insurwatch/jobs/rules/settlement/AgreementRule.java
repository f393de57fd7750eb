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
import org.insurwatch.schema.reference.AgreementStatus;
import org.insurwatch.schema.reference.InstitutionAgreement;

import java.util.Optional;

/**
 * PAY-NO-AGREEMENT: only an institution with a valid Internet+ supplementary agreement may settle online
 * visits with insurance (000 art.14; 003 art.10): the internet hospital when there is one, else the settling institution.
 */
public final class AgreementRule implements ReferenceRule<Settlement> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("PAY-NO-AGREEMENT", "1", Severity.HIGH, RuleCategory.SETTLEMENT,
            "机构无有效互联网+医保补充协议 Institution without a valid Internet+ agreement", "000 art.14; 003 art.10");

    private final Pseudonymiser pseudonymiser;

    public AgreementRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Settlement s, ReferenceLookup reference, Collector<Alert> out) throws Exception {
        String institution = s.getInternetHospitalId() != null ? s.getInternetHospitalId() : s.getSettlingInstitutionId();
        Optional<InstitutionAgreement> agreement = reference.institution(institution, s.getSettledAt());
        if (agreement.isPresent() && agreement.get().getAgreementStatus() == AgreementStatus.VALID) {
            return;
        }
        out.collect(SettlementAlerts.about(RULE, s, pseudonymiser, "institutionJudged", institution,
                        "agreement", agreement.map(a -> a.getAgreementStatus().name()).orElse("none"))
                .fundAtRiskFen(s.getFundFen()).build());
    }
}
