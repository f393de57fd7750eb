package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.rules.RuleDefinition;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

/** RULES.md §1: the chain 诊疗→处方→交易→配送 must be complete and in order (000 art.12; 001 §4; 003 art.29; 002 §4(4)). */
public final class TraceabilityRules {
    private static final String CHAIN = "000 art.12; 001 §4; 003 art.29; 002 §4(4)";

    public static final RuleDefinition NO_CONSULTATION = rule("TRACE-NO-CONSULT", Severity.HIGH,
            "处方无对应问诊 Prescription without a consultation", CHAIN);
    public static final RuleDefinition NO_PRESCRIPTION = rule("TRACE-NO-RX", Severity.HIGH,
            "结算无对应处方 Settlement bills a prescription never seen", CHAIN);
    public static final RuleDefinition NO_SETTLEMENT = rule("TRACE-NO-PAY", Severity.MEDIUM,
            "配送无对应结算 Delivery of a prescription never settled", CHAIN);
    public static final RuleDefinition STALLED = rule("TRACE-STALLED", Severity.MEDIUM,
            "已结算未配送 Settled prescription never delivered or picked up", CHAIN);
    public static final RuleDefinition OUT_OF_ORDER = rule("TRACE-ORDER", Severity.HIGH,
            "链路时间倒序 Chain steps out of order", CHAIN);
    public static final RuleDefinition LATE_UPLOAD = rule("TRACE-LATE-UPLOAD", Severity.LOW,
            "处方未实时上传 Prescription not uploaded in real time", "000 art.7; 003 art.29");

    private TraceabilityRules() {
    }

    private static RuleDefinition rule(String id, Severity severity, String title, String citation) {
        return new RuleDefinition(id, "1", severity, RuleCategory.TRACEABILITY, title, citation);
    }
}
