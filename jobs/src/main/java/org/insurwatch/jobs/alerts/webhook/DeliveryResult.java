package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.schema.alert.Alert;

/** How one delivery of an alert to an endpoint ended: delivered, or given up with the last error. */
record DeliveryResult(WebhookEndpoint endpoint, Alert alert, int attempts, String lastError) {

    static DeliveryResult delivered(WebhookEndpoint endpoint, Alert alert, int attempts) {
        return new DeliveryResult(endpoint, alert, attempts, null);
    }

    boolean isDelivered() {
        return lastError == null;
    }
}
