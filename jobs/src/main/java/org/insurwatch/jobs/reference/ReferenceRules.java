package org.insurwatch.jobs.reference;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.rules.HeldUntilEventTime;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.util.List;

/**
 * Runs the reference rules of one stream against the broadcast reference data and rule settings. An event is judged only once
 * the watermark has passed it: the reference sources hold the watermark back until they have been read up
 * (they go idle), so no event is judged against reference data not yet loaded, and a change that arrives
 * within the out-of-orderness bound still counts for the events it covers.
 */
public final class ReferenceRules<T extends SpecificRecordBase> extends KeyedBroadcastProcessFunction<String, T, ReferenceVersions, Alert> {
    private static final long serialVersionUID = 1L;
    private final LiveStream<T> stream;
    private final List<ReferenceRule<T>> rules;
    private final SettingsSelection settings;
    private transient HeldUntilEventTime<T> waiting;

    public ReferenceRules(LiveStream<T> stream, List<ReferenceRule<T>> rules, SettingsSelection settings) {
        this.stream = stream;
        this.rules = rules;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = HeldUntilEventTime.open(getRuntimeContext(), "waiting-for-reference", new AvroTypeInfo<>(stream.recordClass()),
                stream::eventTimeMillis);
    }

    @Override
    public void processElement(T event, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        waiting.hold(event, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ReferenceLookup reference = new ReferenceLookup(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), settings);
        waiting.release(timestamp, event -> {
            for (ReferenceRule<T> rule : rules) {
                rule.judge(event, reference, out);
            }
        });
    }

    @Override
    public void processBroadcastElement(ReferenceVersions update, Context ctx, Collector<Alert> out) throws Exception {
        ReferenceState.apply(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), update, ctx.currentWatermark());
    }
}
