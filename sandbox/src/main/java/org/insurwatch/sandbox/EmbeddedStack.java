package org.insurwatch.sandbox;

import org.insurwatch.jobs.JobConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A real Kafka broker and a real Elasticsearch node on this machine, with the job's topics created: what the
 * demo and the end-to-end tests run the job against. Both start at once, since each takes seconds.
 */
public final class EmbeddedStack implements AutoCloseable {
    /** Partitions of each live topic: more than one, so the job's per-partition event time is exercised. */
    static final int LIVE_PARTITIONS = 2;

    private final EmbeddedKafka kafka;
    private final EmbeddedElasticsearch elasticsearch;
    private final Path workDir;
    private final Path pseudonymKeyFile;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedElasticsearch elasticsearch, Path workDir, Path pseudonymKeyFile) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.workDir = workDir;
        this.pseudonymKeyFile = pseudonymKeyFile;
    }

    public static EmbeddedStack start(Path elasticsearchHome, Path workDir) {
        CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(workDir.resolve("kafka")));
        CompletableFuture<EmbeddedElasticsearch> elasticsearch = CompletableFuture.supplyAsync(
                // the job installs its own index template (replicas 0); other indices may stay yellow on one node
                () -> EmbeddedElasticsearch.builder(elasticsearchHome).workDir(workDir.resolve("elasticsearch"))
                        .replicasZero(false).start());
        try {
            CompletableFuture.allOf(kafka, elasticsearch).join();
        } catch (CompletionException e) {
            kafka.thenAccept(EmbeddedKafka::close);
            elasticsearch.thenAccept(EmbeddedElasticsearch::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        EmbeddedStack stack = new EmbeddedStack(kafka.join(), elasticsearch.join(), workDir, writeKey(workDir));
        stack.createTopics(new JobConfig.Topics());
        return stack;
    }

    /** A job config for this stack: its Kafka, its Elasticsearch, checkpoints in its work dir, a fresh pseudonymisation key. */
    public JobConfig jobConfig(String groupId) {
        JobConfig config = new JobConfig();
        config.kafka.bootstrapServers = kafka.bootstrapServers();
        config.kafka.groupId = groupId;
        config.elasticsearch.hosts = List.of(elasticsearch.httpUrl());
        config.privacy.pseudonymKeyFile = pseudonymKeyFile.toString();
        config.checkpoint.interval = Duration.ofSeconds(5);
        config.checkpoint.directory = workDir.resolve("checkpoints").resolve(groupId).toUri().toString();
        return config.validate();
    }

    public void createTopics(JobConfig.Topics topics) {
        Map<String, Integer> live = new LinkedHashMap<>();
        for (String topic : List.of(topics.consultation, topics.prescription, topics.settlement, topics.logistics, topics.alerts)) {
            live.put(topic, LIVE_PARTITIONS);
        }
        live.put(topics.deadLetters, 1);
        kafka.createTopics(live);
        JobConfig.ReferenceTopics reference = topics.reference;
        for (String topic : List.of(reference.doctors, reference.institutions, reference.insuredPersons, reference.priceCaps,
                reference.drugs, reference.chronicDiseases, reference.offlineVisits, topics.ruleSettings)) {
            kafka.createCompactedTopic(topic, 1);
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    private static Path writeKey(Path workDir) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("pseudonym.key");
            Files.writeString(file, HexFormat.of().formatHex(key));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            elasticsearch.close();
        }
    }
}
