package org.insurwatch.traffic;

import static org.insurwatch.traffic.ChainStep.CONSULTATION;
import static org.insurwatch.traffic.ChainStep.DELIVERY;
import static org.insurwatch.traffic.ChainStep.DISPATCH;
import static org.insurwatch.traffic.ChainStep.PRESCRIPTION;
import static org.insurwatch.traffic.ChainStep.SETTLEMENT;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a visit chain is made to look like, and the rule (RULES.md) it must trigger. A scenario starts from a
 * clean chain and reshapes it, citing the events an alert must give as evidence. A hard negative is a
 * scenario without a rule: tricky, yet clean.
 */
public enum Scenario {
    CLEAN(null, (chain, context) -> { }),
    TRACE_NO_CONSULT("TRACE-NO-CONSULT", (chain, context) -> {
        chain.withhold(CONSULTATION);
        chain.cite(PRESCRIPTION);
    }),
    TRACE_NO_RX("TRACE-NO-RX", (chain, context) -> {
        chain.withhold(PRESCRIPTION);
        chain.cite(SETTLEMENT);
    }),
    TRACE_NO_PAY("TRACE-NO-PAY", (chain, context) -> {
        chain.deliverHome();
        chain.withhold(SETTLEMENT);
        chain.cite(DISPATCH);
    }),
    TRACE_STALLED("TRACE-STALLED", (chain, context) -> {
        chain.deliverHome();
        chain.withhold(DISPATCH, DELIVERY);
        chain.cite(SETTLEMENT);
    }),
    TRACE_ORDER("TRACE-ORDER", (chain, context) -> {
        chain.timeline().payBeforePrescribing(context.random());
        chain.cite(PRESCRIPTION, SETTLEMENT);
    }),
    TRACE_LATE_UPLOAD("TRACE-LATE-UPLOAD", (chain, context) -> {
        chain.timeline().uploadLate(Duration.ofHours(2));
        chain.cite(PRESCRIPTION);
    });

    private final String ruleId;
    private final ChainShape shape;

    Scenario(String ruleId, ChainShape shape) {
        this.ruleId = ruleId;
        this.shape = shape;
    }

    /** The id of the rule this scenario must trigger; null for a clean chain or a hard negative. */
    public String ruleId() {
        return ruleId;
    }

    public boolean isViolation() {
        return ruleId != null;
    }

    /** Every scenario that must trigger a rule, in declaration order. */
    public static List<Scenario> violations() {
        return Arrays.stream(values()).filter(Scenario::isViolation).toList();
    }

    void shape(VisitChain chain, ShapingContext context) {
        shape.apply(chain, context);
    }
}
