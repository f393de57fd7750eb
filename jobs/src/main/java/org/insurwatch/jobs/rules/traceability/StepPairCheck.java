package org.insurwatch.jobs.rules.traceability;

import org.apache.flink.util.Collector;
import org.insurwatch.schema.alert.Alert;

import java.io.Serializable;

/** A rule judged where two steps of one chain meet, whichever of them arrived first. */
@FunctionalInterface
public interface StepPairCheck extends Serializable {

    void check(ChainEvent predecessor, ChainEvent step, Collector<Alert> out);
}
