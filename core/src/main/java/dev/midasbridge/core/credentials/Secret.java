package dev.midasbridge.core.credentials;

import dev.midasbridge.core.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret string (AppKey, session_key, access token, app secret). Its {@code toString()} is always
 * {@code ****}; {@link #reveal()} hands the value only to code that signs or sends it.
 */
public final class Secret {
    /** What every secret prints as. */
    public static final String MASK = "****";

    private final String value;
    private final byte[] utf8;

    private Secret(String value) {
        this.value = value;
        this.utf8 = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Wraps {@code value}; it must not be empty. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The secret itself: for signing and sending only, never for logs or messages. */
    public String reveal() {
        return value;
    }

    /** The secret as UTF-8 bytes (a fresh copy), e.g. an HMAC key. */
    public byte[] utf8() {
        return utf8.clone();
    }

    /** HMAC-SHA256 of {@code message} keyed by this secret's UTF-8 bytes, lowercase hex. */
    public String hmacSha256Hex(byte[] message) {
        return dev.midasbridge.core.crypto.HmacSha256.hex(this, utf8, message);
    }

    /**
     * This thread's HMAC-SHA256 keyed by this secret, for a message fed in slices: finish it ({@code doFinal}) on
     * this thread before asking for another Mac.
     */
    public javax.crypto.Mac hmacSha256() {
        return dev.midasbridge.core.crypto.HmacSha256.threadMac(this, utf8);
    }

    /** The length of {@link #utf8()}. */
    public int utf8Length() {
        return utf8.length;
    }

    /**
     * Copies this secret's UTF-8 bytes into {@code into} from {@code at}: for a signer building a message that
     * contains the secret in a buffer it reuses (the buffer must never reach a log or an exception).
     */
    public void copyUtf8(byte[] into, int at) {
        System.arraycopy(utf8, 0, into, at, utf8.length);
    }

    /** Replaces every occurrence of this secret in {@code text} with {@link #MASK}. */
    public String maskIn(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    /** Constant-time comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && ConstantTime.equals(value, other.value);
    }

    /** Constant, so that hash tables leak nothing about the value. */
    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
