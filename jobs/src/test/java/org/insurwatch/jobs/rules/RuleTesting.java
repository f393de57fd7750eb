package org.insurwatch.jobs.rules;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.alert.Alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a single-event rule on one record and returns what it raised. */
public final class RuleTesting {
    public static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("rule-test-pseudonym-key".getBytes(StandardCharsets.UTF_8));
    /** The default rule settings of the config file, overlaid by the control topic's version in force. */
    public static final SettingsSelection SETTINGS = new SettingsSelection(new JobConfig.Rules());

    private RuleTesting() {
    }

    public static <T> List<Alert> alerts(FlatMapFunction<T, Alert> rule, T record) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        rule.flatMap(record, new ListCollector<>(alerts));
        return alerts;
    }
}
