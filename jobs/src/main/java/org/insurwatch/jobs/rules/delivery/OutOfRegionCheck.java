package org.insurwatch.jobs.rules.delivery;

import org.apache.flink.util.Collector;
import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.jobs.rules.traceability.ChainAlerts;
import org.insurwatch.jobs.rules.traceability.ChainEvent;
import org.insurwatch.jobs.rules.traceability.StepPairCheck;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/**
 * DLV-OUT-OF-REGION: drugs paid by a pooling region's fund are delivered within that region (002 §2; 000 art.8).
 * Judged where the dispatch meets its settlement; a dispatch without a destination is not judged.
 */
public final class OutOfRegionCheck implements StepPairCheck {
    private static final long serialVersionUID = 1L;
    public static final RuleDefinition RULE = new RuleDefinition("DLV-OUT-OF-REGION", "1", Severity.MEDIUM, RuleCategory.DELIVERY,
            "配送地址超出统筹区 Delivery outside the pooling region", "002 §2; 000 art.8; 003 art.29");

    @Override
    public void check(ChainEvent settlement, ChainEvent dispatch, Collector<Alert> out) {
        if (dispatch.poolingRegion != null && settlement.poolingRegion != null && !dispatch.poolingRegion.equals(settlement.poolingRegion)) {
            out.collect(ChainAlerts.alert(RULE, Math.max(settlement.eventTime, dispatch.eventTime), settlement, dispatch));
        }
    }
}
