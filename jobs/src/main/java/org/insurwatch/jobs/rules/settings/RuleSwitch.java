package org.insurwatch.jobs.rules.settings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.HeldUntilEventTime;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.control.RuleSettings;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every alert: the rule settings in force at the alert's event time switch it off, for good or in
 * its pooling region, or let it through carrying their version. An alert waits until the watermark has passed its
 * event time, so a version published ahead of its start judges exactly the alerts from then on, live as in replay.
 * Rules keep running while switched off, so switching one back on finds its state current.
 */
public final class RuleSwitch extends KeyedBroadcastProcessFunction<String, Alert, ReferenceVersions, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleSwitch.class);

    private final SettingsSelection selection;
    private transient HeldUntilEventTime<Alert> waiting;
    private transient Counter switchedOff;
    private transient Counter lateVersions;

    public RuleSwitch(SettingsSelection selection) {
        this.selection = selection;
    }

    public static DataStream<Alert> apply(DataStream<Alert> alerts, BroadcastStream<ReferenceVersions> reference, SettingsSelection selection) {
        return alerts.keyBy(Alert::getAlertId, Types.STRING).connect(reference)
                .process(new RuleSwitch(selection), new AvroTypeInfo<>(Alert.class))
                .name("rule-switch").uid("rule-switch");
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = HeldUntilEventTime.open(getRuntimeContext(), "alerts-waiting-for-settings", new AvroTypeInfo<>(Alert.class),
                alert -> alert.getEventTime().toEpochMilli());
        switchedOff = getRuntimeContext().getMetricGroup().counter("alertsSwitchedOff");
        lateVersions = getRuntimeContext().getMetricGroup().counter("ruleSettingsLate");
    }

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (alert.getEventTime().toEpochMilli() <= ctx.currentWatermark()) {
            release(alert, ctx, out);
        } else {
            waiting.hold(alert, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        waiting.release(timestamp, alert -> release(alert, ctx, out));
    }

    private void release(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        SettingsInForce settings = selection.at(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), alert.getEventTime());
        if (settings.enabled(alert.getRuleId(), alert.getPoolingRegion())) {
            alert.setSettingsVersion(settings.version());
            out.collect(alert);
        } else {
            switchedOff.inc();
        }
    }

    /** Keeps only the rule settings of the reference data; the rest is the rules' business. */
    @Override
    public void processBroadcastElement(ReferenceVersions update, Context ctx, Collector<Alert> out) throws Exception {
        if (!SettingsSelection.isSettings(update)) {
            return;
        }
        for (Object version : update.getVersions()) {
            RuleSettings settings = (RuleSettings) version;
            if (settings.getValidFrom().toEpochMilli() <= ctx.currentWatermark()) {
                lateVersions.inc();
                LOG.warn("rule settings version {} arrived after its start {}; alerts released before keep the version they had",
                        settings.getVersion(), settings.getValidFrom());
            }
        }
        ReferenceState.apply(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), update, ctx.currentWatermark());
    }
}
