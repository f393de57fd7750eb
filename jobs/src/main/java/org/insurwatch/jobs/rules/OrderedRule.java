package org.insurwatch.jobs.rules;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.settings.SettingsInForce;
import org.insurwatch.schema.alert.Alert;

import java.io.Serializable;

/** A rule about a run of one key's records, which it is handed in event-time order by {@link InEventTimeOrder}. */
public interface OrderedRule<T> extends Serializable {

    /** Opens the rule's keyed state. */
    void open(RuntimeContext runtime);

    /** The key's next record; {@code time} is its event time, {@code settings} the rule settings in force then. */
    void onRecord(T record, long time, SettingsInForce settings, TimerService timers, Collector<Alert> out) throws Exception;

    /**
     * Event time has reached {@code time}: a timer some rule registered, or a record's time after the records of
     * that instant. The moment to close what has gone quiet.
     */
    void onTime(String key, long time, TimerService timers, Collector<Alert> out) throws Exception;
}
