package org.insurwatch.jobs.alerts.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {
    private static final byte[] SECRET = "whsec-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alertId\":\"a1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void theSignatureIsHexHmacSha256OfTimestampDotBody() {
        // the same value as: printf '1700000000.{"alertId":"a1"}' | openssl dgst -sha256 -hmac whsec-test-secret-0123456789
        assertThat(WebhookSignature.sign(SECRET, "1700000000", BODY))
                .isEqualTo("v1=d73540515e2caae6b5e8ff9c2af49be421fac8e2287176ccfe2ef05061788a8c");
    }

    @Test
    void aSignedRequestVerifiesWithTheSameSecret() {
        String signature = WebhookSignature.sign(SECRET, "1700000000", BODY);
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.plusSeconds(30), FIVE_MINUTES)).isTrue();
    }

    @Test
    void aWrongSecretAnAlteredBodyOrTimestampAndAStaleRequestAreRejected() {
        String signature = WebhookSignature.sign(SECRET, "1700000000", BODY);
        byte[] otherSecret = "whsec-another-secret-98765".getBytes(StandardCharsets.UTF_8);
        byte[] altered = "{\"alertId\":\"a2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify(otherSecret, "1700000000", BODY, signature, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", altered, signature, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000001", BODY, signature, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.plus(Duration.ofMinutes(6)), FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature, NOW.minus(Duration.ofMinutes(6)), FIVE_MINUTES)).isFalse();
    }

    @Test
    void malformedHeadersAreRejectedNotThrown() {
        String signature = WebhookSignature.sign(SECRET, "1700000000", BODY);
        assertThat(WebhookSignature.verify(SECRET, null, BODY, signature, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "soon", BODY, signature, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, null, NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature.substring(3), NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, "v1=not-hex", NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, "v1=00", NOW, FIVE_MINUTES)).isFalse();
    }
}
