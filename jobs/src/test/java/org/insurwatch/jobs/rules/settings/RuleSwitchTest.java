package org.insurwatch.jobs.rules.settings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.reference.ReferenceState;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.Evidence;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;
import org.insurwatch.schema.internal.ReferenceVersions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.rules.settings.RuleSettingsFixture.broadcast;
import static org.insurwatch.jobs.rules.settings.RuleSettingsFixture.version;

class RuleSwitchTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private KeyedBroadcastOperatorTestHarness<String, Alert, ReferenceVersions, Alert> harness;

    private void open(String settingsVersion) throws Exception {
        JobConfig.Rules rules = new JobConfig.Rules();
        rules.settingsVersion = settingsVersion;
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new RuleSwitch(new SettingsSelection(rules)),
                Alert::getAlertId, Types.STRING, ReferenceState.DESCRIPTOR);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Alert alert(String id, String ruleId, Instant at, String poolingRegion) {
        return Alert.newBuilder().setAlertId(id).setRuleId(ruleId).setRuleVersion("1").setSeverity(Severity.HIGH)
                .setCategory(RuleCategory.PRESCRIPTION).setTitle("t").setCitation("000 art.7").setEventTime(at).setDetectedAt(at)
                .setPoolingRegion(poolingRegion)
                .setEvidence(List.of(new Evidence("prescription", "ev-" + id, at, Map.of()))).build();
    }

    private void advanceEventTime(Instant to) throws Exception {
        harness.processBroadcastWatermark(to.toEpochMilli());
        harness.processWatermark(to.toEpochMilli());
    }

    private void raise(String id, String ruleId, Instant at, String poolingRegion) throws Exception {
        harness.processElement(alert(id, ruleId, at, poolingRegion), at.toEpochMilli());
    }

    private Map<String, String> released() {
        return harness.extractOutputValues().stream()
                .collect(java.util.stream.Collectors.toMap(Alert::getAlertId, Alert::getSettingsVersion));
    }

    @Test
    void withoutAVersionAlertsCarryTheConfigFile() throws Exception {
        open(JobConfig.Rules.SETTINGS_BY_TIME);
        raise("a", "RX-NO-SIGNATURE", T0, "350203");
        advanceEventTime(T0);
        assertThat(released()).containsExactly(Map.entry("a", SettingsInForce.CONFIG_FILE));
    }

    @Test
    void aVersionSwitchesARuleOffFromItsStartOnAndIsWrittenIntoEveryOtherAlert() throws Exception {
        open(JobConfig.Rules.SETTINGS_BY_TIME);
        harness.processBroadcastElement(broadcast(version("v1", T0.plus(Duration.ofHours(1)))
                .setDisabledRules(List.of("RX-NO-SIGNATURE")).build()), 0);
        raise("before", "RX-NO-SIGNATURE", T0, "350203");
        raise("after", "RX-NO-SIGNATURE", T0.plus(Duration.ofHours(1)), "350203");
        raise("other", "RX-NO-PHARMACIST", T0.plus(Duration.ofHours(2)), "350203");
        advanceEventTime(T0.plus(Duration.ofHours(3)));
        assertThat(released()).containsOnly(Map.entry("before", SettingsInForce.CONFIG_FILE), Map.entry("other", "v1"));
    }

    @Test
    void aRuleSwitchedOffInOnePoolingRegionStillAlertsElsewhere() throws Exception {
        open(JobConfig.Rules.SETTINGS_BY_TIME);
        harness.processBroadcastElement(broadcast(version("v1", T0)
                .setDisabledRulesByPoolingRegion(Map.of("350203", List.of("FU-WINDOW-EXPIRED"))).build()), 0);
        raise("xiamen", "FU-WINDOW-EXPIRED", T0.plusSeconds(60), "350203");
        raise("fuzhou", "FU-WINDOW-EXPIRED", T0.plusSeconds(60), "350102");
        raise("no-region", "FU-WINDOW-EXPIRED", T0.plusSeconds(60), null);
        advanceEventTime(T0.plus(Duration.ofHours(1)));
        assertThat(released()).containsOnlyKeys("fuzhou", "no-region");
    }

    @Test
    void anAlertAheadOfTheWatermarkWaitsForTheVersionPublishedBeforeItsTime() throws Exception {
        open(JobConfig.Rules.SETTINGS_BY_TIME);
        advanceEventTime(T0);
        raise("early", "RX-NO-PHARMACIST", T0.plusSeconds(20), "350203");
        harness.processBroadcastElement(broadcast(version("v1", T0.plusSeconds(10)).build()), 0);
        assertThat(released()).as("held until event time passes it").isEmpty();
        advanceEventTime(T0.plusSeconds(30));
        assertThat(released()).containsExactly(Map.entry("early", "v1"));
    }

    @Test
    void aNamedVersionJudgesTheWholeRangeAndNoneIgnoresTheTopic() throws Exception {
        open("v2");
        harness.processBroadcastElement(broadcast(version("v1", T0).build()), 0);
        harness.processBroadcastElement(broadcast(version("v2", T0.plus(Duration.ofDays(30))).setDisabledRules(List.of("BULK-RATE")).build()), 0);
        raise("rate", "BULK-RATE", T0.plusSeconds(5), null);
        raise("cadence", "BULK-MACHINE-CADENCE", T0.plusSeconds(5), null);
        advanceEventTime(T0.plusSeconds(10));
        assertThat(released()).containsExactly(Map.entry("cadence", "v2"));
        harness.close();

        open(JobConfig.Rules.SETTINGS_OF_FILE);
        harness.processBroadcastElement(broadcast(version("v1", T0).setDisabledRules(List.of("BULK-RATE")).build()), 0);
        raise("rate", "BULK-RATE", T0.plusSeconds(5), null);
        advanceEventTime(T0.plusSeconds(10));
        assertThat(released()).containsExactly(Map.entry("rate", SettingsInForce.CONFIG_FILE));
    }
}
