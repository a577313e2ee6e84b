package dev.midasbridge.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as both APIs use it: key and message as UTF-8, result as lowercase hex. */
public final class HmacSha256 {
    private static final byte[] HEX_BYTES = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Per thread, the last few keys' initialised Macs: HMAC key set-up costs about as much as a short message. */
    private static final ThreadLocal<MacCache> MACS = ThreadLocal.withInitial(MacCache::new);

    private HmacSha256() {}

    /** HMAC-SHA256 of the UTF-8 bytes of {@code message} under the UTF-8 bytes of {@code key}, lowercase hex. */
    public static String hex(String key, String message) {
        return hex(key.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC-SHA256 of {@code message} under {@code key}, lowercase hex, where {@code owner} is an immutable object that
     * stands for the key (e.g. the {@code Secret} holding it): repeated calls with the same owner reuse the thread's
     * initialised Mac without comparing key bytes.
     */
    public static String hex(Object owner, byte[] key, byte[] message) {
        return toHex(MACS.get().forOwner(owner, key).doFinal(message));
    }

    /** HMAC-SHA256 of {@code message} under {@code key}, lowercase hex. */
    public static String hex(byte[] key, byte[] message) {
        return toHex(raw(key, message));
    }

    /** HMAC-SHA256 of {@code message} under {@code key}, 32 raw bytes. */
    public static byte[] raw(byte[] key, byte[] message) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty");
        }
        return MACS.get().forKey(key).doFinal(message);
    }

    /**
     * This thread's Mac keyed by {@code key}, ready for a message fed in slices ({@code update}), cached per
     * {@code owner} as in {@link #hex(Object, byte[], byte[])}. Finish it ({@code doFinal}) on this thread before
     * asking for another: two owners with equal keys share one Mac.
     */
    public static Mac threadMac(Object owner, byte[] key) {
        return MACS.get().forOwner(owner, key);
    }

    /** Lowercase hex of {@code bytes}. */
    public static String toHex(byte[] bytes) {
        // ASCII digits as Latin-1 bytes: the String takes them with one copy (no char[] to compress)
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_BYTES[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_BYTES[bytes[i] & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** A small per-thread cache of Macs initialised with a key; keys compared in constant time. */
    private static final class MacCache {
        private static final int SIZE = 4;
        private final byte[][] keys = new byte[SIZE][];
        private final Object[] owners = new Object[SIZE];
        private final Mac[] macs = new Mac[SIZE];
        private int next;

        Mac forOwner(Object owner, byte[] key) {
            for (int i = 0; i < SIZE; i++) {
                if (owners[i] == owner) {
                    return macs[i];
                }
            }
            Mac mac = forKey(key);
            for (int i = 0; i < SIZE; i++) {
                if (macs[i] == mac) {
                    owners[i] = owner;
                }
            }
            return mac;
        }

        Mac forKey(byte[] key) {
            for (int i = 0; i < SIZE; i++) {
                if (keys[i] != null && java.security.MessageDigest.isEqual(keys[i], key)) {
                    return macs[i];
                }
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                int slot = next;
                next = (next + 1) % SIZE;
                keys[slot] = key.clone();
                owners[slot] = null;
                macs[slot] = mac;
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JDK or refused its key", e);
            }
        }
    }
}
