package org.insurwatch.jobs.rules.traceability;

import org.insurwatch.jobs.rules.RuleDefinition;

import java.io.Serializable;
import java.time.Duration;

/**
 * A chain step that must have a predecessor for the same key: a step whose predecessor is not seen within
 * the window either side raises {@code missingRule}.
 */
public record RequiredStep(ChainStage step, ChainStage predecessor, Duration window, RuleDefinition missingRule)
        implements Serializable {
}
