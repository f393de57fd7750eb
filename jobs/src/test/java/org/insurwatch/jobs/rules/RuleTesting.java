package org.insurwatch.jobs.rules;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.privacy.Pseudonymiser;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.jobs.rules.settings.SettingsSelection;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.internal.ReferenceVersions;

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

    /** A harness for {@code order}; no rule settings arrive, so the side they come on holds event time back no longer. */
    public static <T extends SpecificRecordBase> KeyedBroadcastOperatorTestHarness<String, T, ReferenceVersions, Alert> inEventTimeOrder(
            InEventTimeOrder<T> order, KeySelector<T, String> key) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, T, ReferenceVersions, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(order, key, Types.STRING, ReferenceState.DESCRIPTOR);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        return harness;
    }

    public static <T> List<Alert> alerts(FlatMapFunction<T, Alert> rule, T record) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        rule.flatMap(record, new ListCollector<>(alerts));
        return alerts;
    }
}
