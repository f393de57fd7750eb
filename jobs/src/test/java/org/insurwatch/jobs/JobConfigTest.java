package org.insurwatch.jobs;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void emptyConfigTakesTheDefaultsOfRulesMd() {
        JobConfig config = JobConfig.parse("");
        assertThat(config.rules.traceability.noPrescriptionWindow).isEqualTo(Duration.ofHours(24));
        assertThat(config.rules.traceability.stalledDeliveryWindow).isEqualTo(Duration.ofHours(72));
        assertThat(config.rules.traceability.lateUploadThreshold).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.rules.bulk.maxPrescriptionsPerWindow).isEqualTo(20);
        assertThat(config.rules.bulk.rateWindow).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.rules.bulk.cadenceRun).isEqualTo(10);
        assertThat(config.rules.bulk.maxIntervalVariation).isEqualTo(0.1);
        assertThat(config.rules.followUp.windowFor("350203")).isEqualTo(Period.ofMonths(3));
    }

    @Test
    void theRuleSettingsFollowTheControlTopicUnlessAVersionOrNoneIsNamed() {
        assertThat(JobConfig.parse("").rules.settingsVersion).isEqualTo(JobConfig.Rules.SETTINGS_BY_TIME);
        assertThat(JobConfig.parse("kafka: {topics: {ruleSettings: control.rule-settings}}").kafka.topics.ruleSettings)
                .isEqualTo("control.rule-settings");
        assertThat(JobConfig.parse("rules: {settingsVersion: none}").rules.settingsVersion).isEqualTo("none");
        assertThat(JobConfig.parse("rules: {settingsVersion: 2026-12-01.1}").rules.settingsVersion).isEqualTo("2026-12-01.1");
        assertThatThrownBy(() -> JobConfig.parse("rules: {settingsVersion: \"next week\"}"))
                .hasMessage("config key 'rules.settingsVersion' must be empty (the version in force at each event's time), none, or a version name");
    }

    @Test
    void theFollowUpWindowIsSetPerPoolingRegion() {
        JobConfig config = JobConfig.parse("rules: {followUp: {windowByPoolingRegion: {\"350203\": P6M}}}");
        assertThat(config.rules.followUp.windowFor("350203")).isEqualTo(Period.ofMonths(6));
        assertThat(config.rules.followUp.windowFor("110100")).isEqualTo(Period.ofMonths(3));
    }

    @Test
    void badBulkAndFollowUpThresholdsNameTheirKey() {
        assertThatThrownBy(() -> JobConfig.parse("rules: {bulk: {maxIntervalVariation: 1.5}}"))
                .hasMessage("config key 'rules.bulk.maxIntervalVariation' must lie between 0 and 1, such as 0.1");
        assertThatThrownBy(() -> JobConfig.parse("rules: {bulk: {cadenceRun: 2}}")).hasMessageContaining("rules.bulk.cadenceRun");
        assertThatThrownBy(() -> JobConfig.parse("rules: {bulk: {maxEvidence: 5}}")).hasMessageContaining("rules.bulk.maxEvidence");
        assertThatThrownBy(() -> JobConfig.parse("rules: {followUp: {window: P0D}}")).hasMessageContaining("rules.followUp.window");
        assertThatThrownBy(() -> JobConfig.parse("rules: {followUp: {windowByPoolingRegion: {Beijing: P6M}}}"))
                .hasMessageContaining("rules.followUp.windowByPoolingRegion.Beijing").hasMessageContaining("6-digit");
        assertThatThrownBy(() -> JobConfig.parse("rules: {followUp: {window: P2Y}}"))
                .hasMessageContaining("rules.followUp.history");
        assertThatThrownBy(() -> JobConfig.parse("rules: {followUp: {timeZone: Mars/Olympus}}"))
                .hasMessageContaining("rules.followUp.timeZone");
    }

    @Test
    void thePriceRuleTakesTheDefaultsOfRulesMdAndItsKeysFromYaml() {
        JobConfig.PriceRules defaults = JobConfig.parse("").rules.price;
        assertThat(defaults.ratio).isEqualTo(1.5);
        assertThat(defaults.minSamples).isEqualTo(30);
        assertThat(defaults.medianRefresh).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.sketchK).isEqualTo(200);
        JobConfig.PriceRules price = JobConfig.parse("rules: {price: {ratio: 2, minSamples: 100, medianRefresh: PT1H, sketchK: 400}}")
                .rules.price;
        assertThat(price.ratio).isEqualTo(2.0);
        assertThat(price.minSamples).isEqualTo(100);
        assertThat(price.medianRefresh).isEqualTo(Duration.ofHours(1));
        assertThat(price.sketchK).isEqualTo(400);
    }

    @Test
    void badPriceThresholdsNameTheirKey() {
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {ratio: 1}}"))
                .hasMessage("config key 'rules.price.ratio' must be a number above 1, such as 1.5");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {ratio: .inf}}")).hasMessageContaining("rules.price.ratio");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {minSamples: 0}}")).hasMessageContaining("rules.price.minSamples");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {medianRefresh: PT0S}}"))
                .hasMessageContaining("rules.price.medianRefresh");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {sketchK: 7}}")).hasMessageContaining("rules.price.sketchK");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {sketchK: 65536}}")).hasMessageContaining("rules.price.sketchK");
        assertThatThrownBy(() -> JobConfig.parse("rules: {price: {median: 2}}")).hasMessage("unknown config key 'rules.price.median'");
    }

    @Test
    void valuesAreReadFromYaml() {
        JobConfig config = JobConfig.parse("""
                kafka: {bootstrapServers: "k1:9092,k2:9092"}
                elasticsearch: {hosts: ["http://es:9200"], alertsIndex: alerts-test}
                rules: {traceability: {stalledDeliveryWindow: PT48H}}
                parallelism: 4
                """);
        assertThat(config.kafka.bootstrapServers).isEqualTo("k1:9092,k2:9092");
        assertThat(config.elasticsearch.alertsIndex).isEqualTo("alerts-test");
        assertThat(config.rules.traceability.stalledDeliveryWindow).isEqualTo(Duration.ofHours(48));
        assertThat(config.parallelism).isEqualTo(4);
    }

    @Test
    void badValuesAreRejectedWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.parse("kafka: {bootstrapServer: x}"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("unknown config key 'kafka.bootstrapServer'");
        assertThatThrownBy(() -> JobConfig.parse("rules: {traceability: {noPrescriptionWindow: PT0S}}"))
                .hasMessageContaining("rules.traceability.noPrescriptionWindow");
        assertThatThrownBy(() -> JobConfig.parse("rules: {traceability: {noPrescriptionWindow: soon}}"))
                .hasMessageStartingWith("bad value for config key 'rules.traceability.noPrescriptionWindow'");
        assertThatThrownBy(() -> JobConfig.parse("elasticsearch: {hosts: [es:9200]}"))
                .hasMessageContaining("elasticsearch.hosts");
        assertThatThrownBy(() -> JobConfig.parse("parallelism: 0")).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> JobConfig.parse("elasticsearch: {alertsIndex: Alerts}")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> JobConfig.parse("elasticsearch: {alertsIndex: iw, chainHealthIndex: iw-chain-health}"))
                .hasMessageContaining("'iw', 'iw-chain-health'");
    }

    @Test
    void stateLivesOnTheHeapByDefaultWithIncrementalCheckpointsForRocksDb() {
        JobConfig config = JobConfig.parse("");
        assertThat(config.checkpoint.stateBackend).isEqualTo(JobConfig.StateBackend.HASHMAP);
        assertThat(config.checkpoint.incremental).isTrue();
        Configuration flink = SupervisionJob.flinkConfiguration(config);
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    @Test
    void rocksDbAndItsCheckpointsAreReadFromYaml() {
        JobConfig config = JobConfig.parse("checkpoint: {stateBackend: rocksdb, incremental: false}");
        assertThat(config.checkpoint.stateBackend).isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(config.checkpoint.incremental).isFalse();
        Configuration flink = SupervisionJob.flinkConfiguration(config);
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(JobConfig.parse("checkpoint: {stateBackend: rocksdb}").checkpoint.incremental).isTrue();
    }

    @Test
    void aLocalClusterGetsTheManagedMemoryTheConfigAsksFor() {
        assertThat(SupervisionJob.flinkConfiguration(JobConfig.parse("")).get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.parse("2g"));
        JobConfig config = JobConfig.parse("checkpoint: {stateBackend: rocksdb, localManagedMemory: 512m}");
        assertThat(SupervisionJob.flinkConfiguration(config).get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(512));
        for (String bad : List.of("lots", "0", "-1g", "~")) {
            assertThatThrownBy(() -> JobConfig.parse("checkpoint: {localManagedMemory: " + bad + "}")).isInstanceOf(InvalidConfigException.class)
                    .hasMessage("config key 'checkpoint.localManagedMemory' must be a size such as 512m or 2g");
        }
    }

    @Test
    void anUnknownStateBackendNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> JobConfig.parse("checkpoint: {stateBackend: forst}")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("config key 'checkpoint.stateBackend' must be hashmap or rocksdb");
        assertThatThrownBy(() -> JobConfig.parse("checkpoint: {stateBackend: RocksDB}"))
                .hasMessage("config key 'checkpoint.stateBackend' must be hashmap or rocksdb");
        assertThatThrownBy(() -> JobConfig.parse("checkpoint: {stateBackend: ~}"))
                .hasMessage("config key 'checkpoint.stateBackend' must be hashmap or rocksdb");
        assertThatThrownBy(() -> JobConfig.parse("checkpoint: {incremental: maybe}"))
                .hasMessageStartingWith("bad value for config key 'checkpoint.incremental'");
    }

    /** The compose stack's config is only read when its container starts: a typo there should fail here first. */
    @Test
    void theComposeStacksConfigIsValidAndKeepsStateInRocksDb() {
        JobConfig config = JobConfig.load(Path.of("../deploy/config/insurwatch.yaml"));
        assertThat(config.checkpoint.stateBackend).isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(config.checkpoint.incremental).isTrue();
    }

    @Test
    void aMissingKeyEnvironmentVariableSaysWhatToSet() {
        JobConfig config = JobConfig.parse("privacy: {pseudonymKeyEnv: INSURWATCH_TEST_KEY_THAT_IS_NOT_SET}");
        assertThatThrownBy(config::pseudonymKey).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("INSURWATCH_TEST_KEY_THAT_IS_NOT_SET");
    }
}
