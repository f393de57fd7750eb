package org.insurwatch.traffic;

import java.util.List;

/**
 * What one visit chain is and which alert it must raise: the line of {@code ground-truth.jsonl} that
 * end-to-end tests score the job's alerts against.
 *
 * @param expectedRuleId the rule the chain must trigger, null for a clean chain, a hard negative, or a chain of
 *     a doctor's burst but the first, which expects the burst's one alert
 * @param consultationId the chain's ids as planned; the scenario says which of their records was withheld
 * @param evidenceEventIds the ids of the events the alert must cite, in the order the alert cites them: for a
 *     burst, the events of all its chains; an offline visit by its offlineVisitId
 */
public record GroundTruth(long chainNumber, Scenario scenario, String expectedRuleId, String consultationId,
                          String prescriptionId, String settlementId, List<String> evidenceEventIds) {
}
