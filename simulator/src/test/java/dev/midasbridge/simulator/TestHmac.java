package dev.midasbridge.simulator;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own HMAC-SHA256 (straight from the JDK), so that they never sign with the server's {@code Hmac}. Shared
 * through the test-jar with the gateway's hostile suite.
 */
public final class TestHmac {
    private TestHmac() {}

    public static String hex(String key, String message) {
        return hex(key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] key, byte[] message) {
        Mac mac = mac(key);
        return hex(mac.doFinal(message));
    }

    /** A Mac keyed with {@code key}, for signing a body streamed through {@code update} (huge bodies). */
    public static Mac mac(String key) {
        return mac(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex, as both versions' signatures are written. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
