package org.insurwatch.jobs.rules.followup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.ExpiringEntries;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.reference.OfflineVisit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each insured person's offline visits, as the insurer learns of them, and judges the person's online
 * consultations against them once the watermark has passed each consultation: the offline-visit source holds
 * event time back until it has been read up, so a consultation is never judged against a history not loaded
 * yet. A visit is forgotten once older than the configured history, by an event-time timer, so the state is
 * the persons' last year of visits, not all of them.
 */
public final class FollowUpEligibility extends KeyedCoProcessFunction<String, Consultation, OfflineVisit, Alert> {
    private static final long serialVersionUID = 1L;
    private final JobConfig.FollowUp config;
    private final List<FollowUpRule> rules;
    private transient MapState<String, OfflineVisit> visits;
    private transient ListState<Consultation> waiting;
    private transient ZoneId zone;

    public FollowUpEligibility(JobConfig.FollowUp config, List<FollowUpRule> rules) {
        this.config = config;
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        visits = getRuntimeContext().getMapState(new MapStateDescriptor<>("offline-visits", Types.STRING,
                new AvroTypeInfo<>(OfflineVisit.class)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("consultations-to-judge",
                new AvroTypeInfo<>(Consultation.class)));
        zone = ZoneId.of(config.timeZone);
    }

    @Override
    public void processElement1(Consultation consultation, Context ctx, Collector<Alert> out) throws Exception {
        waiting.add(consultation);
        ctx.timerService().registerEventTimeTimer(consultation.getEventTime().toEpochMilli());
    }

    /**
     * A visit published again (a corrected record) replaces the one with its id. The diagnoses' names are not
     * kept: the codes are what is judged and cited, and a year of every person's visits is the bulk of the state.
     */
    @Override
    public void processElement2(OfflineVisit visit, Context ctx, Collector<Alert> out) throws Exception {
        visits.put(visit.getOfflineVisitId(), OfflineVisit.newBuilder(visit)
                .setDiagnoses(visit.getDiagnoses().stream().map(d -> new Diagnosis(d.getIcd10Code(), "")).toList()).build());
        ctx.timerService().registerEventTimeTimer(forgottenAt(visit).toEpochMilli());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Consultation> later = new ArrayList<>();
        for (Consultation c : waiting.get()) {
            if (c.getEventTime().toEpochMilli() <= time) {
                OfflineHistory history = historyAt(c.getStartedAt());
                for (FollowUpRule rule : rules) {
                    rule.judge(c, history, out);
                }
            } else {
                later.add(c);
            }
        }
        waiting.update(later);
        ExpiringEntries.remove(visits, visit -> forgottenAt(visit).toEpochMilli() <= time);
    }

    /** The visits made up to {@code at} and not yet too old to count. */
    private OfflineHistory historyAt(Instant at) throws Exception {
        List<OfflineVisit> known = new ArrayList<>();
        for (OfflineVisit visit : visits.values()) {
            if (!visit.getVisitedAt().isAfter(at) && forgottenAt(visit).isAfter(at)) {
                known.add(visit);
            }
        }
        return new OfflineHistory(known);
    }

    private Instant forgottenAt(OfflineVisit visit) {
        return visit.getVisitedAt().atZone(zone).plus(config.history).toInstant();
    }
}
