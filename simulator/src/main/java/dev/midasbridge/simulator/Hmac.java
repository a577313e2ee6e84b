package dev.midasbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stand-in's own HMAC-SHA256 in lowercase hex (API.md section 4: keys and messages as UTF-8) and its
 * constant-time comparison, written for the stand-in so that it checks the adapters' signers independently.
 */
final class Hmac {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hmac() {}

    /** HMAC-SHA256 of {@code message} under {@code key}, both as UTF-8, in lowercase hex. */
    static String hex(String key, String message) {
        return hex(key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code message} under {@code key}, in lowercase hex. */
    static String hex(byte[] key, byte[] message) {
        return hex(key, message, null);
    }

    /** HMAC-SHA256 of {@code prefix} followed by {@code message} (prefix may be null), in lowercase hex. */
    static String hex(byte[] key, byte[] prefix, byte[] message) {
        Mac mac = mac(key);
        if (prefix != null) {
            mac.update(prefix);
        }
        if (message != null) {
            mac.update(message);
        }
        byte[] digest = mac.doFinal();
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 15];
            out[2 * i + 1] = HEX[digest[i] & 15];
        }
        return new String(out);
    }

    /**
     * Per thread, a Mac per key: looking up the provider and setting up a key cost about as much as
     * signing a short body, and a request checks two signatures. A Mac is reset by {@code doFinal}.
     */
    private static final ThreadLocal<Macs> MACS = ThreadLocal.withInitial(Macs::new);

    private static Mac mac(byte[] key) {
        return MACS.get().get(key);
    }

    /** A thread's Macs by key (each player's session_key, the AppKeys): bounded, emptied when full. */
    private static final class Macs {
        private static final int MAX = 512;
        private final java.util.HashMap<java.nio.ByteBuffer, Mac> byKey = new java.util.HashMap<>();

        Mac get(byte[] key) {
            java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(key);
            Mac mac = byKey.get(k);
            if (mac == null) {
                if (byKey.size() >= MAX) {
                    byKey.clear();
                }
                mac = fresh(key);
                byKey.put(java.nio.ByteBuffer.wrap(key.clone()), mac);
            }
            return mac;
        }
    }

    private static Mac fresh(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal in HMAC but SecretKeySpec refuses it; a single zero byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether {@code a} and {@code b} are equal, in time that depends only on their lengths (never on where they
     * differ). Null equals nothing.
     */
    static boolean equal(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int diff = x.length ^ y.length;
        int n = Math.max(x.length, y.length);
        for (int i = 0; i < n; i++) {
            byte p = i < x.length ? x[i] : 0;
            byte q = i < y.length ? y[i] : 0;
            diff |= p ^ q;
        }
        return diff == 0;
    }
}
