package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.jobs.alerts.AlertDocument;
import org.insurwatch.schema.alert.Alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers an alert to an endpoint without blocking the caller: each attempt is an asynchronous request,
 * each pause a scheduled task, and the returned future ends once the alert is delivered or given up, which
 * {@link RetryPolicy} bounds in time.
 */
final class WebhookDeliverer implements AutoCloseable {
    private final RetryPolicy retry;
    private final Runnable onRetry;
    // HTTP/1.1: no h2c upgrade attempt against plain-http receivers; the client's connection pool gives the parallelism
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService pauses = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "webhook-retries");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code onRetry} runs once per failed attempt that is followed by another. */
    WebhookDeliverer(RetryPolicy retry, Runnable onRetry) {
        this.retry = retry;
        this.onRetry = onRetry;
    }

    CompletableFuture<DeliveryResult> deliver(WebhookEndpoint endpoint, Alert alert) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        attempt(endpoint, alert, AlertDocument.toBytes(alert), 1, result);
        return result;
    }

    private void attempt(WebhookEndpoint endpoint, Alert alert, byte[] body, int attempt, CompletableFuture<DeliveryResult> result) {
        CompletableFuture<HttpResponse<Void>> exchange;
        try {
            exchange = http.sendAsync(endpoint.request(alert.getAlertId(), body, Instant.now()), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            result.complete(new DeliveryResult(endpoint, alert, attempt, e.toString()));
            return;
        }
        // one deadline for the whole exchange: HttpRequest.timeout stops counting at the response headers, and a
        // receiver stalling in its body must not hold a checkpoint; cancelling the exchange closes its connection
        exchange.copy().orTimeout(retry.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error != null) {
                exchange.cancel(true);
            }
            if (error == null && response.statusCode() / 100 == 2) {
                result.complete(DeliveryResult.delivered(endpoint, alert, attempt));
                return;
            }
            String failure = error == null ? "HTTP " + response.statusCode() : describe(error);
            boolean retryable = error == null ? RetryPolicy.retryable(response.statusCode()) : isTransient(error);
            if (!retryable || attempt >= retry.maxAttempts()) {
                result.complete(new DeliveryResult(endpoint, alert, attempt, failure));
                return;
            }
            onRetry.run();
            pauses.schedule(() -> attempt(endpoint, alert, body, attempt + 1, result), retry.backoffMillis(attempt), TimeUnit.MILLISECONDS);
        });
    }

    /** Connection errors and timeouts: the receiver may be back on the next attempt. */
    private static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    private String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            return "no response within " + retry.requestTimeout();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stops scheduling retries; deliveries still pending never end, which is fine for a writer being closed. */
    @Override
    public void close() {
        pauses.shutdownNow();
    }
}
