package org.insurwatch.jobs.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The deterministic alert id: the same rule over the same evidence events always yields the same id, so
 * retries, restarts and replays overwrite one document instead of adding another. The rule version is left
 * out on purpose: a back-test compares the verdicts of two versions on the same evidence by this id.
 */
public final class AlertIds {
    private AlertIds() {
    }

    public static String of(String ruleId, String... evidenceEventIds) {
        String[] sorted = evidenceEventIds.clone();
        Arrays.sort(sorted);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(ruleId.getBytes(StandardCharsets.UTF_8));
        for (String id : sorted) {
            sha.update((byte) 0);
            sha.update(id.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
