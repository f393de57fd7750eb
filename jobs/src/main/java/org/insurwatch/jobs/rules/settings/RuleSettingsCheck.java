package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.rules.RuleCatalogue;
import org.insurwatch.schema.control.RuleSettings;

import java.util.Optional;

/**
 * Whether a version of the rule settings may take effect. A bad one is refused whole, with the reason, and the
 * version in force stays: half a change of thresholds could be worse than none.
 */
public final class RuleSettingsCheck {
    private RuleSettingsCheck() {
    }

    /** What is wrong with {@code settings}, in one line, or empty if it may take effect. */
    public static Optional<String> problem(RuleSettings settings) {
        if (!settings.getVersion().matches(JobConfig.SETTINGS_VERSION) || settings.getVersion().equals(JobConfig.Rules.SETTINGS_OF_FILE)
                || settings.getVersion().equals(SettingsInForce.CONFIG_FILE)) {
            return Optional.of("version '" + settings.getVersion() + "' must be 1 to 64 letters, digits, '.', '_' or '-', and not "
                    + JobConfig.Rules.SETTINGS_OF_FILE + " or " + SettingsInForce.CONFIG_FILE);
        }
        if (settings.getPublishedBy().isBlank()) {
            return Optional.of("version " + settings.getVersion() + ": publishedBy must name the office that decided the change");
        }
        for (String region : settings.getDisabledRulesByPoolingRegion().keySet()) {
            if (!region.matches("\\d{6}")) {
                return Optional.of("version " + settings.getVersion() + ": '" + region + "' in disabledRulesByPoolingRegion is not a 6-digit pooling region code");
            }
        }
        try {
            SettingsInForce inForce = SettingsInForce.ofFile(new JobConfig.Rules()).overlaidBy(settings);
            for (String rule : inForce.namedRules()) {
                if (!RuleCatalogue.has(rule)) {
                    return Optional.of("version " + settings.getVersion() + ": no rule is called '" + rule + "'");
                }
            }
            inForce.validate();
        } catch (InvalidConfigException e) {
            return Optional.of("version " + settings.getVersion() + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
