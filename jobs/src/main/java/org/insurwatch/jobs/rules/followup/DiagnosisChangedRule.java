package org.insurwatch.jobs.rules.followup;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.alert.Alert;

/**
 * FU-DIAGNOSIS-CHANGED: a follow-up is of the disease diagnosed offline (003 art.26). The person has offline
 * visits, but none diagnosed a disease of this consultation; the alert cites the latest of them.
 */
public final class DiagnosisChangedRule implements FollowUpRule {
    private static final long serialVersionUID = 1L;
    private final Pseudonymiser pseudonymiser;

    public DiagnosisChangedRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Consultation c, OfflineHistory history, SettingsInForce settings, Collector<Alert> out) {
        if (c.getVisitType() == VisitType.FOLLOW_UP && !history.isEmpty() && history.latestDiagnosing(c.getDiagnoses()).isEmpty()) {
            out.collect(FollowUpAlerts.citing(FollowUpAlerts.about(FollowUpAlerts.DIAGNOSIS_CHANGED, c, pseudonymiser),
                    history.latest()).build());
        }
    }
}
