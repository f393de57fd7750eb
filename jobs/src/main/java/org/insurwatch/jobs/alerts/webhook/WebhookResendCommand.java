package org.insurwatch.jobs.alerts.webhook;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.jobs.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code webhooks-resend}: re-delivers the alerts of the webhook dead-letter topic, signed afresh and with the
 * same Idempotency-Key. Offsets of consumer group {@value #GROUP} are committed per partition up to the first
 * dead letter not delivered, so whatever still fails (or belongs to another endpoint than {@code --endpoint})
 * is read again by the next run; the delivered ones after it are then sent again, and receivers drop them by
 * their Idempotency-Key. Run one at a time.
 */
@Command(name = "webhooks-resend", mixinStandardHelpOptions = true,
        description = "Re-deliver the alerts that webhook endpoints did not take (webhooks.deadLetterTopic); "
                + "what fails again stays for the next run.")
public final class WebhookResendCommand implements Callable<Integer> {
    static final String GROUP = "insurwatch-webhook-resend";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the job's YAML config file (see README)")
    private Path config;

    @Option(names = "--endpoint", paramLabel = "NAME", description = "re-deliver only the dead letters of this endpoint")
    private String only;

    @Option(names = "--dry-run", description = "list what would be re-delivered; send and commit nothing")
    private boolean dryRun;

    private enum Outcome { SENT, FAILED, SKIPPED, LISTED }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        JobConfig job = JobConfig.load(config);
        WebhookConfig webhooks = job.webhooks;
        Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        webhooks.endpoints.forEach(e -> endpoints.put(e.name, WebhookEndpoint.of(e)));
        if (endpoints.isEmpty()) {
            throw new InvalidConfigException("config key 'webhooks.endpoints' is empty: there is no endpoint to re-deliver to");
        }
        if (only != null && !endpoints.containsKey(only)) {
            throw new InvalidConfigException("--endpoint: no webhook endpoint named '" + only + "'; configured: "
                    + String.join(", ", endpoints.keySet()));
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<Outcome, Long> tally = new HashMap<>();
        AtomicLong retried = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(job));
             WebhookDeliverer deliverer = new WebhookDeliverer(new RetryPolicy(webhooks.retry), retried::incrementAndGet)) {
            List<TopicPartition> partitions = partitions(consumer, webhooks.deadLetterTopic, job.kafka.bootstrapServers);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // a partition stops committing at its first dead letter left behind, so the next run reads it again
            Set<TopicPartition> leftBehind = new HashSet<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
                List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    batch.add(record);
                    outcomes.add(resend(record, endpoints, deliverer, out));
                }
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    ConsumerRecord<byte[], byte[]> record = batch.get(i);
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Outcome outcome = outcomes.get(i).get();
                    tally.merge(outcome, 1L, Long::sum);
                    if (outcome == Outcome.SENT && !leftBehind.contains(partition)) {
                        commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    } else {
                        leftBehind.add(partition);
                    }
                }
                if (!dryRun && !commits.isEmpty()) {
                    consumer.commitSync(commits);
                }
            }
        }
        long failed = tally.getOrDefault(Outcome.FAILED, 0L);
        if (dryRun) {
            out.printf("dry run: %d to re-send, %d skipped (other endpoints), %d unreadable; nothing sent or committed%n",
                    tally.getOrDefault(Outcome.LISTED, 0L), tally.getOrDefault(Outcome.SKIPPED, 0L), failed);
        } else {
            out.printf("sent %d, failed %d, retried %d, skipped %d (other endpoints); topic %s, group %s%n",
                    tally.getOrDefault(Outcome.SENT, 0L), failed, retried.get(), tally.getOrDefault(Outcome.SKIPPED, 0L),
                    webhooks.deadLetterTopic, GROUP);
            if (failed > 0) {
                out.printf("the %d not delivered stay on %s for the next run%n", failed, webhooks.deadLetterTopic);
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private CompletableFuture<Outcome> resend(ConsumerRecord<byte[], byte[]> record, Map<String, WebhookEndpoint> endpoints,
                                              WebhookDeliverer deliverer, PrintWriter out) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        WebhookDeadLetter letter;
        try {
            letter = WebhookDeadLetter.from(record);
        } catch (IllegalArgumentException e) {
            out.printf("not a webhook dead letter at %s: %s%n", where, e.getMessage());
            return CompletableFuture.completedFuture(Outcome.FAILED);
        }
        String alertId = letter.alert().getAlertId();
        if (only != null && !only.equals(letter.endpoint())) {
            return CompletableFuture.completedFuture(Outcome.SKIPPED);
        }
        if (dryRun) {
            out.printf("would re-send alert %s to %s (%s; %d attempts, last error: %s)%n",
                    alertId, letter.endpoint(), where, letter.attempts(), letter.lastError());
            return CompletableFuture.completedFuture(Outcome.LISTED);
        }
        WebhookEndpoint endpoint = endpoints.get(letter.endpoint());
        if (endpoint == null) {
            out.printf("not delivered: alert %s (%s): endpoint '%s' is no longer in webhooks.endpoints%n", alertId, where, letter.endpoint());
            return CompletableFuture.completedFuture(Outcome.FAILED);
        }
        return deliverer.deliver(endpoint, letter.alert()).thenApply(result -> {
            if (result.isDelivered()) {
                return Outcome.SENT;
            }
            out.printf("not delivered: alert %s to %s (%s) after %d attempts: %s%n",
                    alertId, endpoint.name(), where, result.attempts(), result.lastError());
            return Outcome.FAILED;
        });
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic, String bootstrapServers) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw new InvalidConfigException("cannot read topic " + topic + " from Kafka at " + bootstrapServers
                    + " (kafka.bootstrapServers): " + e.getMessage());
        }
        if (infos == null || infos.isEmpty()) {
            throw new InvalidConfigException("config key 'webhooks.deadLetterTopic': topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static Map<String, Object> consumerConfig(JobConfig job) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, job.kafka.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // one poll is re-delivered concurrently: as many as the job itself keeps in flight
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, job.webhooks.maxInFlight,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
