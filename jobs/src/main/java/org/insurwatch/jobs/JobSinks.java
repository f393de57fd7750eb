package org.insurwatch.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.insurwatch.jobs.alerts.AlertDocuments;
import org.insurwatch.jobs.alerts.KafkaSinks;
import org.insurwatch.jobs.alerts.webhook.WebhookSink;
import org.insurwatch.jobs.elasticsearch.ElasticsearchSink;
import org.insurwatch.jobs.summaries.ChainHealth;
import org.insurwatch.jobs.summaries.DoctorActivity;
import org.insurwatch.jobs.summaries.SummaryDocuments;
import org.insurwatch.schema.alert.Alert;
import org.insurwatch.schema.alert.DeadLetter;

import java.util.ArrayList;
import java.util.List;

/** Where the job's outputs go: alerts (to every sink listed), dead letters, and the dashboards' summaries. */
public record JobSinks(List<Sink<Alert>> alerts, Sink<DeadLetter> deadLetters, Sink<ChainHealth> chainHealth,
                       Sink<DoctorActivity> doctorActivity) {

    /** The production outputs: Kafka topics and Elasticsearch indices named in the config, and webhooks if it names endpoints. */
    public static JobSinks kafkaAndElasticsearch(JobConfig config) {
        JobConfig.Elasticsearch es = config.elasticsearch;
        List<Sink<Alert>> alerts = new ArrayList<>(List.of(
                KafkaSinks.alerts(config.kafka), new ElasticsearchSink<>(es, new AlertDocuments(es.alertsIndex))));
        if (!config.webhooks.endpoints.isEmpty()) {
            // last in the list: the sinks' operator uids carry their position, which savepoints must keep finding
            alerts.add(new WebhookSink(config.webhooks, config.kafka));
        }
        return new JobSinks(
                alerts,
                KafkaSinks.deadLetters(config.kafka),
                new ElasticsearchSink<>(es, new SummaryDocuments.ChainHealthDocuments(es.chainHealthIndex)),
                new ElasticsearchSink<>(es, new SummaryDocuments.DoctorActivityDocuments(es.doctorActivityIndex)));
    }

    /** Alerts and dead letters only, the summaries dropped: for runs that judge rules and nothing else. */
    public static JobSinks alertsOnly(List<Sink<Alert>> alerts, Sink<DeadLetter> deadLetters) {
        return new JobSinks(alerts, deadLetters, new DiscardingSink<>(), new DiscardingSink<>());
    }
}
