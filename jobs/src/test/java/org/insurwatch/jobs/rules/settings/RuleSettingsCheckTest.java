package org.insurwatch.jobs.rules.settings;

import org.insurwatch.schema.control.RuleSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.insurwatch.jobs.rules.settings.RuleSettingsFixture.version;

class RuleSettingsCheckTest {
    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

    private static RuleSettings.Builder valid() {
        return version("2026-12-01.1", FROM).setDisabledRules(List.of("PAY-NOT-COVERED"))
                .setDisabledRulesByPoolingRegion(Map.of("350203", List.of("FU-WINDOW-EXPIRED")))
                .setMaxDaysOfSupply(20).setLateUploadThresholdMillis(600_000L);
    }

    @Test
    void aWellFormedVersionMayTakeEffect() {
        assertThat(RuleSettingsCheck.problem(valid().build())).isEmpty();
        assertThat(RuleSettingsCheck.problem(version("v2", FROM).build())).as("thresholds left out keep the file's").isEmpty();
    }

    @Test
    void aBadThresholdIsRefusedNamingItsKey() {
        assertThat(RuleSettingsCheck.problem(valid().setMaxDaysOfSupply(0).build()))
                .hasValue("version 2026-12-01.1: config key 'rules.prescription.maxDaysOfSupply' must be at least 1 day");
        assertThat(RuleSettingsCheck.problem(valid().setLateUploadThresholdMillis(-1L).build()).orElseThrow())
                .contains("rules.traceability.lateUploadThreshold");
    }

    @Test
    void anUnknownRuleOrRegionIsRefused() {
        assertThat(RuleSettingsCheck.problem(valid().setDisabledRules(List.of("PAY-NOT-COVERD")).build()))
                .hasValue("version 2026-12-01.1: no rule is called 'PAY-NOT-COVERD'");
        assertThat(RuleSettingsCheck.problem(valid().setDisabledRulesByPoolingRegion(Map.of("350203", List.of("FU-WINDOW"))).build()))
                .hasValue("version 2026-12-01.1: no rule is called 'FU-WINDOW'");
        assertThat(RuleSettingsCheck.problem(valid().setDisabledRulesByPoolingRegion(Map.of("厦门", List.of("FU-WINDOW-EXPIRED"))).build())
                .orElseThrow()).contains("'厦门' in disabledRulesByPoolingRegion is not a 6-digit pooling region code");
    }

    @Test
    void aVersionNeedsAUsableNameAndWhoDecided() {
        assertThat(RuleSettingsCheck.problem(valid().setVersion("").build())).isPresent();
        assertThat(RuleSettingsCheck.problem(valid().setVersion("none").build())).as("reserved for 'no version'").isPresent();
        assertThat(RuleSettingsCheck.problem(valid().setVersion("config-file").build())).isPresent();
        assertThat(RuleSettingsCheck.problem(valid().setVersion("v 2").build())).isPresent();
        assertThat(RuleSettingsCheck.problem(valid().setPublishedBy(" ").build()).orElseThrow()).contains("publishedBy");
    }
}
