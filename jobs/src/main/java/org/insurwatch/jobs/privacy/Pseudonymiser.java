package org.insurwatch.jobs.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Turns an insured person's id into a keyed pseudonym (HMAC-SHA256), so alerts can link events of one person
 * without anyone downstream learning who it is; without the key the id cannot be recovered or guessed by
 * hashing candidate ids.
 */
public final class Pseudonymiser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private transient Mac mac;

    public Pseudonymiser(byte[] key) {
        this.key = key.clone();
    }

    public String pseudonym(String insuredPersonId) {
        if (insuredPersonId == null || insuredPersonId.isEmpty()) {
            return null;
        }
        byte[] digest = mac().doFinal(insuredPersonId.getBytes(StandardCharsets.UTF_8));
        return "P-" + HexFormat.of().formatHex(digest, 0, 12);
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }
        return mac;
    }
}
