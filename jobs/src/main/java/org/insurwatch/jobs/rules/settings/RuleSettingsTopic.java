package org.insurwatch.jobs.rules.settings;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.insurwatch.jobs.AvroBytes;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import org.insurwatch.jobs.ingest.WholeTopic;
import org.insurwatch.schema.control.RuleSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The control topic seen from outside the job: the versions on it, and a new one published. */
public final class RuleSettingsTopic {
    private RuleSettingsTopic() {
    }

    /** The versions the job would take, by start: undecodable or refused ones are left out, as the job leaves them. */
    public static List<RuleSettings> versions(JobConfig config) {
        List<RuleSettings> versions = new ArrayList<>();
        WholeTopic.read(config.kafka, "rule-settings", config.kafka.topics.ruleSettings, record -> {
            try {
                RuleSettings settings = RuleSettings.getDecoder().decode(record.value());
                if (RuleSettingsCheck.problem(settings).isEmpty()) {
                    versions.add(settings);
                }
            } catch (Exception notSettings) {
                // the job dead-letters it; it is no version
            }
        });
        versions.sort(Comparator.comparing(RuleSettings::getValidFrom));
        return versions;
    }

    /**
     * Publishes {@code settings}, keyed by its version, if the job would take it; a version name is never reused, so a
     * change stays auditable.
     */
    public static void publish(JobConfig config, RuleSettings settings) throws Exception {
        RuleSettingsCheck.problem(settings).ifPresent(problem -> {
            throw new InvalidConfigException(problem);
        });
        if (versions(config).stream().anyMatch(v -> v.getVersion().equals(settings.getVersion()))) {
            throw new InvalidConfigException("rule settings version " + settings.getVersion() + " is already on "
                    + config.kafka.topics.ruleSettings + "; publish the change under a new version");
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.kafka.topics.ruleSettings, settings.getVersion(),
                    AvroBytes.of(settings::toByteBuffer))).get();
        }
    }
}
