package org.insurwatch.jobs.rules.price;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.HeldUntilEventTime;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.Settlement;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

import java.util.List;

/**
 * Holds each settlement with drug lines until the watermark has passed it, then judges it by the median versions
 * broadcast so far, with the ratio and samples of the rule settings in force at its time: by then every version valid
 * at its time has arrived (they are emitted before the watermark
 * passes their start), and later ones are told apart by their validity.
 */
final class PriceJudge extends KeyedBroadcastProcessFunction<String, Settlement, Either<ProvinceMedian, ReferenceVersions>, Alert> {
    private static final long serialVersionUID = 1L;
    private final PriceAboveMedianRule rule;
    private final SettingsSelection settings;
    private transient HeldUntilEventTime<Settlement> waiting;

    PriceJudge(PriceAboveMedianRule rule, SettingsSelection settings) {
        this.rule = rule;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = HeldUntilEventTime.open(getRuntimeContext(), "waiting-for-median", new AvroTypeInfo<>(Settlement.class),
                s -> s.getSettledAt().toEpochMilli());
    }

    @Override
    public void processElement(Settlement s, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (!PriceSample.of(s).isEmpty()) {
            waiting.hold(s, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        waiting.release(timestamp, s -> rule.judge(s, ctx.getBroadcastState(MedianVersions.DESCRIPTOR),
                settings.at(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), s.getSettledAt())).ifPresent(out::collect));
    }

    @Override
    public void processBroadcastElement(Either<ProvinceMedian, ReferenceVersions> update, Context ctx, Collector<Alert> out) throws Exception {
        if (update.isRight()) {
            ReferenceState.apply(ctx.getBroadcastState(ReferenceState.DESCRIPTOR), update.right(), ctx.currentWatermark());
            return;
        }
        ProvinceMedian median = update.left();
        BroadcastState<String, List<MedianVersion>> medians = ctx.getBroadcastState(MedianVersions.DESCRIPTOR);
        medians.put(median.provinceDrug, MedianVersions.with(medians.get(median.provinceDrug), median.version, ctx.currentWatermark()));
    }
}
