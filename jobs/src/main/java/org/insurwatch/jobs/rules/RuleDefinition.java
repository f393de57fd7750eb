package org.insurwatch.jobs.rules;

import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.io.Serializable;

/** What an alert says about the rule that raised it: id, version, severity, family, title and legal basis. */
public record RuleDefinition(String ruleId, String version, Severity severity, RuleCategory category,
                             String title, String citation) implements Serializable {
}
