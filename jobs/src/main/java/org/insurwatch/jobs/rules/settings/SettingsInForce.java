package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.control.RuleSettings;

import java.io.Serializable;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule settings that judge an event: the config file's rules, overlaid by the version of the control topic in
 * force at the event's time. Only what a rule compares at judgment time can change this way; windows that size
 * state, timers or CEP patterns are the config file's and change with a restart.
 */
public record SettingsInForce(String version, Set<String> disabledRules, Map<String, Set<String>> disabledRulesByPoolingRegion,
                              int maxDaysOfSupply, Duration lateUploadThreshold, double earlyRefillUsedShare, double priceRatio,
                              int priceMinSamples, Period followUpWindow, Map<String, Period> followUpWindowByPoolingRegion)
        implements Serializable {
    /** The version alerts carry when no version of the control topic is in force. */
    public static final String CONFIG_FILE = "config-file";

    public static SettingsInForce ofFile(JobConfig.Rules rules) {
        return new SettingsInForce(CONFIG_FILE, Set.of(), Map.of(), rules.prescription.maxDaysOfSupply,
                rules.traceability.lateUploadThreshold, rules.prescription.earlyRefillUsedShare, rules.price.ratio, rules.price.minSamples,
                rules.followUp.window, Map.copyOf(rules.followUp.windowByPoolingRegion));
    }

    /** These settings changed by {@code settings}: its switches replace these, its thresholds replace those it sets. */
    public SettingsInForce overlaidBy(RuleSettings settings) {
        Map<String, Set<String>> byRegion = new HashMap<>();
        settings.getDisabledRulesByPoolingRegion().forEach((region, rules) -> byRegion.put(region, Set.copyOf(rules)));
        return new SettingsInForce(settings.getVersion(), Set.copyOf(settings.getDisabledRules()), Map.copyOf(byRegion),
                settings.getMaxDaysOfSupply() != null ? settings.getMaxDaysOfSupply() : maxDaysOfSupply,
                settings.getLateUploadThresholdMillis() != null ? Duration.ofMillis(settings.getLateUploadThresholdMillis())
                        : lateUploadThreshold,
                settings.getEarlyRefillUsedShare() != null ? settings.getEarlyRefillUsedShare() : earlyRefillUsedShare,
                settings.getPriceRatio() != null ? settings.getPriceRatio() : priceRatio,
                settings.getPriceMinSamples() != null ? settings.getPriceMinSamples() : priceMinSamples,
                settings.getFollowUpWindow() != null ? period(settings.getFollowUpWindow(), "followUpWindow") : followUpWindow,
                settings.getFollowUpWindowByPoolingRegion() != null ? periods(settings.getFollowUpWindowByPoolingRegion())
                        : followUpWindowByPoolingRegion);
    }

    /** FU-WINDOW-EXPIRED's window in {@code poolingRegion}. */
    public Period followUpWindowFor(String poolingRegion) {
        return followUpWindowByPoolingRegion.getOrDefault(poolingRegion, followUpWindow);
    }

    private static Period period(String text, String field) {
        try {
            return Period.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(field + " '" + text + "' is not an ISO-8601 period such as P3M");
        }
    }

    private static Map<String, Period> periods(Map<String, String> byRegion) {
        Map<String, Period> periods = new HashMap<>();
        byRegion.forEach((region, text) -> periods.put(region, period(text, "followUpWindowByPoolingRegion." + region)));
        return Map.copyOf(periods);
    }

    /** Whether {@code ruleId} raises alerts in {@code poolingRegion} (null when the alert names none). */
    public boolean enabled(String ruleId, String poolingRegion) {
        return !disabledRules.contains(ruleId)
                && (poolingRegion == null || !disabledRulesByPoolingRegion.getOrDefault(poolingRegion, Set.of()).contains(ruleId));
    }

    /**
     * Checks the thresholds as the config file's are checked, naming the config key of a bad one. A follow-up window is
     * checked against the default history (a year); a job remembering less cuts longer windows short.
     */
    void validate() {
        JobConfig.Rules rules = new JobConfig.Rules();
        rules.prescription.maxDaysOfSupply = maxDaysOfSupply;
        rules.traceability.lateUploadThreshold = lateUploadThreshold;
        rules.prescription.earlyRefillUsedShare = earlyRefillUsedShare;
        rules.price.ratio = priceRatio;
        rules.price.minSamples = priceMinSamples;
        rules.followUp.window = followUpWindow;
        rules.followUp.windowByPoolingRegion = new HashMap<>(followUpWindowByPoolingRegion);
        JobConfig.validate(rules);
    }

    /** The rule ids these settings name, so that a misspelt one is caught. */
    List<String> namedRules() {
        return Stream.concat(disabledRules.stream(), disabledRulesByPoolingRegion.values().stream().flatMap(Set::stream))
                .sorted().toList();
    }
}
