package org.insurwatch.jobs.rules.bulk;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One doctor's open burst, in keyed state: the events it cites (the first {@code maxEvidence}; a machine can
 * issue thousands), how many it holds in all, and until when it reaches. Closing it raises one alert for the
 * whole burst, however long it ran, instead of one per window or per combination of events.
 */
final class Burst {
    /** Each cited event says how many the burst held in all, since a long one cites only its first events. */
    static final String SIZE_FIELD = "eventsInBurst";

    private final ListState<Evidence> cited;
    private final ValueState<Integer> size;
    private final ValueState<Long> reach;
    private final int maxEvidence;

    private Burst(ListState<Evidence> cited, ValueState<Integer> size, ValueState<Long> reach, int maxEvidence) {
        this.cited = cited;
        this.size = size;
        this.reach = reach;
        this.maxEvidence = maxEvidence;
    }

    static Burst in(RuntimeContext runtime, String name, int maxEvidence) {
        return new Burst(runtime.getListState(new ListStateDescriptor<>(name + "-cited", new AvroTypeInfo<>(Evidence.class))),
                runtime.getState(new ValueStateDescriptor<>(name + "-size", Types.INT)),
                runtime.getState(new ValueStateDescriptor<>(name + "-reach", Types.LONG)),
                maxEvidence);
    }

    boolean isOpen() throws Exception {
        return size.value() != null;
    }

    /** Adds an event reaching until {@code reachesTo} (its own time, or the end of what it stands for). */
    void add(Evidence event, long reachesTo) throws Exception {
        int count = size.value() == null ? 0 : size.value();
        if (count < maxEvidence) {
            cited.add(event);
        }
        size.update(count + 1);
        reach.update(reach.value() == null ? reachesTo : Math.max(reach.value(), reachesTo));
    }

    /** The latest instant an event of the burst reaches to; only while open. */
    long reach() throws Exception {
        return reach.value();
    }

    List<Evidence> cited() throws Exception {
        List<Evidence> events = new ArrayList<>();
        cited.get().forEach(events::add);
        return events;
    }

    /**
     * Raises the burst's alert, detected at {@code closedAt}, located where its first event happened, and
     * forgets the burst.
     */
    void close(RuleDefinition rule, String doctorId, long closedAt, Collector<Alert> out) throws Exception {
        List<Evidence> events = cited();
        String total = Integer.toString(size());
        for (Evidence e : events) {
            Map<String, String> fields = new LinkedHashMap<>(e.getFields());
            fields.put(SIZE_FIELD, total);
            e.setFields(fields);
        }
        Evidence first = events.get(0);
        AlertBuilder alert = AlertBuilder.of(rule, closedAt)
                .doctor(doctorId)
                .institution(first.getFields().get("institutionId"), first.getFields().get("internetHospitalId"), null)
                .poolingRegion(first.getFields().get("poolingRegion"));
        events.forEach(alert::evidence);
        out.collect(alert.build());
        forget();
    }

    void forget() {
        cited.clear();
        size.clear();
        reach.clear();
    }

    int size() throws Exception {
        return size.value() == null ? 0 : size.value();
    }
}
