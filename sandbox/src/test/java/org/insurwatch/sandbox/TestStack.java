package org.insurwatch.sandbox;

import org.insurwatch.jobs.JobConfig;

import java.nio.file.Path;

/**
 * One embedded stack for all end-to-end tests of this JVM: starting Kafka and Elasticsearch costs seconds,
 * so tests share them and isolate themselves by topic, consumer group and index names. The stack's own
 * shutdown hooks stop it when the JVM ends.
 */
final class TestStack {
    private static EmbeddedStack stack;

    private TestStack() {
    }

    static synchronized EmbeddedStack get() {
        if (stack == null) {
            Path home = Path.of(System.getProperty("elasticsearch.home", "target/elasticsearch"));
            stack = EmbeddedStack.start(home, WorkDirs.create("insurwatch-test-stack-"));
        }
        return stack;
    }

    /** A job config of its own: topics, consumer group and alert index named after {@code name}. */
    static JobConfig isolatedConfig(String name) {
        EmbeddedStack shared = get();
        JobConfig config = shared.jobConfig(name);
        JobConfig.Topics topics = config.kafka.topics;
        topics.consultation = name + ".consultation";
        topics.prescription = name + ".prescription";
        topics.settlement = name + ".settlement";
        topics.logistics = name + ".logistics";
        topics.alerts = name + ".alerts";
        topics.deadLetters = name + ".dead-letters";
        topics.ruleSettings = name + ".control.rule-settings";
        JobConfig.ReferenceTopics reference = topics.reference;
        reference.doctors = name + ".ref.doctors";
        reference.institutions = name + ".ref.institutions";
        reference.insuredPersons = name + ".ref.insured-persons";
        reference.priceCaps = name + ".ref.price-caps";
        reference.drugs = name + ".ref.drugs";
        reference.chronicDiseases = name + ".ref.chronic-diseases";
        reference.offlineVisits = name + ".ref.offline-visits";
        config.elasticsearch.alertsIndex = name + "-alerts";
        config.elasticsearch.chainHealthIndex = name + "-chain-health";
        config.elasticsearch.doctorActivityIndex = name + "-doctor-activity";
        config.parallelism = 2;
        shared.createTopics(topics);
        return config.validate();
    }
}
