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
import org.insurwatch.jobs.alerts.EvidenceOrder;
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
    /** The first dispensing of the code ({@link Dispensing#encode()}): one small string per code. */
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
        Dispensing here = Dispensing.of(codeAndDispensing.f1, pseudonymiser);
        String seen = firstDispensing.value();
        if (seen == null) {
            firstDispensing.update(here.encode());
            return;
        }
        Dispensing first = Dispensing.decode(seen);
        if (first.shipmentId().equals(here.shipmentId())) {
            return;
        }
        // in event-time order, and attributed to the later sale, so the alert reads the same whichever partition
        // delivered its events first (a restart or a replay may see them in the other order)
        boolean inOrder = EvidenceOrder.precedes(first.eventTime(), first.eventId(), here.eventTime(), here.eventId());
        Dispensing earlier = inOrder ? first : here;
        Dispensing again = inOrder ? here : first;
        out.collect(AlertBuilder.of(RULE, again.eventTime())
                .evidence(earlier.evidence(codeAndDispensing.f0))
                .evidence(again.evidence(codeAndDispensing.f0))
                .institution(null, null, again.pharmacyId())
                .poolingRegion(again.region())
                .patientPseudonym(again.recipientPseudonym())
                .chain(null, again.prescriptionId())
                .build());
    }

    /** What the alert needs of one dispensing, small enough to keep per code for years. */
    private record Dispensing(String shipmentId, String eventId, long eventTime, String pharmacyId, String region,
                              String prescriptionId, String recipientPseudonym) {
        private static final String SEPARATOR = "\u001f";

        static Dispensing of(Logistics l, Pseudonymiser pseudonymiser) {
            return new Dispensing(l.getShipmentId(), l.getEventId(), l.getEventTime().toEpochMilli(), l.getPharmacyId(),
                    l.getDestinationRegion(), l.getPrescriptionId(), pseudonymiser.pseudonym(l.getRecipientInsuredPersonId()));
        }

        String encode() {
            return String.join(SEPARATOR, shipmentId, eventId, Long.toString(eventTime), nullable(pharmacyId), nullable(region),
                    nullable(prescriptionId), nullable(recipientPseudonym));
        }

        static Dispensing decode(String encoded) {
            String[] f = encoded.split(SEPARATOR, -1);
            return new Dispensing(f[0], f[1], Long.parseLong(f[2]), orNull(f[3]), orNull(f[4]), orNull(f[5]), orNull(f[6]));
        }

        Evidence evidence(String code) {
            return new Evidence("logistics", eventId, Instant.ofEpochMilli(eventTime), Map.of("shipmentId", shipmentId, "traceabilityCode", code));
        }

        private static String nullable(String s) {
            return s == null ? "" : s;
        }

        private static String orNull(String s) {
            return s.isEmpty() ? null : s;
        }
    }
}
