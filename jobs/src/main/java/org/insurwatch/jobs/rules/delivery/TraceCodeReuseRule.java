package org.insurwatch.jobs.rules.delivery;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.AlertBuilder;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.Logistics;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * DLV-TRACE-CODE-REUSED (回流药): one traceability code identifies one pack, which can be sold once. Keyed by
 * code, the first dispensing event that carried it is remembered for as long as a pack can be on the market
 * (its shelf life; a state TTL, since a code never becomes valid again), and any other shipment carrying it
 * is reported with both dispensing events as evidence.
 */
public final class TraceCodeReuseRule extends KeyedProcessFunction<String, Tuple2<String, Logistics>, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("DLV-TRACE-CODE-REUSED", "1", Severity.CRITICAL, RuleCategory.DELIVERY,
            "追溯码重复销售（疑似回流药） Traceability code sold twice", "003 art.29; 000 art.8; 002 §4(4)");

    private final Duration shelfLife;
    private final Pseudonymiser pseudonymiser;
    /** shipment id, event id and event time of the first dispensing, '|'-separated: one small string per code. */
    private transient ValueState<String> firstDispensing;

    public TraceCodeReuseRule(Duration shelfLife, Pseudonymiser pseudonymiser) {
        this.shelfLife = shelfLife;
        this.pseudonymiser = pseudonymiser;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> first = new ValueStateDescriptor<>("first-dispensing", Types.STRING);
        first.enableTimeToLive(StateTtlConfig.newBuilder(shelfLife).build());
        firstDispensing = getRuntimeContext().getState(first);
    }

    /** @param codeAndDispensing a traceability code and the dispensing event that carried it */
    @Override
    public void processElement(Tuple2<String, Logistics> codeAndDispensing, Context ctx, Collector<Alert> out) throws Exception {
        Logistics l = codeAndDispensing.f1;
        String seen = firstDispensing.value();
        if (seen == null) {
            firstDispensing.update(l.getShipmentId() + "|" + l.getEventId() + "|" + l.getEventTime().toEpochMilli());
            return;
        }
        String[] first = seen.split("\\|", 3);
        if (first[0].equals(l.getShipmentId())) {
            return;
        }
        Evidence earlier = evidence(first[1], Instant.ofEpochMilli(Long.parseLong(first[2])), first[0], codeAndDispensing.f0);
        Evidence again = evidence(l.getEventId(), l.getEventTime(), l.getShipmentId(), codeAndDispensing.f0);
        // in event-time order, so the alert reads the same whichever partition delivered its events first
        boolean inOrder = earlier.getEventTime().isBefore(again.getEventTime())
                || (earlier.getEventTime().equals(again.getEventTime()) && earlier.getEventId().compareTo(again.getEventId()) <= 0);
        out.collect(AlertBuilder.of(RULE, Math.max(earlier.getEventTime().toEpochMilli(), again.getEventTime().toEpochMilli()))
                .evidence(inOrder ? earlier : again)
                .evidence(inOrder ? again : earlier)
                .institution(null, null, l.getPharmacyId())
                .poolingRegion(l.getDestinationRegion())
                .patientPseudonym(pseudonymiser.pseudonym(l.getRecipientInsuredPersonId()))
                .chain(null, l.getPrescriptionId())
                .build());
    }

    private static Evidence evidence(String eventId, Instant eventTime, String shipmentId, String code) {
        return new Evidence("logistics", eventId, eventTime, Map.of("shipmentId", shipmentId, "traceabilityCode", code));
    }
}
