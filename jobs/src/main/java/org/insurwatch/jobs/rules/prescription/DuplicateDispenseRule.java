package org.insurwatch.jobs.rules.prescription;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.insurwatch.jobs.alerts.EvidenceOrder;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.traceability.ChainAlerts;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.ChainStage;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * RX-DUPLICATE-DISPENSE: one prescription is paid for once, and its drugs leave a pharmacy once (000 art.7,
 * art.8; 003 art.23). Keyed by prescription, the earliest settlement and the earliest dispensing (a dispatch, or
 * a pick-up) are remembered for as long as the prescription's chain is. A settlement under another settlement id,
 * or a dispensing under another shipment id, is reported with the remembered one, in event-time order, so the
 * alert reads the same whichever arrived first. The later scans of a shipment (in transit, a delivery attempted
 * again) dispense nothing more; and a settlement is never judged against a shipment: paid once and shipped once
 * is the clean chain.
 */
public final class DuplicateDispenseRule extends KeyedProcessFunction<String, ChainEvent, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-DUPLICATE-DISPENSE", "2", Severity.HIGH, RuleCategory.PRESCRIPTION,
            "同一处方重复结算或重复发药 Prescription settled or dispensed more than once", "000 art.7, art.8; 003 art.23; 002 §4(6)");

    private final Duration retention;
    private transient ValueState<ChainEvent> earliestSettlement;
    private transient ValueState<ChainEvent> earliestDispensing;

    public DuplicateDispenseRule(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        // "first-settlement" is the name the settlement half has always kept its state under: savepoints restore it
        earliestSettlement = remembered("first-settlement");
        earliestDispensing = remembered("first-dispensing");
    }

    private ValueState<ChainEvent> remembered(String name) {
        ValueStateDescriptor<ChainEvent> descriptor = new ValueStateDescriptor<>(name, TypeInformation.of(ChainEvent.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        return getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(ChainEvent step, Context ctx, Collector<Alert> out) throws Exception {
        if (step.stage == ChainStage.SETTLED) {
            judge(earliestSettlement, step, e -> e.settlementId, out);
        } else if (step.stage.dispensesDrugs()) {
            judge(earliestDispensing, step, e -> e.shipmentId, out);
        }
    }

    /**
     * Each further settlement or shipment is reported with the earliest one seen, not with every other: a third
     * shipment adds one alert, not a pair with each before it. Keeping the earliest (rather than the first to
     * arrive) gives the same alert ids in any arrival order unless two extras overtake the earliest.
     */
    private static void judge(ValueState<ChainEvent> earliest, ChainEvent use, Function<ChainEvent, String> id,
                              Collector<Alert> out) throws IOException {
        ChainEvent first = earliest.value();
        if (first == null) {
            earliest.update(use);
            return;
        }
        if (Objects.equals(id.apply(first), id.apply(use))) {
            return;
        }
        boolean inOrder = EvidenceOrder.precedes(first.eventTime, first.eventId, use.eventTime, use.eventId);
        if (!inOrder) {
            earliest.update(use);
        }
        ChainEvent earlier = inOrder ? first : use;
        ChainEvent again = inOrder ? use : first;
        out.collect(ChainAlerts.alert(RULE, again.eventTime, earlier, again));
    }
}
