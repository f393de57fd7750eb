package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.rules.RuleDefinition;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A chain step and the step it follows for the same key: when both are there, {@code checks} judge the pair;
 * a step whose predecessor is not seen within the window either side raises {@code missingRule}, unless that
 * is null (the pair matters, the predecessor's absence is another rule's business).
 */
public record RequiredStep(ChainStage step, ChainStage predecessor, Duration window, RuleDefinition missingRule,
                           List<StepPairCheck> checks) implements Serializable {
}
