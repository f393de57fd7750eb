package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * TRACE-STALLED, keyed by prescription: a settlement that chose delivery or pick-up must be followed by the
 * hand-over of the drugs (a delivery or a pick-up at or after the settlement, in event time) within the window. A
 * settlement still waiting when the watermark reaches its deadline is the alert.
 * <p>
 * One event-time timer per waiting settlement, not a CEP pattern: Flink CEP fires a timer for every key with an open
 * partial match at every watermark, and a day's replay holds millions of settlements waiting for their drugs, so
 * it spent its time re-reading them rather than judging events.
 * <p>
 * A hand-over may arrive before its settlement (the logistics topic ahead of the settlement topic), so hand-over
 * times are remembered for one window: no settlement they could close is still to be judged after that.
 */
public final class StalledDeliveryRule extends KeyedProcessFunction<String, ChainEvent, Alert> {
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private transient ListState<ChainEvent> waiting;
    private transient ListState<Long> handOvers;

    public StalledDeliveryRule(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-settlements", TypeInformation.of(ChainEvent.class)));
        handOvers = getRuntimeContext().getListState(new ListStateDescriptor<>("hand-over-times", Types.LONG));
    }

    @Override
    public void processElement(ChainEvent step, Context ctx, Collector<Alert> out) throws Exception {
        if (step.stage == ChainStage.SETTLED && step.handOverExpected) {
            for (Long handedOver : handOvers.get()) {
                if (closes(handedOver, step)) {
                    return;
                }
            }
            waiting.add(step);
            ctx.timerService().registerEventTimeTimer(deadline(step));
        } else if (step.stage.handsOverDrugs()) {
            List<ChainEvent> stillWaiting = new ArrayList<>();
            List<Long> closedDeadlines = new ArrayList<>();
            for (ChainEvent settled : waiting.get()) {
                if (closes(step.eventTime, settled)) {
                    closedDeadlines.add(deadline(settled));
                } else {
                    stillWaiting.add(settled);
                }
            }
            if (!closedDeadlines.isEmpty()) {
                waiting.update(stillWaiting);
                for (long closed : closedDeadlines) {
                    // two settlements of one prescription may share a deadline, and so its timer
                    if (stillWaiting.stream().noneMatch(s -> deadline(s) == closed)) {
                        ctx.timerService().deleteEventTimeTimer(closed);
                    }
                }
            }
            handOvers.add(step.eventTime);
            ctx.timerService().registerEventTimeTimer(step.eventTime + windowMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<ChainEvent> stillWaiting = new ArrayList<>();
        for (ChainEvent settled : waiting.get()) {
            if (deadline(settled) <= timestamp) {
                out.collect(ChainAlerts.alert(TraceabilityRules.STALLED, deadline(settled), settled));
            } else {
                stillWaiting.add(settled);
            }
        }
        waiting.update(stillWaiting);
        List<Long> remembered = new ArrayList<>();
        for (Long handedOver : handOvers.get()) {
            if (handedOver + windowMillis > timestamp) {
                remembered.add(handedOver);
            }
        }
        handOvers.update(remembered);
    }

    private boolean closes(long handedOverAt, ChainEvent settled) {
        return handedOverAt >= settled.eventTime && handedOverAt < deadline(settled);
    }

    private long deadline(ChainEvent settled) {
        return settled.eventTime + windowMillis;
    }
}
