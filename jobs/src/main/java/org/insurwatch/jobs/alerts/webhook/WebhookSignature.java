package org.insurwatch.jobs.alerts.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a webhook request proves it comes from insurwatch and was not altered or replayed later.
 *
 * <p>Every alert is sent as {@code POST <url>}, body = the alert as JSON ({@code AlertDocument}), with:
 * <pre>
 * Content-Type:            application/json
 * X-Insurwatch-Alert-Id:   &lt;alertId&gt;
 * Idempotency-Key:         &lt;alertId&gt;            the same on every retry and re-send: de-duplicate on it
 * X-Insurwatch-Timestamp:  &lt;unix seconds&gt;       when this attempt was signed
 * X-Insurwatch-Signature:  v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 * The MAC covers the timestamp header exactly as sent, a dot, and the raw body bytes. A receiver recomputes it
 * over the bytes it received (before any JSON parsing), compares in constant time, rejects a timestamp more
 * than a few minutes from its clock (a captured request cannot be replayed later), and answers 2xx once it has
 * stored the alert. {@link #verify} is the reference implementation receivers can copy.
 */
public final class WebhookSignature {
    public static final String ALERT_ID = "X-Insurwatch-Alert-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String TIMESTAMP = "X-Insurwatch-Timestamp";
    public static final String SIGNATURE = "X-Insurwatch-Signature";
    private static final String VERSION = "v1=";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE} header value for {@code body} sent at {@code timestamp} (unix seconds). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return VERSION + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * True if {@code signatureHeader} is the signature of {@code body} under {@code secret} and
     * {@code timestamp} (the {@value #TIMESTAMP} header as received) is within {@code tolerance} of {@code now}.
     */
    public static boolean verify(byte[] secret, String timestamp, byte[] body, String signatureHeader,
                                 Instant now, Duration tolerance) {
        if (timestamp == null || !timestamp.matches("\\d{1,18}") || signatureHeader == null
                || !signatureHeader.startsWith(VERSION)) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > tolerance.toSeconds()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(signatureHeader.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // constant time: a byte-by-byte early exit would let an attacker learn the MAC one byte at a time
        return MessageDigest.isEqual(mac(secret, timestamp, body), claimed);
    }

    private static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
