package org.insurwatch.jobs.rules.followup;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.alert.Alert;

/**
 * FU-FIRST-VISIT: only follow-ups are payable online (000 art.3(五)). The visit is a first visit when the
 * hospital says so, or when the insurer knows of no offline visit of the person at all, whatever the hospital
 * claims it follows up.
 */
public final class FirstVisitRule implements FollowUpRule {
    private static final long serialVersionUID = 1L;
    private final Pseudonymiser pseudonymiser;

    public FirstVisitRule(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Consultation c, OfflineHistory history, SettingsInForce settings, Collector<Alert> out) {
        if (c.getVisitType() == VisitType.FIRST_VISIT || history.isEmpty()) {
            out.collect(FollowUpAlerts.about(FollowUpAlerts.FIRST_VISIT, c, pseudonymiser,
                    "offlineVisitsKnown", Boolean.toString(!history.isEmpty())).build());
        }
    }
}
