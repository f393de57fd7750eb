package org.insurwatch.jobs.rules.traceability;

/** The steps of the chain 诊疗 → 处方 → 交易 → 配送 that every insured online visit must leave a trace of. */
public enum ChainStage {
    CONSULTED("consultation"),
    PRESCRIBED("prescription"),
    SETTLED("settlement"),
    DISPATCHED("logistics"),
    DELIVERED("logistics"),
    PICKED_UP("logistics");

    private final String stream;

    ChainStage(String stream) {
        this.stream = stream;
    }

    /** The live stream this step is read from. */
    public String stream() {
        return stream;
    }

    public boolean handsOverDrugs() {
        return this == DELIVERED || this == PICKED_UP;
    }

    /** Where the drugs leave the pharmacy: the dispatch of a delivery, or the hand-over of a pick-up. */
    public boolean dispensesDrugs() {
        return this == DISPATCHED || this == PICKED_UP;
    }
}
