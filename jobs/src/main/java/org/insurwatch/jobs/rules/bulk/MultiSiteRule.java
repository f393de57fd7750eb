package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.OrderedRule;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.alert.Alert;


/**
 * BULK-MULTI-SITE: one doctor holding consultations at two or more internet hospitals at the same time. The
 * doctor's consultations that overlap one another, each starting before the latest end so far, form a cluster;
 * a cluster spanning several hospitals raises one alert citing all of it. A consultation's time is
 * [startedAt, endedAt): one starting as the last ends is back to back, not overlapping. A cluster is judged
 * once event time has passed its end by the recording lag, after which no consultation starting inside it can
 * still come.
 */
final class MultiSiteRule implements OrderedRule<Consultation> {
    private static final long serialVersionUID = 1L;
    private final long recordingLag;
    private final int maxEvidence;
    private final Pseudonymiser pseudonymiser;
    private transient Burst cluster;

    MultiSiteRule(JobConfig.BulkPrescribing config, Pseudonymiser pseudonymiser) {
        this.recordingLag = config.consultationRecordingLag.toMillis();
        this.maxEvidence = config.maxEvidence;
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void open(RuntimeContext runtime) {
        cluster = Burst.in(runtime, "overlapping-consultations", maxEvidence);
    }

    @Override
    public void onRecord(Consultation c, long time, SettingsInForce settings, TimerService timers, Collector<Alert> out) throws Exception {
        long start = c.getStartedAt().toEpochMilli();
        // a consultation without an end yet occupies no time it could be proven to overlap
        long end = c.getEndedAt() == null ? start : Math.max(start, c.getEndedAt().toEpochMilli());
        if (cluster.isOpen() && start >= cluster.reach()) {
            judge(c.getDoctorId(), time, out);
        }
        cluster.add(BulkEvidence.of(c, pseudonymiser), end);
        timers.registerEventTimeTimer(cluster.reach() + recordingLag);
    }

    @Override
    public void onTime(String doctorId, long time, TimerService timers, Collector<Alert> out) throws Exception {
        if (cluster.isOpen() && time >= cluster.reach() + recordingLag) {
            judge(doctorId, time, out);
        }
    }

    private void judge(String doctorId, long time, Collector<Alert> out) throws Exception {
        long hospitals = cluster.cited().stream().map(e -> e.getFields().get(BulkEvidence.INTERNET_HOSPITAL)).distinct().count();
        if (hospitals >= 2) {
            cluster.close(BulkPrescribingRules.MULTI_SITE, doctorId, time, out);
        } else {
            cluster.forget();
        }
    }
}
