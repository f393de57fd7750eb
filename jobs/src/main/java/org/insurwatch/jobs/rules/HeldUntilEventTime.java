package org.insurwatch.jobs.rules;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A key's records held in keyed state until event time has passed them, for a rule that must judge each with all
 * that may arrive up to its time: the reference data valid then, a median, the rule settings in force, an offline
 * visit recorded late.
 */
public final class HeldUntilEventTime<T> {
    /** What is done with a record once event time has passed it. */
    @FunctionalInterface
    public interface Release<T> {
        void accept(T record) throws Exception;
    }

    private final ListState<T> held;
    private final ToLongFunction<T> eventTime;

    private HeldUntilEventTime(ListState<T> held, ToLongFunction<T> eventTime) {
        this.held = held;
        this.eventTime = eventTime;
    }

    /** Opens the keyed state named {@code name}; call from the operator's {@code open}. */
    public static <T> HeldUntilEventTime<T> open(RuntimeContext runtime, String name, TypeInformation<T> type, ToLongFunction<T> eventTime) {
        return new HeldUntilEventTime<>(runtime.getListState(new ListStateDescriptor<>(name, type)), eventTime);
    }

    public void hold(T record, TimerService timers) throws Exception {
        held.add(record);
        timers.registerEventTimeTimer(eventTime.applyAsLong(record));
    }

    /** Releases, in the order held, every record event time {@code time} has passed; keeps the others. */
    public void release(long time, Release<T> release) throws Exception {
        List<T> later = new ArrayList<>();
        for (T record : held.get()) {
            if (eventTime.applyAsLong(record) <= time) {
                release.accept(record);
            } else {
                later.add(record);
            }
        }
        held.update(later);
    }
}
