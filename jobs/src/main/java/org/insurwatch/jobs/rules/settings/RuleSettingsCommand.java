package org.insurwatch.jobs.rules.settings;

import org.insurwatch.jobs.JobConfig;
import org.insurwatch.schema.control.RuleSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rule-settings}: the versions of the live rule settings on the control topic, and publishing a new one. */
@Command(name = "rule-settings", mixinStandardHelpOptions = true,
        description = "Change rule thresholds and switch rules off without a restart: versions of the rule settings on the control topic.",
        subcommands = {RuleSettingsCommand.Publish.class, RuleSettingsCommand.ListVersions.class})
public final class RuleSettingsCommand {

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Check a version of the rule settings (YAML) and publish it to the control topic. The running job applies it "
                    + "to events from its validFrom on; publish it ahead of that time.")
    static final class Publish implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the job's YAML config file (for Kafka)")
        Path config;

        @Option(names = "--settings", required = true, paramLabel = "FILE", description = "the version to publish (see README)")
        Path settings;

        @Override
        public Integer call() throws Exception {
            JobConfig jobConfig = JobConfig.load(config);
            RuleSettings version = RuleSettingsFile.load(settings);
            RuleSettingsTopic.publish(jobConfig, version);
            System.out.println("published rule settings " + describe(version) + " to " + jobConfig.kafka.topics.ruleSettings);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the versions on the control topic by start.")
    static final class ListVersions implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the job's YAML config file (for Kafka)")
        Path config;

        @Override
        public Integer call() {
            JobConfig jobConfig = JobConfig.load(config);
            List<RuleSettings> versions = RuleSettingsTopic.versions(jobConfig);
            if (versions.isEmpty()) {
                System.out.println("no rule settings on " + jobConfig.kafka.topics.ruleSettings + ": the config file's rules judge");
            }
            versions.forEach(v -> System.out.println(describe(v)));
            return 0;
        }
    }

    static String describe(RuleSettings v) {
        StringBuilder line = new StringBuilder(v.getVersion()).append(" from ").append(v.getValidFrom())
                .append(" by ").append(v.getPublishedBy());
        if (!v.getDisabledRules().isEmpty()) {
            line.append(" | off: ").append(String.join(", ", v.getDisabledRules()));
        }
        v.getDisabledRulesByPoolingRegion().forEach((region, rules) -> line.append(" | off in ").append(region).append(": ")
                .append(String.join(", ", rules)));
        if (v.getMaxDaysOfSupply() != null) {
            line.append(" | maxDaysOfSupply ").append(v.getMaxDaysOfSupply());
        }
        if (v.getLateUploadThresholdMillis() != null) {
            line.append(" | lateUploadThreshold ").append(Duration.ofMillis(v.getLateUploadThresholdMillis()));
        }
        if (v.getEarlyRefillUsedShare() != null) {
            line.append(" | earlyRefillUsedShare ").append(v.getEarlyRefillUsedShare());
        }
        if (v.getPriceRatio() != null) {
            line.append(" | priceRatio ").append(v.getPriceRatio());
        }
        if (v.getPriceMinSamples() != null) {
            line.append(" | priceMinSamples ").append(v.getPriceMinSamples());
        }
        if (v.getFollowUpWindow() != null) {
            line.append(" | followUpWindow ").append(v.getFollowUpWindow());
        }
        if (v.getFollowUpWindowByPoolingRegion() != null) {
            line.append(" | followUpWindowByPoolingRegion ").append(v.getFollowUpWindowByPoolingRegion());
        }
        if (!v.getReason().isBlank()) {
            line.append(" | ").append(v.getReason());
        }
        return line.toString();
    }
}
