package org.insurwatch.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void emptyConfigTakesTheDefaultsOfRulesMd() {
        JobConfig config = JobConfig.parse("");
        assertThat(config.rules.traceability.noPrescriptionWindow).isEqualTo(Duration.ofHours(24));
        assertThat(config.rules.traceability.stalledDeliveryWindow).isEqualTo(Duration.ofHours(72));
        assertThat(config.rules.traceability.lateUploadThreshold).isEqualTo(Duration.ofMinutes(30));
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
    void aMissingKeyEnvironmentVariableSaysWhatToSet() {
        JobConfig config = JobConfig.parse("privacy: {pseudonymKeyEnv: INSURWATCH_TEST_KEY_THAT_IS_NOT_SET}");
        assertThatThrownBy(config::pseudonymKey).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("INSURWATCH_TEST_KEY_THAT_IS_NOT_SET");
    }
}
