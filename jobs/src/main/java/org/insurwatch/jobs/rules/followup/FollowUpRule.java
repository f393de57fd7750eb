package org.insurwatch.jobs.rules.followup;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.alert.Alert;

import java.io.Serializable;

/** A rule judging whether an online consultation is the follow-up it must be to be payable (RULES.md §4). */
@FunctionalInterface
public interface FollowUpRule extends Serializable {

    void judge(Consultation consultation, OfflineHistory history, SettingsInForce settings, Collector<Alert> out);
}
