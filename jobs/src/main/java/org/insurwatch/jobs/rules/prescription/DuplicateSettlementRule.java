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

import java.time.Duration;
import java.util.Objects;

/**
 * RX-DUPLICATE-DISPENSE, the settlement half: one prescription is paid for once (000 art.7; 003 art.23). Keyed
 * by prescription, the first settlement is remembered for as long as the prescription's chain is; another
 * settlement of it is reported with both, in event-time order, so the alert reads the same whichever arrived first.
 */
public final class DuplicateSettlementRule extends KeyedProcessFunction<String, ChainEvent, Alert> {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("RX-DUPLICATE-DISPENSE", "1", Severity.HIGH, RuleCategory.PRESCRIPTION,
            "同一处方重复结算 Prescription settled more than once", "000 art.7; 003 art.23; 002 §4(6)");

    private final Duration retention;
    private transient ValueState<ChainEvent> firstSettlement;

    public DuplicateSettlementRule(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<ChainEvent> first = new ValueStateDescriptor<>("first-settlement", TypeInformation.of(ChainEvent.class));
        first.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        firstSettlement = getRuntimeContext().getState(first);
    }

    @Override
    public void processElement(ChainEvent settlement, Context ctx, Collector<Alert> out) throws Exception {
        if (settlement.stage != ChainStage.SETTLED) {
            return;
        }
        ChainEvent first = firstSettlement.value();
        if (first == null) {
            firstSettlement.update(settlement);
            return;
        }
        if (Objects.equals(first.settlementId, settlement.settlementId)) {
            return;
        }
        boolean inOrder = EvidenceOrder.precedes(first.eventTime, first.eventId, settlement.eventTime, settlement.eventId);
        ChainEvent earlier = inOrder ? first : settlement;
        ChainEvent again = inOrder ? settlement : first;
        out.collect(ChainAlerts.alert(RULE, again.eventTime, earlier, again));
    }
}
