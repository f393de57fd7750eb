package org.insurwatch.jobs.rules.followup;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.VisitType;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.reference.OfflineVisit;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;

/**
 * FU-WINDOW-EXPIRED: a follow-up is payable within the window after the offline diagnosis (3 months by default,
 * per pooling region where the region sets its own, as the rule settings in force say; 000 art.6, 004). Months are calendar months where the
 * visit took place, and a consultation starting exactly at the window's end is still within it.
 */
public final class WindowExpiredRule implements FollowUpRule {
    private static final long serialVersionUID = 1L;
    private final String timeZone;
    private final Pseudonymiser pseudonymiser;

    public WindowExpiredRule(JobConfig.FollowUp config, Pseudonymiser pseudonymiser) {
        this.timeZone = config.timeZone;
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void judge(Consultation c, OfflineHistory history, SettingsInForce settings, Collector<Alert> out) {
        if (c.getVisitType() != VisitType.FOLLOW_UP) {
            return;
        }
        Optional<OfflineVisit> diagnosed = history.latestDiagnosing(c.getDiagnoses());
        if (diagnosed.isEmpty()) {
            return;
        }
        Period window = settings.followUpWindowFor(c.getPoolingRegion());
        Instant windowEnd = diagnosed.get().getVisitedAt().atZone(ZoneId.of(timeZone)).plus(window).toInstant();
        if (c.getStartedAt().isAfter(windowEnd)) {
            out.collect(FollowUpAlerts.citing(FollowUpAlerts.about(FollowUpAlerts.WINDOW_EXPIRED, c, pseudonymiser,
                    "followUpWindow", window.toString(), "windowEndedAt", windowEnd.toString()), diagnosed.get()).build());
        }
    }
}
