package dev.midasbridge.simulator;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The tests' own HMAC-SHA256 (straight from the JDK), so that they never sign with the server's {@code Hmac}. */
final class TestHmac {
    private TestHmac() {}

    static String hex(String key, String message) {
        return hex(key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : mac.doFinal(message)) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
