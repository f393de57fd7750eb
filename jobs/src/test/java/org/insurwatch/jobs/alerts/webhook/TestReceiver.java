package org.insurwatch.jobs.alerts.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A webhook receiver on a real local HTTP server that behaves as the README asks of one: it verifies the
 * signature (401 if wrong), stores the alert, and de-duplicates by Idempotency-Key. What it answers to the
 * n-th request (from 1) is scripted, to play a receiver that fails, hangs, or works.
 */
final class TestReceiver implements AutoCloseable {
    /** What to answer, after how long. An accepted alert is stored before the pause, as a slow real receiver would. */
    record Reply(int status, Duration pause) {
        static Reply status(int status) {
            return new Reply(status, Duration.ZERO);
        }
    }

    record Received(String idempotencyKey, String alertId, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final byte[] secret;
    private final IntFunction<Reply> script;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();

    TestReceiver(String secret, IntFunction<Reply> script) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            int n = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            if (!WebhookSignature.verify(secret, headers.getFirst(WebhookSignature.TIMESTAMP), body,
                    headers.getFirst(WebhookSignature.SIGNATURE), Instant.now(), Duration.ofMinutes(5))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Reply reply = script.apply(n);
            if (reply.status() / 100 == 2) {
                stored.add(new Received(headers.getFirst(WebhookSignature.IDEMPOTENCY_KEY),
                        headers.getFirst(WebhookSignature.ALERT_ID), new String(body, StandardCharsets.UTF_8)));
            }
            Thread.sleep(reply.pause().toMillis());
            exchange.sendResponseHeaders(reply.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    int requests() {
        return requests.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    List<Received> stored() {
        return stored;
    }

    /** What the receiver keeps after de-duplicating by Idempotency-Key. */
    Set<String> keys() {
        return stored.stream().map(Received::idempotencyKey).collect(Collectors.toSet());
    }

    int duplicates() {
        return stored.size() - keys().size();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
