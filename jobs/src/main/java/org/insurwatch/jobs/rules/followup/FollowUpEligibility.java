package org.insurwatch.jobs.rules.followup;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.ExpiringEntries;
import org.insurwatch.jobs.rules.HeldUntilEventTime;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Consultation;
import org.insurwatch.schema.Diagnosis;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;
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
 * the persons' last year of visits, not all of them. A consultation is judged by the rule settings in force at its time.
 */
public final class FollowUpEligibility
        extends KeyedBroadcastProcessFunction<String, Either<Consultation, OfflineVisit>, ReferenceVersions, Alert> {
    private static final long serialVersionUID = 1L;
    private final JobConfig.FollowUp config;
    private final List<FollowUpRule> rules;
    private final SettingsSelection settings;
    private transient MapState<String, OfflineVisit> visits;
    private transient HeldUntilEventTime<Consultation> waiting;
    private transient ZoneId zone;

    public FollowUpEligibility(JobConfig.FollowUp config, List<FollowUpRule> rules, SettingsSelection settings) {
        this.config = config;
        this.rules = rules;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        visits = getRuntimeContext().getMapState(new MapStateDescriptor<>("offline-visits", Types.STRING,
                new AvroTypeInfo<>(OfflineVisit.class)));
        waiting = HeldUntilEventTime.open(getRuntimeContext(), "consultations-to-judge", new AvroTypeInfo<>(Consultation.class),
                c -> c.getEventTime().toEpochMilli());
        zone = ZoneId.of(config.timeZone);
    }

    @Override
    public void processElement(Either<Consultation, OfflineVisit> record, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (record.isLeft()) {
            waiting.hold(record.left(), ctx.timerService());
        } else {
            remember(record.right(), ctx);
        }
    }

    /**
     * A visit published again (a corrected record) replaces the one with its id. The diagnoses' names are not
     * kept: the codes are what is judged and cited, and a year of every person's visits is the bulk of the state.
     */
    private void remember(OfflineVisit visit, ReadOnlyContext ctx) throws Exception {
        visits.put(visit.getOfflineVisitId(), OfflineVisit.newBuilder(visit)
                .setDiagnoses(visit.getDiagnoses().stream().map(d -> new Diagnosis(d.getIcd10Code(), "")).toList()).build());
        ctx.timerService().registerEventTimeTimer(forgottenAt(visit).toEpochMilli());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        waiting.release(time, c -> {
            OfflineHistory history = historyAt(c.getStartedAt());
            SettingsInForce inForce = settings.at(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), c.getEventTime());
            for (FollowUpRule rule : rules) {
                rule.judge(c, history, inForce, out);
            }
        });
        ExpiringEntries.remove(visits, visit -> forgottenAt(visit).toEpochMilli() <= time);
    }

    @Override
    public void processBroadcastElement(ReferenceVersions update, Context ctx, Collector<Alert> out) throws Exception {
        SettingsSelection.keepSettings(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), update, ctx.currentWatermark());
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
