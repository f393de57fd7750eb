package org.insurwatch.jobs.rules;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.ingest.LiveStream;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Hands one key's records to its rules in event-time order, each once the watermark has passed it, and records
 * of the same instant in event-id order. Rules about a run of records (a doctor's bursts) then see the same
 * sequence whatever order partitions, restarts or replays deliver it in, and raise the same alerts. Each record comes
 * with the rule settings in force at its time.
 */
public final class InEventTimeOrder<T extends SpecificRecordBase> extends KeyedBroadcastProcessFunction<String, T, ReferenceVersions, Alert> {
    private static final long serialVersionUID = 1L;

    /** The event id of a record. */
    public interface EventId<T> extends Function<T, String>, Serializable {
    }

    private final LiveStream<T> stream;
    private final EventId<T> eventId;
    private final List<OrderedRule<T>> rules;
    private final SettingsSelection settings;
    private transient MapState<Long, List<T>> pending;

    public InEventTimeOrder(LiveStream<T> stream, EventId<T> eventId, List<OrderedRule<T>> rules, SettingsSelection settings) {
        this.stream = stream;
        this.eventId = eventId;
        this.rules = rules;
        this.settings = settings;
    }

    /** {@code rules} over each key's records of {@code keyed}, judged by the rule settings of {@code reference}. */
    public static <T extends SpecificRecordBase> DataStream<Alert> apply(KeyedStream<T, String> keyed, BroadcastStream<ReferenceVersions> reference,
                                                                        InEventTimeOrder<T> order, String name) {
        return keyed.connect(reference).process(order, new AvroTypeInfo<>(Alert.class)).name(name).uid(name);
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-in-event-time-order", Types.LONG,
                new ListTypeInfo<>(new AvroTypeInfo<>(stream.recordClass()))));
        rules.forEach(rule -> rule.open(getRuntimeContext()));
    }

    @Override
    public void processElement(T record, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long time = stream.eventTimeMillis(record);
        List<T> same = pending.get(time);
        List<T> records = same == null ? new ArrayList<>() : new ArrayList<>(same);
        records.add(record);
        pending.put(time, records);
        ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<T> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            List<T> ordered = new ArrayList<>(due);
            ordered.sort(Comparator.comparing(eventId));
            SettingsInForce inForce = settings.at(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), Instant.ofEpochMilli(time));
            for (T record : ordered) {
                for (OrderedRule<T> rule : rules) {
                    rule.onRecord(record, time, inForce, ctx.timerService(), out);
                }
            }
        }
        for (OrderedRule<T> rule : rules) {
            rule.onTime(ctx.getCurrentKey(), time, ctx.timerService(), out);
        }
    }

    @Override
    public void processBroadcastElement(ReferenceVersions update, Context ctx, Collector<Alert> out) throws Exception {
        SettingsSelection.keepSettings(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), update, ctx.currentWatermark());
    }
}
