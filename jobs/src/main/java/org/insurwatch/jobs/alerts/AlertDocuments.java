package org.insurwatch.jobs.alerts;

import org.insurwatch.jobs.elasticsearch.ElasticsearchDocuments;
import org.insurwatch.schema.alert.Alert;

/** Alerts in the alert index, one document per alert id. */
public record AlertDocuments(String index) implements ElasticsearchDocuments<Alert> {
    public static final String TEMPLATE = "/index-templates/insurwatch-alerts.json";

    @Override
    public String templateResource() {
        return TEMPLATE;
    }

    /** By detection time: a dashboard's "last 24 hours" shows what was found in them, and it never changes later. */
    @Override
    public long time(Alert alert) {
        return alert.getDetectedAt().toEpochMilli();
    }

    @Override
    public String id(Alert alert) {
        return alert.getAlertId();
    }

    @Override
    public byte[] json(Alert alert) {
        return AlertDocument.toBytes(alert);
    }
}
