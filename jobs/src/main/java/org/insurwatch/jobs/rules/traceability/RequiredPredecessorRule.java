package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * For one chain key (a consultation or a prescription), checks that each step's predecessor exists and judges
 * the pair (in order, same doctor, same patient, ...). The predecessor may arrive before or after the step, from
 * another topic with its own lag, so a step without one waits, in state, until the window has passed in event
 * time; only then is the step reported missing its predecessor.
 * The key's state is dropped once its chain has been quiet for the retention period.
 */
public final class RequiredPredecessorRule extends KeyedProcessFunction<String, ChainEvent, Alert> {
    private static final long serialVersionUID = 1L;

    private final Map<ChainStage, RequiredStep> bySuccessor = new EnumMap<>(ChainStage.class);
    /** Only these are remembered: a step no rule asks for would hold a whole chain event per key for nothing. */
    private final Set<ChainStage> predecessors = EnumSet.noneOf(ChainStage.class);
    private final long retentionMillis;

    /**
     * The first step seen of each predecessor stage. A value each rather than one map: clearing a RocksDB map seeks
     * through the deletions before it, and the end of a replay clears millions of chains at once.
     */
    private transient Map<ChainStage, ValueState<ChainEvent>> firstSeen;
    private transient ListState<ChainEvent> waiting;
    private transient ValueState<Long> expiresAt;

    /**
     * @param retention how long a quiet chain is remembered; it must exceed every window, and cover the time a
     *                  late step of the chain may still come (a prescription is valid for at most 3 days)
     */
    public RequiredPredecessorRule(List<RequiredStep> requiredSteps, Duration retention) {
        for (RequiredStep r : requiredSteps) {
            if (bySuccessor.put(r.step(), r) != null) {
                throw new IllegalArgumentException("two requirements for step " + r.step());
            }
            predecessors.add(r.predecessor());
            if (retention.compareTo(r.window()) <= 0) {
                throw new IllegalArgumentException("retention " + retention + " must exceed the window of " + r.step() + " ← " + r.predecessor());
            }
        }
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<ChainEvent> eventType = TypeInformation.of(ChainEvent.class);
        firstSeen = new EnumMap<>(ChainStage.class);
        for (ChainStage stage : predecessors) {
            firstSeen.put(stage, getRuntimeContext().getState(new ValueStateDescriptor<>("first-" + stage.name().toLowerCase(Locale.ROOT), eventType)));
        }
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", eventType));
        expiresAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
    }

    @Override
    public void processElement(ChainEvent event, Context ctx, Collector<Alert> out) throws Exception {
        if (predecessors.contains(event.stage)) {
            ValueState<ChainEvent> first = firstSeen.get(event.stage);
            if (first.value() == null) {
                first.update(event);
            }
            resolveWaitingSteps(event, out);
        }
        RequiredStep required = bySuccessor.get(event.stage);
        if (required != null) {
            ChainEvent predecessor = firstSeen.get(required.predecessor()).value();
            if (predecessor != null) {
                check(required, predecessor, event, out);
            } else {
                waiting.add(event);
                ctx.timerService().registerEventTimeTimer(event.eventTime + required.window().toMillis());
            }
        }
        Long expiry = expiresAt.value();
        long candidate = event.eventTime + retentionMillis;
        if (expiry == null) {
            expiresAt.update(candidate);
            ctx.timerService().registerEventTimeTimer(candidate);
        } else if (candidate > expiry) {
            // not a timer per step: the one at the earlier expiry moves itself on when it fires
            expiresAt.update(candidate);
        }
    }

    private void resolveWaitingSteps(ChainEvent predecessor, Collector<Alert> out) throws Exception {
        List<ChainEvent> stillWaiting = new ArrayList<>();
        boolean resolved = false;
        for (ChainEvent step : waiting.get()) {
            RequiredStep required = bySuccessor.get(step.stage);
            if (required.predecessor() == predecessor.stage) {
                check(required, predecessor, step, out);
                resolved = true;
            } else {
                stillWaiting.add(step);
            }
        }
        if (resolved) {
            waiting.update(stillWaiting);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<ChainEvent> stillWaiting = new ArrayList<>();
        boolean reported = false;
        for (ChainEvent step : waiting.get()) {
            RequiredStep required = bySuccessor.get(step.stage);
            long deadline = step.eventTime + required.window().toMillis();
            if (deadline <= timestamp) {
                reported = true;
                if (required.missingRule() != null) {
                    out.collect(ChainAlerts.alert(required.missingRule(), deadline, step));
                }
            } else {
                stillWaiting.add(step);
            }
        }
        if (reported) {
            waiting.update(stillWaiting);
        }
        Long expiry = expiresAt.value();
        if (expiry == null) {
            return;
        }
        if (timestamp < expiry) {
            // a step's deadline, or the retention timer of an expiry a later step has since pushed on
            ctx.timerService().registerEventTimeTimer(expiry);
        } else if (stillWaiting.isEmpty()) {
            for (ValueState<ChainEvent> first : firstSeen.values()) {
                first.clear();
            }
            waiting.clear();
            expiresAt.clear();
        }
    }

    private static void check(RequiredStep required, ChainEvent predecessor, ChainEvent step, Collector<Alert> out) {
        for (StepPairCheck check : required.checks()) {
            check.check(predecessor, step, out);
        }
    }
}
