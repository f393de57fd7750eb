package org.insurwatch.jobs.alerts.webhook;

import org.insurwatch.jobs.InvalidConfigException;
import org.insurwatch.schema.alert.RuleCategory;
import org.insurwatch.schema.alert.Severity;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code webhooks} section of the job config: where alerts are pushed, which alerts each receiver wants,
 * and how hard a delivery tries before its alert goes to the dead-letter topic. The HMAC secrets are not part
 * of it: each endpoint names the environment variable or file that holds its secret, so the config can be
 * committed and logged.
 */
public final class WebhookConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public List<Endpoint> endpoints = List.of();
    public Retry retry = new Retry();
    /** Alerts that exhausted their attempts, for {@code webhooks-resend}. */
    public String deadLetterTopic = "webhook-dead-letters";
    /** Deliveries pending per sink subtask; a full window blocks the sink, which back-pressures the job. */
    public int maxInFlight = 100;

    public static final class Endpoint implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Names the endpoint in dead letters, metrics and on the command line. */
        public String name = "";
        public String url = "";
        /** Environment variable holding the HMAC secret … */
        public String secretEnv = "";
        /** … or a file holding it; exactly one of the two is set. */
        public String secretFile = "";
        /** Rule families the receiver wants; empty = all. */
        public List<RuleCategory> categories = List.of();
        public Severity minSeverity = Severity.LOW;
        /** Pooling regions (统筹区 codes) the receiver wants; empty = all. */
        public List<String> poolingRegions = List.of();
    }

    /**
     * The defaults bound a delivery to 5 × 5 s + 0.5 + 1 + 2 + 4 s = 32.5 s, which is also the longest a
     * checkpoint waits for it.
     */
    public static final class Retry implements Serializable {
        private static final long serialVersionUID = 1L;
        public int maxAttempts = 5;
        public Duration initialBackoff = Duration.ofMillis(500);
        public Duration maxBackoff = Duration.ofSeconds(10);
        /** From sending the request to the last byte of the response. */
        public Duration requestTimeout = Duration.ofSeconds(5);
    }

    /** Checks every value; throws {@link InvalidConfigException} naming the first bad key. */
    public void validate() {
        require(endpoints != null && retry != null, "webhooks", "a section is empty; remove it to take the defaults");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String key = "webhooks.endpoints[" + i + "]";
            Endpoint e = endpoints.get(i);
            require(e != null, key, "is empty");
            require(e.name != null && e.name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), key + ".name",
                    "must be letters, digits, '.', '_' or '-' (it travels in Kafka headers and on the command line)");
            require(names.add(e.name), key + ".name", "'" + e.name + "' is already the name of another endpoint");
            require(isHttpUrl(e.url), key + ".url", "must be an http:// or https:// URL");
            require(blank(e.secretEnv) != blank(e.secretFile), key, "set exactly one of secretEnv and secretFile");
            require(e.categories != null && e.categories.stream().noneMatch(Objects::isNull), key + ".categories", "use [] for all rule families");
            require(e.minSeverity != null, key + ".minSeverity", "must be one of LOW, MEDIUM, HIGH, CRITICAL");
            require(e.poolingRegions != null && e.poolingRegions.stream().noneMatch(WebhookConfig::blank),
                    key + ".poolingRegions", "use [] for all regions");
        }
        require(retry.maxAttempts >= 1, "webhooks.retry.maxAttempts", "must be at least 1");
        positive(retry.initialBackoff, "webhooks.retry.initialBackoff");
        positive(retry.maxBackoff, "webhooks.retry.maxBackoff");
        require(retry.maxBackoff.compareTo(retry.initialBackoff) >= 0, "webhooks.retry.maxBackoff",
                "must not be shorter than webhooks.retry.initialBackoff");
        positive(retry.requestTimeout, "webhooks.retry.requestTimeout");
        require(!blank(deadLetterTopic), "webhooks.deadLetterTopic", "must not be empty");
        require(maxInFlight >= 1, "webhooks.maxInFlight", "must be at least 1");
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isNegative() && !d.isZero(), key, "must be a positive ISO-8601 duration such as PT5S");
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new InvalidConfigException("config key '" + key + "' " + what);
        }
    }
}
